import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { applications, auditLog, bankTransfers, certificates, noticeServings, payments } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff, createUser, randomMobile } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { membershipHome } from '@/lib/modules/membership/home';
import { MEMBERSHIP_APPLICATION, MEMBERSHIP_NOTICE } from '@/lib/modules/membership/kind';
import { DUES_SETTING, MEMBER_CERTIFICATE, membershipOf, TERM_SETTING } from '@/lib/modules/membership/member';
import { organizationProfile, prefillFromProfile } from '@/lib/modules/membership/profile';
import { updateMembershipSettingsDef } from '@/lib/modules/membership/services/update-settings';
import type { Actor } from '@/lib/platform/auth/actor';
import { listMyCertificates } from '@/lib/platform/certificates/queries';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { BANK_TRANSFER_SLOT } from '@/lib/platform/documents/slots';
import { acceptNotice, serveNotice } from '@/lib/platform/notices/forced-reading';
import { confirmBankTransferDef, submitBankTransferDef } from '@/lib/platform/payments/bank-transfer';
import { getSetting } from '@/lib/platform/settings';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { applicationOrder, getApplicationFor, queuePage } from '@/lib/platform/workflow';
import { createApplicationDef, fireTransitionDef, saveDraftDef } from '@/lib/platform/workflow/action-defs';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let png: Uint8Array;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0a0' } }).png().toBuffer());
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const actorOf = (id: string) => actorOfDb(h.db, id);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
type Ok<T> = { ok: true; data: T };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

async function enterprise() {
  const creditCode = randomCreditCode();
  const { user, org } = await createOrgAccount(h.db, { email: `m-${Date.now()}-${Math.random()}@example.com` }, { creditCode, legalRepresentative: '王强', address: '浙江省杭州市西湖区文三路100号', email: 'contact@example.com' });
  return { user, org, creditCode, actor: await actorOf(user.id) };
}

/** Reads the 入会须知 the way a browser does, its 15 seconds passed on the database clock. */
async function readNotice(actor: Actor) {
  const served = await serveNotice(h.db, MEMBERSHIP_NOTICE, actor);
  await h.db.update(noticeServings).set({ servedAt: sql`now() - interval '20 seconds'` }).where(eq(noticeServings.id, served.servingId));
  await acceptNotice(h.db, served.servingId, actor);
}

const form = (creditCode: string, over: Record<string, unknown> = {}) => ({
  companyName: '杭州入会测试有限公司',
  creditCode,
  legalRepresentative: '王强',
  registeredAddress: '浙江省杭州市西湖区文三路100号',
  businessScope: '安全技术防范系统设计、施工、维修',
  staffTotal: '120',
  technicalStaff: '35',
  grade: 'regular',
  contactName: '刘洋',
  contactMobile: '13812345678',
  contactEmail: 'liu@example.com',
  ...over,
});

async function uploadLicense(actor: Actor, applicationId: string) {
  const grant = await requestUpload(h.db, s.storage, actor, { applicationId, slot: 'license', fileName: '营业执照.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
  return completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
}

async function draft(actor: Actor, data: Record<string, unknown> = {}) {
  const r = (await call(createApplicationDef, actor, { kind: MEMBERSHIP_APPLICATION, data, mode: 'draft' })) as Ok<{ id: string; version: number }>;
  expect(r.ok).toBe(true);
  return r.data.id;
}

async function submitted(over: Record<string, unknown> = {}) {
  const e = await enterprise();
  await readNotice(e.actor);
  const id = await draft(e.actor);
  await uploadLicense(e.actor, id);
  expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode, over) })).toMatchObject({ ok: true, data: { status: 'submitted' } });
  return { ...e, id };
}

let reviewer: Actor;
let finance: Actor;
beforeAll(async () => {
  reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
  finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
});

