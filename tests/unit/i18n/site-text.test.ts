import { describe, expect, it } from 'vitest';
import { fillSiteText, localizeSiteText } from '@/i18n/site-text';
import { ACCREDITATION_SETTING_DEFAULTS } from '@/lib/modules/accreditation/settings/defaults';
import { senderAddress } from '@/lib/platform/email/env';
import { PLATFORM_SETTING_DEFAULTS, type SupportContacts } from '@/lib/platform/settings';

const cjk = /[\u3400-\u9fff]/;

describe('site texts in English (issue #18 §11)', () => {
  const notice = ACCREDITATION_SETTING_DEFAULTS['notice.accreditation.login'] as { title: string; body: string };
  const notes = ACCREDITATION_SETTING_DEFAULTS['accreditation.preApplicationNotes'] as string[];
  const fields = ACCREDITATION_SETTING_DEFAULTS['accreditation.businessFields'] as Array<{ key: string; label: string }>;
  const hours = (PLATFORM_SETTING_DEFAULTS['site.support'] as SupportContacts).hours;

  it('the module-A login notice, the pre-application notes 1–9, the business fields and the support hours have English texts', () => {
    for (const text of [notice.title, notice.body, ...notes, ...fields.map((f) => f.label), hours]) {
      const en = localizeSiteText(text, 'en');
      expect(en, text).not.toMatch(cjk);
      expect(localizeSiteText(text, 'zh-CN')).toBe(text);
    }
    expect(localizeSiteText(notice.body, 'en').split('\n\n')).toHaveLength(5);
    expect(localizeSiteText(hours, 'en')).toBe('Weekdays 9:00–17:00');
  });

  it('a text staff rewrote stays as written', () => {
    expect(localizeSiteText('周一至周五 8:30–17:30', 'en')).toBe('周一至周五 8:30–17:30');
  });

  it('note 6 names the address emails are really sent from (issue #18 §12)', () => {
    const note6 = notes.find((n) => n.includes('{sender}'))!;
    expect(fillSiteText(note6, { sender: senderAddress('认证认可服务平台 <noreply@accredit.local>') })).toBe('本系统向用户发送邮件所用的系统邮箱是 noreply@accredit.local，请将其加入邮箱白名单。');
    expect(fillSiteText(localizeSiteText(note6, 'en'), { sender: 'noreply@accredit.local' })).toContain('noreply@accredit.local');
    expect(senderAddress('noreply@example.cn')).toBe('noreply@example.cn');
    expect(notes.join('')).not.toContain('accredit.example.cn');
  });
});
