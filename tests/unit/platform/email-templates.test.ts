import { describe, expect, it } from 'vitest';
import '@/lib/modules';
import { emailPreviews } from '@/lib/platform/email/previews';
import { EMAIL_TEMPLATES } from '@/lib/platform/email/templates';
import { rawCatalogs } from '@/messages/catalog';

describe('email templates', () => {
  it('every template the platform sends has a name on the staff preview page, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const names = (rawCatalogs[locale] as unknown as { emails: { preview: { templates: Record<string, string> } } }).emails.preview.templates;
      expect(EMAIL_TEMPLATES.map((t) => t.key).filter((k) => !names[k])).toEqual([]);
    }
  });

  it("the preview page lists the platform's templates and the modules', each named in both languages, keys unique", () => {
    const previews = emailPreviews();
    expect(previews.length).toBeGreaterThan(EMAIL_TEMPLATES.length);
    const keys = previews.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const locale of ['zh-CN', 'en'] as const) {
      const get = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], rawCatalogs[locale]);
      expect(previews.filter((p) => typeof get(p.nameKey) !== 'string').map((p) => p.key), locale).toEqual([]);
    }
  });
});