async function payByTransfer(actor: Actor, orderId: string) {
  const grant = await requestUpload(h.db, s.storage, actor, { slot: BANK_TRANSFER_SLOT, fileName: '转账截图.png', size: png.byteLength, contentType: 'image/png' });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(png), headers: grant.headers })).status).toBe(200);
  const doc = await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
  expect(await call(submitBankTransferDef, actor, { orderId, documentId: doc.id, mobile: '13812345678' })).toMatchObject({ ok: true });
  const [t] = await h.db.select().from(bankTransfers).where(and(eq(bankTransfers.orderId, orderId), eq(bankTransfers.status, 'submitted')));
  expect(await call(confirmBankTransferDef, finance, { transferId: t.id })).toMatchObject({ ok: true });
}

describe('membership application (入会申请)', () => {
  it('prefills the form from the organization profile', async () => {
    const e = await enterprise();
    const values = prefillFromProfile(await organizationProfile(h.db, e.org.id));
    expect(values).toMatchObject({ companyName: e.org.name, creditCode: e.creditCode, legalRepresentative: '王强', registeredAddress: '浙江省杭州市西湖区文三路100号', contactName: '联系人', contactEmail: 'contact@example.com' });
    expect(values.contactMobile).toBe(e.org.contactPhone);
  });

  it('walks notice → form → licence → review → delivery → dues by bank transfer → member with number, validity and a valid certificate', async () => {
    const e = await enterprise();
    // The portal home offers 申请入会.
    const t = (k: string) => k;
    expect((await membershipHome({ db: h.db, actor: e.actor, t }))[0].action?.href).toBe('/portal/membership/apply');

    const id = await draft(e.actor, { companyName: '半成品' });
    await uploadLicense(e.actor, id);
    // Without reading the notice the submit is refused (server-side), and so is accepting it early.
    expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode) })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '请先阅读并确认入会须知' });
    const served = await serveNotice(h.db, MEMBERSHIP_NOTICE, e.actor);
    expect(served.seconds).toBe(15);
    await expect(acceptNotice(h.db, served.servingId, e.actor)).rejects.toMatchObject({ messageKey: 'noticeTooEarly' });
    expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode) })).toMatchObject({ ok: false });
    await readNotice(e.actor);
    expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode, { grade: 'council' }) })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect((await queuePage(h.db, reviewer, { kind: MEMBERSHIP_APPLICATION })).rows.map((r) => r.id)).toContain(id);
    expect((await membershipHome({ db: h.db, actor: e.actor, t }))[0]).toMatchObject({ action: undefined, applications: { items: [{ id, status: 'submitted' }] } });

    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve', opinion: '材料齐全' })).toMatchObject({ ok: true, data: { status: 'approved' } });
    // Mail without an address is refused with the field message; nothing changes.
    const before = await getApplicationFor(h.db, e.actor, id);
    expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'chooseDelivery', data: { method: 'mail', recipient: '刘洋', phone: '13812345678' } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { address: ['邮寄须填写收件地址'] } });
    expect(await getApplicationFor(h.db, e.actor, id)).toMatchObject({ status: 'approved', version: before.version });
    expect(await applicationOrder(h.db, id)).toBeNull();

    // The dues of the chosen grade, from the setting.
    const dues = await getSetting<Record<string, number>>(h.db, DUES_SETTING);
    expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'chooseDelivery', data: { method: 'mail', recipient: '刘洋', phone: '13812345678', address: '浙江省杭州市西湖区文三路100号' } })).toMatchObject({ ok: true, data: { status: 'paying' } });
    const order = (await applicationOrder(h.db, id))!;
    expect(order).toMatchObject({ status: 'unpaid', amountFen: dues.council });

    await payByTransfer(e.actor, order.id);
    expect(await h.db.select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(1);
    const done = await getApplicationFor(h.db, e.actor, id);
    expect(done.status).toBe('member');

    const [cert] = await h.db.select().from(certificates).where(eq(certificates.applicationId, id));
    expect(cert).toMatchObject({ type: MEMBER_CERTIFICATE, module: 'membership', status: 'valid', holderOrgId: e.org.id, holderName: '杭州入会测试有限公司' });
    expect(cert.number).toMatch(/^HY\d{4}\d{6}$/);
    const term = await getSetting<number>(h.db, TERM_SETTING);
    const months = (cert.validUntil!.getUTCFullYear() - cert.issuedAt.getUTCFullYear()) * 12 + cert.validUntil!.getUTCMonth() - cert.issuedAt.getUTCMonth();
    expect(months).toBe(term);
    // The final state shows the member number and the certificate number.
    const member = (done.data as { member: { number: string; certificateNumber: string } }).member;
    expect(member.number).toMatch(/^M\d{4}\d{5}$/);
    expect(member.certificateNumber).toBe(cert.number);
    expect(await membershipOf(h.db, e.org.id)).toMatchObject({ memberNumber: member.number, certificateNumber: cert.number, grade: '理事单位', expired: false });
    expect((await listMyCertificates(h.db, e.actor)).map((c) => c.number)).toContain(cert.number);
    const [found] = await verifyAnyNumber(h.db, cert.number);
    expect(found).toMatchObject({ type: 'record', valid: true });
    // The home now shows the membership instead of the call to action.
    const [panel] = await membershipHome({ db: h.db, actor: e.actor, t });
    expect(panel.action).toBeUndefined();
    expect(panel.holdings?.items[0].label).toBe('membership.home.memberNumber');

    // A member cannot apply again while the membership is valid.
    const again = await draft(e.actor);
    await uploadLicense(e.actor, again);
    expect(await call(fireTransitionDef, e.actor, { applicationId: again, event: 'submit', data: form(e.creditCode) })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('the fee follows the grade setting saved by staff (audited); others may not change it', async () => {
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const other = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const input = { dues: { regular: '1500', council: '4800.5', executive: '9000', vicePresident: '20000' }, termMonths: '24' };
    expect(await call(updateMembershipSettingsDef, other, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateMembershipSettingsDef, admin, { ...input, termMonths: '0' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { termMonths: ['会员有效期至少1个月'] } });
    expect(await call(updateMembershipSettingsDef, reviewer, input)).toMatchObject({ ok: true });
    expect(await getSetting(h.db, DUES_SETTING)).toEqual({ regular: 150_000, council: 480_050, executive: 900_000, vicePresident: 2_000_000 });
    expect(await getSetting(h.db, TERM_SETTING)).toBe(24);
    expect(Number((await h.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'settings.changed'), eq(auditLog.targetId, 'membership'))))[0].n)).toBe(1);

    const { actor, id } = await submitted({ grade: 'council' });
    await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' });
    const chosen = await call(fireTransitionDef, actor, { applicationId: id, event: 'chooseDelivery', data: { method: 'pickup' } });
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    expect((await applicationOrder(h.db, id))!.amountFen).toBe(480_050);
    expect((await getApplicationFor(h.db, actor, id)).data).toMatchObject({ delivery: { method: 'pickup' } });
  });

  it('returned for changes with an opinion, edited and resubmitted; a reject needs an opinion', async () => {
    const { actor, id, creditCode } = await submitted();
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'return' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'return', opinion: '请补充经营范围' })).toMatchObject({ ok: true, data: { status: 'returned' } });
    const returned = await getApplicationFor(h.db, actor, id);
    expect(await call(saveDraftDef, actor, { applicationId: id, data: form(creditCode, { businessScope: '补充后的经营范围' }), version: returned.version })).toMatchObject({ ok: true });
    expect(await call(fireTransitionDef, actor, { applicationId: id, event: 'resubmit', data: form(creditCode, { businessScope: '补充后的经营范围' }) })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect((await getApplicationFor(h.db, actor, id)).data).toMatchObject({ businessScope: '补充后的经营范围' });

    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'reject' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { opinion: [expect.any(String)] } });
    expect((await getApplicationFor(h.db, actor, id)).status).toBe('submitted');
    expect(await call(fireTransitionDef, reviewer, { applicationId: id, event: 'reject', opinion: '不符合入会条件' })).toMatchObject({ ok: true, data: { status: 'rejected' } });
  });

  it('bad input is refused with the Chinese field message and nothing changes', async () => {
    const e = await enterprise();
    await readNotice(e.actor);
    const id = await draft(e.actor);
    await uploadLicense(e.actor, id);
    const before = await getApplicationFor(h.db, e.actor, id);
    const bad = e.creditCode.slice(0, 17) + (e.creditCode[17] === '0' ? '1' : '0');
    expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode, { creditCode: bad }) })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { creditCode: ['统一社会信用代码校验位错误，请核对'] } });
    const missing = (await call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode, { companyName: '', businessScope: ' ', contactMobile: '123' }) })) as { ok: false; fieldErrors: Record<string, string[]> };
    expect(missing).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(missing.fieldErrors).toMatchObject({ companyName: ['请输入单位名称'], businessScope: ['请输入经营范围'], contactMobile: ['请输入正确的11位手机号码'] });
    expect(await call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode, { technicalStaff: '500' }) })).toMatchObject({ ok: false, fieldErrors: { technicalStaff: ['技术人员人数不能多于职工总数'] } });
    expect(await getApplicationFor(h.db, e.actor, id)).toMatchObject({ status: 'draft', version: before.version, data: before.data });

    // The licence is required: a second enterprise without it is refused.
    const f = await enterprise();
    await readNotice(f.actor);
    const noLicense = await draft(f.actor);
    expect(await call(fireTransitionDef, f.actor, { applicationId: noLicense, event: 'submit', data: form(f.creditCode) })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((await getApplicationFor(h.db, f.actor, noLicense)).status).toBe('draft');
  });

  it('a double submit makes one application', async () => {
    const e = await enterprise();
    await readNotice(e.actor);
    const id = await draft(e.actor);
    await uploadLicense(e.actor, id);
    const both = await Promise.all([1, 2].map(() => call(fireTransitionDef, e.actor, { applicationId: id, event: 'submit', data: form(e.creditCode), version: 1 })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    // A second draft of the same enterprise cannot be submitted while the first is in flight.
    const second = await draft(e.actor);
    await uploadLicense(e.actor, second);
    expect(await call(fireTransitionDef, e.actor, { applicationId: second, event: 'submit', data: form(e.creditCode) })).toMatchObject({ ok: false, code: 'CONFLICT' });
    const rows = await h.db.select().from(applications).where(and(eq(applications.orgId, e.org.id), eq(applications.status, 'submitted')));
    expect(rows.map((r) => r.id)).toEqual([id]);
  });

  it('another enterprise cannot see or act on the application; a sub-account without the module cannot either', async () => {
    const { actor, id, org } = await submitted();
    const stranger = (await enterprise()).actor;
    await expect(getApplicationFor(h.db, stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await call(fireTransitionDef, stranger, { applicationId: id, event: 'withdraw' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await call(fireTransitionDef, reviewer, { applicationId: id, event: 'approve' });
    expect(await call(fireTransitionDef, stranger, { applicationId: id, event: 'chooseDelivery', data: { method: 'pickup' } })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const sub = await actorOf((await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, mobile: randomMobile(), modules: ['review'] })).id);
    await expect(getApplicationFor(h.db, sub, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await call(fireTransitionDef, sub, { applicationId: id, event: 'chooseDelivery', data: { method: 'pickup' } })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(createApplicationDef, sub, { kind: MEMBERSHIP_APPLICATION, data: {}, mode: 'draft' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await getApplicationFor(h.db, actor, id)).status).toBe('approved');
  });
});
