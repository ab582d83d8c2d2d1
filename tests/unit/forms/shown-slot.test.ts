import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { shownSlot } from '@/components/forms/shown-slot';
import { messagesFor } from '@/messages/catalog';
import { personnelPhotoSlot } from '@/lib/modules/personnel/photo-slot';
import { MB } from '@/lib/platform/documents/slots';

describe('shownSlot: an upload slot as the field shows it', () => {
  const zh = createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN') });
  const en = createTranslator({ locale: 'en', messages: messagesFor('en') });

  it('translates a label and help given as message keys, in the reader’s language', () => {
    const s = shownSlot(zh as never, personnelPhotoSlot);
    expect(s.label).toBe(zh('personnel.profile.photoSlot' as never));
    expect(s.help).toBe(zh('personnel.profile.photoHelp' as never));
    expect(s.label).not.toBe('personnel.profile.photoSlot');
    expect(s.label).toMatch(/[\u4e00-\u9fff]/);
    const e = shownSlot(en as never, personnelPhotoSlot);
    expect(e.label).toBe(en('personnel.profile.photoSlot' as never));
    expect(e.label).not.toBe(s.label);
    // Everything else of the slot stays as it was.
    expect({ ...s, label: personnelPhotoSlot.label, help: personnelPhotoSlot.help, shown: undefined }).toEqual({ ...personnelPhotoSlot, shown: undefined });
    expect(s.shown).toBe(true);
  });

  it('keeps a label that is plain text, and a slot without help has none', () => {
    const s = shownSlot(zh as never, { key: 'onsite', label: '现场评审材料', types: ['pdf'], maxBytes: 10 * MB, required: false });
    expect(s.label).toBe('现场评审材料');
    expect(s.help).toBeUndefined();
  });

  it('keeps only what the upload field reads: a kind slot’s other fields stay on the server', () => {
    const kindSlot = { key: 'licence', label: '营业执照', types: ['pdf' as const], maxBytes: MB, required: true, formOnly: true };
    const s = shownSlot(zh as never, kindSlot);
    expect(Object.keys(s).sort()).toEqual(['help', 'key', 'label', 'maxBytes', 'multiple', 'required', 'shown', 'types']);
    expect(s).not.toHaveProperty('formOnly');
  });
});
