import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { applications, candidatePhotos, examAreas, examRegistrations, exams, organizations, outbox, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { randomCreditCode, randomMobile } from '@/db/seed/identity-data';
import { GET as regionsRoute } from '@/app/api/regions/[province]/route';
import { profileSchema } from '@/lib/modules/account/profile-schemas';
import { organizationRegistrationSchema } from '@/lib/modules/account/organization-schemas';
import { updateProfileDef } from '@/lib/modules/account/services/account-settings';
import { registerOrganizationDef } from '@/lib/modules/account/services/register-organization';
import { areaFieldsSchema } from '@/lib/modules/exam/admin/schemas';
import { addAreaDef } from '@/lib/modules/exam/admin/services/add-area';
import { updateAreaDef } from '@/lib/modules/exam/admin/services/update-area';
import { registrationInfoSchema } from '@/lib/modules/exam/registration/schemas';
import { acceptExamNoticeDef, saveInfoDef } from '@/lib/modules/exam/registration/services/registration';
import { INFO_CHANGE, INFO_CHANGE_SLOT } from '@/lib/modules/membership/info-change/kind';
import { infoChangeFormSchema } from '@/lib/modules/membership/info-change/schemas';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import type { Actor } from '@/lib/platform/auth/actor';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { routeHandler } from '@/lib/platform/http/route-core';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { provinceRegionsUrl, REGION_DATA_VERSION, type ProvinceRegions } from '@/lib/reference/provinces';
import { isValidRegionCode } from '@/lib/reference/regions';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

/**
 * Issue #17 (light pages): the browser never loads the region tree. The
 * region picker fetches a province's cities and districts from the cached
 * route /api/regions/<code>; the schemas shared with the browser check only a
 * code's shape (6 digits under a known province), so every action that takes a
 * region code must still refuse, on the server, a well-formed code that is not
 * in the tree — with the same message at the same field, and nothing changed.
 */

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const actorOf = (id: string) => actorOfDb(h.db, id);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);

/** Well-formed (6 digits under 北京市 / 浙江省) but in no province, city or district of the tree. */
const UNKNOWN = ['119999', '339999'];

it('the unknown codes used here pass the browser-side shape check and are not in the tree', () => {
  for (const code of UNKNOWN) {
    expect(isValidRegionCode(code)).toBe(false);
    // The shared schemas let them through: the refusals below are the server's own.
    expect(profileSchema.safeParse({ name: '某人', regionCode: code }).success).toBe(true);
    expect(areaFieldsSchema.safeParse({ name: '考区', regionCode: code, capacity: '10' }).success).toBe(true);
    expect(infoChangeFormSchema.safeParse({ changes: { regionCode: code }, reason: '迁址' }).success).toBe(true);
  }
});

// ---------------------------------------------------------------------------
// The route
// ---------------------------------------------------------------------------

