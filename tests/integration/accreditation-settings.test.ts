import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import type { Actor } from '@/lib/platform/auth/actor';
import { preApplicationFormSchema } from '@/lib/modules/accreditation/pre-application/schemas';
import { businessFields, submitPreApplication } from '@/lib/modules/accreditation/pre-application/services/submit';
import { updateBusinessFieldsDef, updatePreApplicationNotesDef } from '@/lib/modules/accreditation/settings/services/update-settings';
import { getSetting } from '@/lib/platform/settings';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});
const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);

const preApp = (fields: Record<string, { selected: boolean; description: string }>) =>
  preApplicationFormSchema.parse({
    contact: { name: '王联系', phone: '0571-88880000', mobile: '13812345678', email: `s${Date.now()}@example.com` },
    entity: { name: '设置测试检测有限公司', code: randomCreditCode(), address: '杭州市', legalRepresentative: '赵' },
    businessFields: fields,
  });

describe('module-A settings', () => {
  it('a module-A reviewer changes the business fields; the form offers exactly them', async () => {
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const fields = [
      { key: 'laboratory', label: '实验室' },
      { key: 'halalCertification', label: '清真认证机构' },
    ];
    expect(await call(updateBusinessFieldsDef, reviewer, { fields })).toMatchObject({ ok: true, data: { count: 2 } });
    expect(await businessFields(h.db)).toEqual(fields);
    const app = await submitPreApplication(h.db, preApp({ halalCertification: { selected: true, description: '清真食品认证' } }), null);
    expect((app.data as { businessFields: unknown[] }).businessFields).toEqual([{ key: 'halalCertification', label: '清真认证机构', description: '清真食品认证' }]);
    // A removed field is no longer accepted.
    await expect(submitPreApplication(h.db, preApp({ biobank: { selected: true, description: '样本库' } }), null)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('refuses duplicate keys and bad keys with field errors, and wrong actors, changing nothing', async () => {
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const dup = await call(updateBusinessFieldsDef, admin, { fields: [{ key: 'a1', label: 'A' }, { key: 'a1', label: 'B' }] });
    expect(dup).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'fields.1.key': ['标识不能重复'] } });
    const bad = await call(updateBusinessFieldsDef, admin, { fields: [{ key: '实验室', label: 'A' }] });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { 'fields.0.key': ['标识须以小写字母开头，仅含字母、数字或下划线'] } });
    const before = await h.db.select().from(siteSettings).where(eq(siteSettings.key, 'accreditation.preApplicationNotes'));
    const refused: Actor[] = [
      { kind: 'anonymous' },
      await actorOf((await createIndividual(h.db)).id),
      await actorOf((await createOrgAccount(h.db)).user.id),
      await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id),
      await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id),
    ];
    for (const actor of refused) {
      expect((await call(updatePreApplicationNotesDef, actor, { notes: ['越权修改'] })).ok).toBe(false);
      expect((await call(updateBusinessFieldsDef, actor, { fields: [{ key: 'x', label: 'X' }] })).ok).toBe(false);
    }
    expect(await h.db.select().from(siteSettings).where(eq(siteSettings.key, 'accreditation.preApplicationNotes'))).toEqual(before);
    expect(await call(updatePreApplicationNotesDef, admin, { notes: ['第一条', '第二条'] })).toMatchObject({ ok: true });
    expect(await getSetting(h.db, 'accreditation.preApplicationNotes')).toEqual(['第一条', '第二条']);
  });
});
