import type { ShownSlot, SlotSpec } from '@/lib/platform/documents/slots';

/** A translator with the whole catalog (`await getTranslations()` on the server): keys are known only at run time here. */
export type Translator = { (key: never): string; has(key: never): boolean };

/**
 * The slot with its label and help translated (a message key) or kept (plain text): what UploadField shows.
 * Done on the server, where the whole catalog is at hand, so the upload field's client code translates no
 * slot label and no layout has to hand every module's slot labels to the browser. Only the fields the upload
 * field reads are kept: a kind's slot may carry more (formOnly …), which the browser has no use for.
 */
export function shownSlot(t: Translator, slot: SlotSpec): ShownSlot {
  const text = (k: string) => (t.has(k as never) ? t(k as never) : k);
  const { key, types, maxBytes, required, multiple } = slot;
  return { key, label: text(slot.label), help: slot.help ? text(slot.help) : undefined, types, maxBytes, required, multiple, shown: true };
}