describe('GET /api/regions/<province>', () => {
  // The route reads no session: an actor lookup would fail the request.
  const handler = routeHandler(regionsRoute.definition, {
    db: async () => h.db,
    storage: async () => s.storage,
    actor: async () => {
      throw new Error('the region route must not read the session');
    },
  });
  const get = (path: string) => handler(new Request(`http://localhost${path}`), { params: Promise.resolve({ province: path.split('/')[3].split('?')[0] }) });

  it("answers a province's cities and districts with both names, cacheable for good at the current data version", async () => {
    const url = provinceRegionsUrl('330000');
    expect(url).toBe(`/api/regions/330000?v=${REGION_DATA_VERSION}`);
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = (await res.json()) as ProvinceRegions;
    expect(body.version).toBe(REGION_DATA_VERSION);
    expect(body.province).toEqual({ code: '330000', name: '浙江省', nameEn: 'Zhejiang' });
    const hangzhou = body.cities.find((c) => c.code === '330100')!;
    expect(hangzhou).toMatchObject({ name: '杭州市', nameEn: 'Hangzhou' });
    expect(hangzhou.children).toContainEqual({ code: '330106', name: '西湖区', nameEn: 'Xihu District' });
    // Districts are leaves in the answer.
    expect(body.cities.flatMap((c) => c.children ?? []).every((d) => d.children === undefined)).toBe(true);
  });

  it("keeps a municipality's placeholder city nodes (the picker hides them) and answers an empty list for 香港", async () => {
    const beijing = (await (await get(provinceRegionsUrl('110000'))).json()) as ProvinceRegions;
    expect(beijing.cities.map((c) => c.name)).toEqual(['市辖区']);
    expect(beijing.cities[0].children).toContainEqual({ code: '110101', name: '东城区', nameEn: 'Dongcheng District' });
    const hk = await get(provinceRegionsUrl('810000'));
    expect(hk.status).toBe(200);
    expect(((await hk.json()) as ProvinceRegions).cities).toEqual([]);
  });

  it('without the current data version the answer is cached only briefly', async () => {
    for (const path of ['/api/regions/330000', '/api/regions/330000?v=0123456789ab']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=300');
    }
  });

  it('404 for a code that is not a province-level entry', async () => {
    for (const code of ['990000', '330100', '330106', '119999', '33', 'abcdef', '3300000']) {
      const res = await handler(new Request(`http://localhost/api/regions/${code}?v=${REGION_DATA_VERSION}`), { params: Promise.resolve({ province: code }) });
      expect(res.status, code).toBe(404);
      expect(res.headers.get('cache-control'), code).toBe('no-store');
      expect(await res.json(), code).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
  });
});

// ---------------------------------------------------------------------------
// The server's refusals, one per action that takes a region code
// ---------------------------------------------------------------------------

describe('an unknown but well-formed region code is refused on the server with nothing changed', () => {
  it('organization sign-up (机构注册)', async () => {
    const anon = { db: h.db, actor: async () => ({ kind: 'anonymous' }) as const, ip: '10.0.0.7', locale: 'zh-CN' as const };
    const counts = async () => ({
      orgs: Number((await h.db.select({ n: count() }).from(organizations))[0].n),
      accounts: Number((await h.db.select({ n: count() }).from(users))[0].n),
    });
    const before = await counts();
    for (const regionCode of UNKNOWN) {
      const mobile = randomMobile();
      await sendSmsCode(h.db, { mobile, purpose: 'register' }, { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 });
      const [sms] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'sms'), sql`${outbox.payload}->>'to' = ${mobile}`));
      const input = {
        orgName: `地区测试有限公司${regionCode}`,
        creditCode: randomCreditCode(),
        mobile,
        smsCode: (sms.payload as { params: { code: string } }).params.code,
        password: 'Secret123',
        confirmPassword: 'Secret123',
        contactName: '刘洋',
        regionCode,
      };
      expect(organizationRegistrationSchema.safeParse(input).success).toBe(true);
      const r = await invokeAction(registerOrganizationDef, anon, input);
      expect(r, regionCode).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { regionCode: ['请选择到市或区县'] } });
      // Only the region: the rest of the form is fine, and a known code goes through.
      expect(Object.keys((r as { fieldErrors: object }).fieldErrors)).toEqual(['regionCode']);
    }
    expect(await counts()).toEqual(before);
  });

  it("account settings (the organization's 所在地区)", async () => {
    const { user, org } = await createOrgAccount(h.db, {}, { regionCode: '330106' });
    const actor = await actorOf(user.id);
    for (const regionCode of UNKNOWN) {
      expect(await call(updateProfileDef, actor, { name: user.name, contactName: '赵六', regionCode })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { regionCode: ['请选择到市或区县'] } });
    }
    const [after] = await h.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(after).toMatchObject({ regionCode: '330106', contactName: org.contactName });
    expect(await call(updateProfileDef, actor, { name: user.name, regionCode: '110101' })).toMatchObject({ ok: true });
    expect((await h.db.select().from(organizations).where(eq(organizations.id, org.id)))[0].regionCode).toBe('110101');
  });

  it('exam registration info (常住城市)', async () => {
    const now = Date.now();
    const [exam] = await h.db
      .insert(exams)
      .values({ name: `地区测试考试${now}`, periodStart: '2031-01-10', periodEnd: '2031-01-11', registrationOpensAt: new Date(now - 86_400_000), registrationClosesAt: new Date(now + 86_400_000 * 10), notice: '考生须知', status: 'published' })
      .returning();
    const user = await createIndividual(h.db);
    await h.db.insert(candidatePhotos).values({ userId: user.id, originalKey: `o/${user.id}`, processedKey: `p/${user.id}`, width: 240, height: 320, bytes: 9000, background: 'blue', confirmedAt: new Date() });
    const actor = await actorOf(user.id);
    const started = await call(acceptExamNoticeDef, actor, { examId: exam.id });
    expect(started).toMatchObject({ ok: true });
    const registrationId = (started as { data: { registrationId: string } }).data.registrationId;
    const [before] = await h.db.select().from(examRegistrations).where(eq(examRegistrations.id, registrationId));
    const info = { nationality: 'CN', ethnicity: '01', education: '21', employer: '', mobile: '13812345678', address: '杭州市西湖区文三路1号', email: 'c@example.com', invoice: { type: 'personal' } };
    for (const residenceRegion of UNKNOWN) {
      expect(registrationInfoSchema.safeParse({ ...info, residenceRegion }).success).toBe(true);
      expect(await call(saveInfoDef, actor, { registrationId, info: { ...info, residenceRegion } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'info.residenceRegion': ['请选择到市或区县'] } });
    }
    const [after] = await h.db.select().from(examRegistrations).where(eq(examRegistrations.id, registrationId));
    expect(after).toEqual(before);
    expect(await call(saveInfoDef, actor, { registrationId, info: { ...info, residenceRegion: '330106' } })).toMatchObject({ ok: true, data: { status: 'subjects' } });
  });

  it('exam areas (考区所在城市): add and update', async () => {
    const examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
    const [exam] = await h.db
      .insert(exams)
      .values({ name: `地区测试考区${Date.now()}`, periodStart: '2031-01-10', periodEnd: '2031-01-11', registrationOpensAt: new Date('2030-12-01T01:00:00Z'), registrationClosesAt: new Date('2030-12-20T09:00:00Z'), notice: '考生须知', status: 'draft' })
      .returning();
    const added = await call(addAreaDef, examAdmin, { examId: exam.id, name: '杭州', regionCode: '330100', capacity: '10' });
    expect(added).toMatchObject({ ok: true });
    const areaId = (added as { data: { id: string } }).data.id;
    const [before] = await h.db.select().from(examAreas).where(eq(examAreas.id, areaId));
    for (const regionCode of UNKNOWN) {
      expect(await call(addAreaDef, examAdmin, { examId: exam.id, name: `新考区${regionCode}`, regionCode, capacity: '10' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { regionCode: ['请选择有效的城市'] } });
      expect(await call(updateAreaDef, examAdmin, { id: areaId, name: '杭州', regionCode, capacity: '10' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { regionCode: ['请选择有效的城市'] } });
    }
    // A district is in the tree but is no area city: refused the same way.
    expect(await call(addAreaDef, examAdmin, { examId: exam.id, name: '西湖', regionCode: '330106', capacity: '10' })).toMatchObject({ ok: false, fieldErrors: { regionCode: ['请选择有效的城市'] } });
    expect(await h.db.select().from(examAreas).where(eq(examAreas.examId, exam.id))).toEqual([before]);
  });

  it('信息变更 (info change): submitting a changed 所在地区', async () => {
    const { user, org } = await createOrgAccount(h.db, {}, { regionCode: '330106', creditCode: randomCreditCode(), legalRepresentative: '王强', address: '浙江省杭州市西湖区文三路100号' });
    const actor: Actor = await actorOf(user.id);
    const created = await call(createApplicationDef, actor, { kind: INFO_CHANGE, data: {}, mode: 'draft' });
    expect(created).toMatchObject({ ok: true });
    const applicationId = (created as { data: { id: string } }).data.id;
    // The business licence a registered field's change needs, so only the code can be what is refused.
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const grant = await requestUpload(h.db, s.storage, actor, { applicationId, slot: INFO_CHANGE_SLOT, fileName: 'licence.pdf', size: pdf.byteLength, contentType: 'application/pdf' });
    expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(pdf), headers: grant.headers })).status).toBe(200);
    await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
    const [before] = await h.db.select().from(applications).where(eq(applications.id, applicationId));
    for (const regionCode of UNKNOWN) {
      expect(await call(fireTransitionDef, actor, { applicationId, event: 'submit', data: { changes: { regionCode }, reason: '迁址' } })).toMatchObject({
        ok: false,
        code: 'BAD_INPUT',
        fieldErrors: { 'changes.regionCode': ['请选择到市或区县'] },
      });
    }
    const [after] = await h.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(after).toEqual(before);
    expect((await h.db.select().from(organizations).where(eq(organizations.id, org.id)))[0].regionCode).toBe('330106');
    expect(await call(fireTransitionDef, actor, { applicationId, event: 'submit', data: { changes: { regionCode: '330108' }, reason: '迁址' } })).toMatchObject({ ok: true, data: { status: 'submitted' } });
  });
});
