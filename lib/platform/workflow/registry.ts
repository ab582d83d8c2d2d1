import type { Application } from '@/db/schema';
import { rawCatalogs } from '@/messages/catalog';
import { registerKindSlots } from '../documents/slots';
import type { AnyKind, KindSlot } from './define';

/**
 * Every application kind, registered through its module's manifest
 * (lib/platform/manifest.ts `registerModule`). The registry lives on
 * globalThis: Next.js may load this file in several bundles of one process,
 * and a kind registered at boot must be visible to all of them.
 */
const g = globalThis as unknown as { __accreditKinds?: Map<string, AnyKind> };
const kinds = (g.__accreditKinds ??= new Map());

export function registerKind<K extends AnyKind>(kind: K): K {
  kinds.set(kind.key, kind);
  registerKindSlots(kind.key, kind.slots ?? []);
  return kind;
}

export function getKind(key: string): AnyKind {
  const k = kinds.get(key);
  if (!k) throw new Error(`unknown application kind ${key}`);
  return k;
}

export function findKind(key: string): AnyKind | undefined {
  return kinds.get(key);
}

export function allKinds(): AnyKind[] {
  return [...kinds.values()];
}

/** The states in which the applicant may still edit the form. */
export function editableStates(kind: AnyKind): string[] {
  return Object.entries(kind.states)
    .filter(([, s]) => s.applicantEditable)
    .map(([k]) => k);
}

/**
 * The states in which the applicant may upload, replace or delete files of a
 * slot: the slot's own `applicantStates`, else the kind's editable states.
 * A slot registered for the kind outside its definition (tests) follows the
 * editable states too.
 */
export function slotWritableStates(kindKey: string, slotKey: string): string[] {
  const kind = findKind(kindKey);
  if (!kind) return [];
  const slot = (kind.slots ?? []).find((s) => s.key === slotKey);
  return slot?.applicantStates ? [...slot.applicantStates] : editableStates(kind);
}

/** Whether the reference catalog (Chinese, the one every locale mirrors) holds a message key. */
function hasMessage(key: string): boolean {
  let node: unknown = rawCatalogs['zh-CN'];
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/**
 * A label key of the kind (`name`, `states.<s>`, `steps.<k>`, `actions.<t>`, `slots.<slot>` …)
 * under its messages namespace, or under its `sharedMessages` when only that one has it.
 */
export function kindMessageKey(kindKey: string, part: string): string {
  const kind = findKind(kindKey);
  const own = `${kind?.messages ?? 'workflow.unknownKind'}.${part}`;
  if (kind?.sharedMessages && !hasMessage(own) && hasMessage(`${kind.sharedMessages}.${part}`)) return `${kind.sharedMessages}.${part}`;
  return own;
}

/** Where the applicant opens an application: the kind's own page, else the generic one. */
export function applicantHref(app: Application): string {
  return findKind(app.kind)?.applicantPath?.(app) ?? `/portal/applications/${app.id}`;
}

/** Where staff open an application: the kind's own page, else the generic review page. */
export function staffHref(app: Application): string {
  return findKind(app.kind)?.staffPath?.(app) ?? `/staff/applications/${app.id}`;
}

/** What staff may write into a slot of a kind (roles, states, owner), if anything. */
export function staffSlotWrite(kindKey: string, slotKey: string): NonNullable<KindSlot<string>['staffWrite']> | undefined {
  return (findKind(kindKey)?.slots ?? []).find((s) => s.key === slotKey)?.staffWrite;
}
