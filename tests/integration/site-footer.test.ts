import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, siteSettings } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { DEMO_FILING, seedDemoA11y } from '@/db/seed/demo-a11y';
import { createStaff, createUser } from '@/db/seed/factories';
import { siteFooterSettings, updateSiteFooterDef } from '@/lib/modules/staff-admin/services/site-footer';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { FILING_SETTING, getSetting, psbUrl, setSetting, SUPPORT_SETTING, type SupportContacts } from '@/lib/platform/settings';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

/**
 * 页脚设置 (issue #17 point 8): the ICP and public-security filing numbers and
 * the platform's support contacts shown in the public footer. Admins only,
 * validated next to each field, one audited transaction; a refusal changes nothing.
 */

let h: DbHandle;
let admin: Actor;
let reviewer: Actor;
let individual: Actor;
beforeAll(async () => {
  h = await createTestDb();
  admin = await actorOfDb(h.db, (await createStaff(h.db, [{ role: 'admin' }])).id);
  reviewer = await actorOfDb(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
  individual = await actorOfDb(h.db, (await createUser(h.db)).id);
});
afterAll(async () => {
  await h.close();
});
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
const audits = async () => Number((await h.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'settings.changed'), eq(auditLog.targetId, 'site.footer'))))[0].n);
const snapshot = async () => (await h.db.select().from(siteSettings)).filter((r) => r.key === FILING_SETTING || r.key === SUPPORT_SETTING).map((r) => JSON.stringify([r.key, r.value]));

const valid = { icp: '浙ICP备12345678号-2', psb: '浙公网安备33010602000123号', phone: '0571-8888 1234', email: 'help@example.cn', qqGroup: '87654321', hours: '工作日 8:30–17:30' };

describe('footer settings', () => {
  it('ships empty filing numbers (the footer then shows none) and the platform support contacts', async () => {
    expect(await siteFooterSettings(h.db)).toMatchObject({ icp: '', psb: '', phone: '010-6786 0000', email: 'support@accredit.example.cn' });
  });

  it('refuses everyone but an admin, changing nothing', async () => {
    const before = await snapshot();
    expect(await call(updateSiteFooterDef, ANONYMOUS, valid)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(updateSiteFooterDef, individual, valid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateSiteFooterDef, reviewer, valid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await snapshot()).toEqual(before);
    expect(await audits()).toBe(0);
  });

  it('refuses numbers that are not filing numbers, with a Chinese message per field, changing nothing', async () => {
    const before = await snapshot();
    const r = await call(updateSiteFooterDef, admin, { icp: 'ICP 12345', psb: '京公网安备123号', phone: 'abc', email: 'not-an-email', qqGroup: '12', hours: 'x'.repeat(61) });
    expect(r).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      fieldErrors: {
        icp: ['ICP备案号格式不正确，例如：京ICP备12345678号-1'],
        psb: ['公安备案号格式不正确，例如：京公网安备11010502000001号'],
        phone: ['请输入有效的客服电话，例如：010-6786 0000'],
        email: ['请输入有效的电子邮箱'],
        qqGroup: ['QQ群号须为5至12位数字'],
        hours: ['服务时间不能超过60个字'],
      },
    });
    expect(await snapshot()).toEqual(before);
    expect(await audits()).toBe(0);
  });

  it('an admin saves them in one audited change; the support contacts keep their other entries', async () => {
    await setSetting(h.db, SUPPORT_SETTING, { phone: '1', email: '', qqGroup: '', hours: '', phoneContact: '宫经理', contacts: [{ name: '张静', phones: '0551-62818875' }] } satisfies SupportContacts);
    const r = await call(updateSiteFooterDef, admin, { ...valid, icp: `  ${valid.icp} ` });
    expect(r).toMatchObject({ ok: true, data: valid });
    expect(await getSetting(h.db, FILING_SETTING)).toEqual({ icp: valid.icp, psb: valid.psb });
    expect(await getSetting(h.db, SUPPORT_SETTING)).toEqual({ phone: valid.phone, email: valid.email, qqGroup: valid.qqGroup, hours: valid.hours, phoneContact: '宫经理', contacts: [{ name: '张静', phones: '0551-62818875' }] });
    expect(await siteFooterSettings(h.db)).toEqual(valid);
    expect(await audits()).toBe(1);
    const [row] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'settings.changed'), eq(auditLog.targetId, 'site.footer')));
    expect(row.actorId).toBe(admin.kind === 'staff' ? admin.id : '');
    // The audit masks the email address as everywhere else.
    expect(row.detail).toMatchObject({ from: { icp: '', phone: '1' }, to: { ...valid, email: 'he***@example.cn' } });
  });

  it('may clear a filing number (the footer leaves it out); the same save twice is harmless', async () => {
    const cleared = { ...valid, psb: '' };
    expect(await call(updateSiteFooterDef, admin, cleared)).toMatchObject({ ok: true });
    expect(await call(updateSiteFooterDef, admin, cleared)).toMatchObject({ ok: true });
    expect(await getSetting(h.db, FILING_SETTING)).toEqual({ icp: valid.icp, psb: '' });
    expect((await h.db.select().from(siteSettings).where(eq(siteSettings.key, FILING_SETTING))).length).toBe(1);
  });

  it('links the public-security number to its record by its digits', () => {
    expect(psbUrl('京公网安备11010502000001号')).toBe('https://beian.mps.gov.cn/#/query/webSearch?code=11010502000001');
  });
});

describe('demo footer', () => {
  it('writes the demo filing numbers only while the setting does not exist', async () => {
    const fresh = await createTestDb();
    try {
      expect(await seedDemoA11y(fresh.db)).toBe(1);
      expect(await getSetting(fresh.db, FILING_SETTING)).toEqual(DEMO_FILING);
      await setSetting(fresh.db, FILING_SETTING, { icp: '', psb: '' });
      expect(await seedDemoA11y(fresh.db)).toBe(0);
      expect(await getSetting(fresh.db, FILING_SETTING)).toEqual({ icp: '', psb: '' });
    } finally {
      await fresh.close();
    }
  });
});
