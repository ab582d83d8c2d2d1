import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATES } from '@/lib/platform/email/templates';
import { catalogs } from '@/messages/catalog';

describe('email templates', () => {
  it('every template the platform sends has a name on the staff preview page, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const names = (catalogs[locale] as unknown as { emails: { preview: { templates: Record<string, string> } } }).emails.preview.templates;
      expect(EMAIL_TEMPLATES.map((t) => t.key).filter((k) => !names[k])).toEqual([]);
    }
  });
});
