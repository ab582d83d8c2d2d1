/**
 * Document slots: where a file may go, which real types it may have, how large
 * it may be. Application kinds declare `slots: SlotSpec[]` (built with
 * `defineSlots`) and register them with `registerKindSlots`; files that belong
 * to a person rather than to an application use the personal slots below.
 *
 * Pure data and lookups: imported by client components too (no server code).
 */
export type FileKind = 'pdf' | 'jpg' | 'png' | 'xlsx';

export type SlotSpec = {
  key: string;
  /** A message key (e.g. `documents.slots.personalFiles`) or plain text. */
  label: string;
  types: FileKind[];
  maxBytes: number;
  required: boolean;
  /** Several current files at once (e.g. 我的文件); otherwise a new upload replaces the current one. */
  multiple?: boolean;
  /**
   * What the uploader must mind (the seeds' red notes: 须加盖公章, 签字后上传 …),
   * a message key or plain text, shown in red under the slot's label.
   */
  help?: string;
};

/**
 * A slot as an upload field shows it: `label` and `help` are texts in the reader's language, not message keys.
 * Translated where the page is rendered (components/forms/shown-slot.ts), so the browser needs no slot labels
 * in its messages; the brand makes the compiler refuse a slot that was not.
 */
export type ShownSlot = SlotSpec & { readonly shown: true };

/** Each kind's canonical MIME type (what the content check yields) and the file-name extensions shown to users. */
export const FILE_KINDS: Record<FileKind, { mime: string; extensions: string[] }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', extensions: ['png'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
};

export const MB = 1024 * 1024;

/** The `accept` attribute of a file input for a slot (extensions and MIME types). */
export function acceptOf(types: readonly FileKind[]): string {
  return types.flatMap((k) => [...FILE_KINDS[k].extensions.map((e) => `.${e}`), FILE_KINDS[k].mime]).join(',');
}

/** The kind a browser-declared MIME type or file name claims to be (a claim only: the server checks the content). */
export function declaredKind(fileName: string, contentType?: string): FileKind | null {
  const byMime = (Object.keys(FILE_KINDS) as FileKind[]).find((k) => FILE_KINDS[k].mime === contentType?.toLowerCase());
  if (byMime) return byMime;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (Object.keys(FILE_KINDS) as FileKind[]).find((k) => ext && FILE_KINDS[k].extensions.includes(ext)) ?? null;
}

/** "5 MB", "500 KB": how a limit is shown. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${Number((n / MB).toFixed(1))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** Declares a kind's slots; refuses duplicate keys and nonsense limits at load time. */
export function defineSlots(slots: readonly SlotSpec[]): SlotSpec[] {
  const seen = new Set<string>();
  for (const s of slots) {
    if (!/^[a-z][a-z0-9_]*$/.test(s.key)) throw new Error(`slot key "${s.key}" must be snake_case`);
    if (seen.has(s.key)) throw new Error(`slot "${s.key}" is declared twice`);
    if (!s.types.length) throw new Error(`slot "${s.key}" allows no file type`);
    if (!(s.maxBytes > 0)) throw new Error(`slot "${s.key}" needs a positive maxBytes`);
    seen.add(s.key);
  }
  return [...slots];
}

/** Files of a person, not of an application (the portal's 我的文件, ID photos …). */
export const PERSONAL_FILES_SLOT = 'personal_files';
/** A payer's bank-transfer screenshots (lib/platform/payments/bank-transfer.ts): images only, one current file (the latest upload). */
export const BANK_TRANSFER_SLOT = 'bank_transfer_screenshot';

const builtInPersonalSlots = defineSlots([
  { key: PERSONAL_FILES_SLOT, label: 'documents.slots.personalFiles', types: ['pdf', 'jpg', 'png'], maxBytes: 5 * MB, required: false, multiple: true },
  { key: BANK_TRANSFER_SLOT, label: 'documents.slots.bankTransferScreenshot', types: ['jpg', 'png'], maxBytes: 5 * MB, required: true },
]);

/*
 * The registry lives on globalThis: Next.js may load this module in several
 * bundles (instrumentation, route handlers, server actions) of one process, and
 * a kind registered in one must be visible in all.
 */
type Registry = { kinds: Map<string, readonly SlotSpec[]>; personal: Map<string, SlotSpec> };
const g = globalThis as unknown as { __accreditSlots?: Registry };
function registry(): Registry {
  g.__accreditSlots ??= { kinds: new Map(), personal: new Map(builtInPersonalSlots.map((s) => [s.key, s])) };
  return g.__accreditSlots;
}

/** Called by the workflow's kind registry for every kind that has slots. Re-registering replaces (hot reload). */
export function registerKindSlots(kind: string, slots: readonly SlotSpec[]): void {
  registry().kinds.set(kind, defineSlots(slots));
}

/** Adds personal (non-application) slots, e.g. a module's ID-photo slot. */
export function registerPersonalSlots(slots: readonly SlotSpec[]): void {
  for (const s of defineSlots(slots)) registry().personal.set(s.key, s);
}

export function slotsOfKind(kind: string): readonly SlotSpec[] {
  return registry().kinds.get(kind) ?? [];
}

export function kindSlot(kind: string, key: string): SlotSpec | undefined {
  return slotsOfKind(kind).find((s) => s.key === key);
}

export function personalSlot(key: string): SlotSpec | undefined {
  return registry().personal.get(key);
}
