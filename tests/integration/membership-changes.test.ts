import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { applications, auditLog, certificates, documents, organizations, outbox, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { DEMO_FILING_ORG, seedDemoMembershipChanges } from '@/db/seed/demo-membership-changes';
import { createOrgAccount, createStaff, createUser, randomMobile } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { changesPanelLinks } from '@/lib/modules/membership/changes';
import { updateChangesSettingsDef, updateSupportContactsDef } from '@/lib/modules/membership/changes/services/update-settings';
import { FILING_MONTHS_SETTING, LOSS_NOTICE_SETTING, MEMBERSHIP_SUPPORT_SETTING, PROVINCE_SETTING } from '@/lib/modules/membership/changes/settings';
import { CERTIFICATE_LOSS, LOSS_NOTICE_SLOT } from '@/lib/modules/membership/certificate-loss/kind';
import { lossOverview } from '@/lib/modules/membership/certificate-loss/queries';
import { FILING, FILING_CERTIFICATE } from '@/lib/modules/membership/filing/kind';
import { filingOverview } from '@/lib/modules/membership/filing/queries';
import { INFO_CHANGE, INFO_CHANGE_SLOT } from '@/lib/modules/membership/info-change/kind';
import { infoChangeOverview } from '@/lib/modules/membership/info-change/queries';
import type { InfoChangeData } from '@/lib/modules/membership/info-change/schemas';
import { MEMBER_CERTIFICATE } from '@/lib/modules/membership/member';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { issueCertificate, replaceCertificate, SYSTEM as CERTIFICATE_ISSUER } from '@/lib/platform/certificates';
import { certificatePdfFor } from '@/lib/platform/certificates/pdf';
import { certificatesOfApplication, listMyCertificates } from '@/lib/platform/certificates/queries';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { runJob } from '@/lib/platform/jobs';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { allSupportContacts, getSetting, setSetting } from '@/lib/platform/settings';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { getApplicationFor, getKind, queuePage } from '@/lib/platform/workflow';
import { createApplicationDef, fireTransitionDef, saveDraftDef } from '@/lib/platform/workflow/action-defs';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { pdfText, squash } from '../helpers/pdf-text';
import { createTestStorage } from '../helpers/storage';

/**
 * Module B's change flows on a real database and object store: 信息变更
 * (applied on approval with the old and new values kept; nothing applied
 * otherwise; a taken credit code refused, also under a race), 证书补办 (the
 * registry's replacement: new number, the old one replaced at /verify) and
 * 外省企业备案 (in-province refused; a filing certificate with a Chinese PDF),
 * one open application where it matters, double clicks, and who may act.
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
type Ok<T> = { ok: true; data: T };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let reviewer: Actor;
let examReviewer: Actor;
let admin: Actor;
beforeAll(async () => {
  reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
  examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
  admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
});

async function enterprise(regionCode = '330106', name?: string) {
  const creditCode = randomCreditCode();
  const orgName = name ?? `杭州变更测试有限公司${Math.random().toString(36).slice(2, 7)}`;
  const { user, org } = await createOrgAccount(h.db, { name: orgName }, { name: orgName, creditCode, regionCode, legalRepresentative: '王强', address: '浙江省杭州市西湖区文三路100号', email: 'contact@example.com', landline: '0571-88880000' });
  return { user, org, creditCode, actor: await actorOf(user.id) };
}

const orgRow = async (id: string) => (await h.db.select().from(organizations).where(eq(organizations.id, id)))[0];
const certRow = async (id: string) => (await h.db.select().from(certificates).where(eq(certificates.id, id)))[0];

async function upload(actor: Actor, applicationId: string, slot: string) {
  const grant = await requestUpload(h.db, s.storage, actor, { applicationId, slot, fileName: `${slot}.pdf`, size: PDF.byteLength, contentType: 'application/pdf' });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
  return completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
}

async function draft(actor: Actor, kind: string, data: Record<string, unknown> = {}) {
  const r = (await call(createApplicationDef, actor, { kind, data, mode: 'draft' })) as Ok<{ id: string; version: number }>;
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return r.data.id;
}

const fire = (actor: Actor, applicationId: string, event: string, extra: Record<string, unknown> = {}) => call(fireTransitionDef, actor, { applicationId, event, ...extra });

// ---------------------------------------------------------------------------
// 信息变更
// ---------------------------------------------------------------------------

async function submittedChange(changes: Record<string, unknown>, e?: Awaited<ReturnType<typeof enterprise>>, opts: { licence?: boolean } = {}) {
  const ent = e ?? (await enterprise());
  const id = await draft(ent.actor, INFO_CHANGE);
  if (opts.licence !== false) await upload(ent.actor, id, INFO_CHANGE_SLOT);
  const r = await fire(ent.actor, id, 'submit', { data: { changes, reason: '工商变更登记' } });
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { status: 'submitted' } });
  return { ...ent, id };
}

describe('信息变更 (info change)', () => {
  it('applies the changes on approval, keeping the old and new values; the main account follows the new name; certificates stay as issued', async () => {
    const e = await enterprise();
    const member = await issueCertificate(h.db, CERTIFICATE_ISSUER, { type: MEMBER_CERTIFICATE, holderOrgId: e.org.id, holderName: e.org.name, subject: { memberNumber: 'M202700001', creditCode: e.creditCode } });
    const newCode = randomCreditCode();
    const { id } = await submittedChange({ name: '杭州变更后科技有限公司', creditCode: newCode, contactPhone: '13912345678', landline: '', legalRepresentative: '王强' }, e);
    // Only what really differs is kept (the legal representative is the same), with the values before.
    const submitted = await getApplicationFor(h.db, e.actor, id);
    expect((submitted.data as InfoChangeData).diff).toEqual([
      { field: 'name', before: e.org.name, after: '杭州变更后科技有限公司' },
      { field: 'creditCode', before: e.creditCode, after: newCode },
      { field: 'contactPhone', before: e.org.contactPhone, after: '13912345678' },
      { field: 'landline', before: '0571-88880000', after: null },
    ]);
    // Nothing is applied while it waits for review.
    expect((await orgRow(e.org.id)).name).toBe(e.org.name);
    expect((await queuePage(h.db, reviewer, { kind: INFO_CHANGE })).rows.map((r) => r.id)).toContain(id);

    // The review page shows old and new side by side (the kind's summary carries both).
    const [changes] = getKind(INFO_CHANGE).summary(submitted.data, (k) => k);
    expect(changes.fields.find((f) => f.label.endsWith('.name'))).toMatchObject({ value: '杭州变更后科技有限公司', change: { before: e.org.name } });

    expect(await fire(reviewer, id, 'approve', { opinion: '材料齐全' })).toMatchObject({ ok: true, data: { status: 'approved' } });
    const org = await orgRow(e.org.id);
    expect(org).toMatchObject({ name: '杭州变更后科技有限公司', creditCode: newCode, contactPhone: '13912345678', landline: null, legalRepresentative: '王强', address: '浙江省杭州市西湖区文三路100号' });
    expect((await h.db.select({ name: users.name }).from(users).where(eq(users.id, e.user.id)))[0].name).toBe('杭州变更后科技有限公司');
    const approved = (await getApplicationFor(h.db, e.actor, id)).data as InfoChangeData;
    expect(approved.applied?.diff.map((c) => [c.field, c.before, c.after])).toEqual([
      ['name', e.org.name, '杭州变更后科技有限公司'],
      ['creditCode', e.creditCode, newCode],
      ['contactPhone', e.org.contactPhone, '13912345678'],
      ['landline', '0571-88880000', null],
    ]);
    // The member certificate is not rewritten, and the application says so.
    expect(approved.applied?.certificatesKept).toEqual([member.number]);
    expect(await certRow(member.id)).toMatchObject({ holderName: e.org.name, status: 'valid', subject: { creditCode: e.creditCode } });
    expect(Number((await h.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'organization.info_changed'), eq(auditLog.targetId, e.org.id))))[0].n)).toBe(1);

    // The application form PDF prints both values.
    const pdf = await renderPdf('application-form', { number: 'XXBG', sections: getKind(INFO_CHANGE).summary(approved, (k) => k), instructions: false });
    const text = squash(await pdfText(pdf));
    expect(text).toContain(squash(`变更前：${e.org.name}`));
    expect(text).toContain('变更后：杭州变更后科技有限公司');
  });

  it('nothing is applied on return or reject; a returned change is edited and resubmitted', async () => {
    const { actor, org, id } = await submittedChange({ address: '浙江省杭州市滨江区江南大道1号' });
    expect(await fire(reviewer, id, 'return')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await fire(reviewer, id, 'return', { opinion: '请补充变更登记通知书' })).toMatchObject({ ok: true, data: { status: 'returned' } });
    expect((await orgRow(org.id)).address).toBe('浙江省杭州市西湖区文三路100号');
    const returned = await getApplicationFor(h.db, actor, id);
    expect(await call(saveDraftDef, actor, { applicationId: id, data: { changes: { address: '浙江省杭州市滨江区江南大道2号' }, reason: '补充' }, version: returned.version })).toMatchObject({ ok: true });
    expect(await fire(actor, id, 'resubmit', { data: { changes: { address: '浙江省杭州市滨江区江南大道2号' }, reason: '工商变更登记' } })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect(await fire(reviewer, id, 'reject')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await fire(reviewer, id, 'reject', { opinion: '证明材料与变更内容不符' })).toMatchObject({ ok: true, data: { status: 'rejected' } });
    const after = await orgRow(org.id);
    expect(after.address).toBe('浙江省杭州市西湖区文三路100号');
    expect((await getApplicationFor(h.db, actor, id)).data).not.toHaveProperty('applied');
  });

  it('refuses "nothing changed", an empty change set and bad values with the field message; nothing changes', async () => {
    const e = await enterprise();
    const id = await draft(e.actor, INFO_CHANGE);
    await upload(e.actor, id, INFO_CHANGE_SLOT);
    const before = await getApplicationFor(h.db, e.actor, id);
    expect(await fire(e.actor, id, 'submit', { data: { changes: { name: e.org.name, legalRepresentative: '王强' }, reason: '核对' } })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: '所填信息与当前登记信息相同，请至少变更一项信息',
      fieldErrors: { changes: ['所填信息与当前登记信息相同，请至少变更一项信息'] },
    });
    expect(await fire(e.actor, id, 'submit', { data: { changes: {}, reason: '核对' } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { changes: ['请至少选择一项需要变更的信息'] } });
    const bad = e.creditCode.slice(0, 17) + (e.creditCode[17] === '0' ? '1' : '0');
    expect(await fire(e.actor, id, 'submit', { data: { changes: { creditCode: bad, contactPhone: '123', regionCode: '330000', name: ' ' }, reason: '' } })).toMatchObject({
      ok: false,
      fieldErrors: { 'changes.creditCode': ['统一社会信用代码校验位错误，请核对'], 'changes.contactPhone': ['请输入正确的11位手机号码'], 'changes.regionCode': ['请选择到市或区县'], 'changes.name': ['请输入变更后的单位名称'], reason: ['请填写变更原因'] },
    });
    expect(await getApplicationFor(h.db, e.actor, id)).toMatchObject({ status: 'draft', version: before.version });
    expect(await orgRow(e.org.id)).toMatchObject({ name: e.org.name, creditCode: e.creditCode });
  });

  it('a change of registration data needs the licence; contact details alone do not', async () => {
    const e = await enterprise();
    const id = await draft(e.actor, INFO_CHANGE);
    expect(await fire(e.actor, id, 'submit', { data: { changes: { legalRepresentative: '李新' }, reason: '法定代表人变更' } })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('营业执照') });
    expect(await fire(e.actor, id, 'submit', { data: { changes: { contactName: '赵敏', email: 'zhao@example.com' }, reason: '联系人变更' } })).toMatchObject({ ok: true, data: { status: 'submitted' } });
  });

  it('a credit code used by another organization is refused on submit, and on approval when it was taken meanwhile (also by a concurrent approval)', async () => {
    const other = await enterprise();
    const e = await enterprise();
    const id = await draft(e.actor, INFO_CHANGE);
    await upload(e.actor, id, INFO_CHANGE_SLOT);
    expect(await fire(e.actor, id, 'submit', { data: { changes: { creditCode: other.creditCode }, reason: '更正' } })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: `统一社会信用代码 ${other.creditCode} 已被其他单位使用，请核对后重新填写`,
      fieldErrors: { 'changes.creditCode': ['该统一社会信用代码已被其他单位使用'] },
    });
    expect((await getApplicationFor(h.db, e.actor, id)).status).toBe('draft');

    // Two enterprises propose the same free code; both are submitted, only one approval can apply it.
    const code = randomCreditCode();
    const a = await submittedChange({ creditCode: code });
    const b = await submittedChange({ creditCode: code });
    const results = await Promise.all([fire(reviewer, a.id, 'approve'), fire(reviewer, b.id, 'approve')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser).toMatchObject({ ok: false, code: 'CONFLICT', message: `统一社会信用代码 ${code} 已被其他单位使用，请核对后重新填写` });
    const holders = await h.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, code));
    expect(holders).toHaveLength(1);
    const loserApp = results[0].ok ? b : a;
    expect((await getApplicationFor(h.db, loserApp.actor, loserApp.id)).status).toBe('submitted');
    expect((await orgRow(loserApp.org.id)).creditCode).toBe(loserApp.creditCode);
  });

  it('one info change in flight per enterprise; a double-clicked submit or create-and-submit makes one', async () => {
    const e = await enterprise();
    const id = await draft(e.actor, INFO_CHANGE);
    const data = { changes: { contactName: '钱多多' }, reason: '联系人变更' };
    const both = await Promise.all([1, 2].map(() => fire(e.actor, id, 'submit', { data, version: 1 })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const second = await draft(e.actor, INFO_CHANGE);
    expect(await fire(e.actor, second, 'submit', { data: { changes: { contactName: '孙小美' }, reason: '联系人变更' } })).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('已有进行中的信息变更申请') });
    const overview = (await infoChangeOverview(h.db, e.actor))!;
    expect(overview.open?.id).toBeDefined();
    expect(overview.applications.find((a) => a.id === id)?.changed).toEqual(['contactName']);

    const f = await enterprise();
    const created = await Promise.all([1, 2].map(() => call(createApplicationDef, f.actor, { kind: INFO_CHANGE, data: { changes: { contactName: '周到' }, reason: '联系人变更' }, mode: 'submit' })));
    expect(created.filter((r) => r.ok)).toHaveLength(1);
    const rows = await h.db.select().from(applications).where(and(eq(applications.orgId, f.org.id), eq(applications.kind, INFO_CHANGE)));
    expect(rows.map((r) => r.status)).toEqual(['submitted']);
  });
});

// ---------------------------------------------------------------------------
// 证书补办
// ---------------------------------------------------------------------------

async function memberCertificate(e: Awaited<ReturnType<typeof enterprise>>) {
  return issueCertificate(h.db, CERTIFICATE_ISSUER, { type: MEMBER_CERTIFICATE, holderOrgId: e.org.id, holderName: e.org.name, subject: { level: '会员单位', memberNumber: `M2027${Math.floor(Math.random() * 1e5)}`, creditCode: e.creditCode }, validUntil: new Date(Date.now() + 300 * 86_400_000) });
}

const lossForm = (certificateId: string, over: Record<string, unknown> = {}) => ({ certificateId, reason: 'lost', description: '搬迁时遗失', declaration: true, ...over });

async function submittedLoss(e: Awaited<ReturnType<typeof enterprise>>, certificateId: string) {
  const id = await draft(e.actor, CERTIFICATE_LOSS, { certificateId });
  await upload(e.actor, id, LOSS_NOTICE_SLOT);
  const r = await fire(e.actor, id, 'submit', { data: lossForm(certificateId) });
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { status: 'submitted' } });
  return id;
}

describe('证书补办 (certificate loss and reissue)', () => {
  it('a loss report, once approved, reissues the certificate with a new number; the old one shows as replaced at /verify', async () => {
    const e = await enterprise();
    const cert = await memberCertificate(e);
    const overview = (await lossOverview(h.db, e.actor))!;
    expect(overview.certificates.map((c) => c.number)).toEqual([cert.number]);
    expect(overview.lossNoticeRequired).toBe(true);

    const id = await submittedLoss(e, cert.id);
    expect((await lossOverview(h.db, e.actor))!.certificates[0].openReport).toMatch(/^ZSBB/);
    // The enterprise changed its name meanwhile: the new certificate carries the current name.
    await h.db.update(organizations).set({ name: `${e.org.name}（更名）` }).where(eq(organizations.id, e.org.id));
    expect(await fire(reviewer, id, 'approve')).toMatchObject({ ok: true, data: { status: 'approved' } });

    const old = await certRow(cert.id);
    expect(old.status).toBe('replaced');
    const fresh = await certRow(old.replacedById!);
    expect(fresh).toMatchObject({ status: 'valid', type: MEMBER_CERTIFICATE, holderOrgId: e.org.id, holderName: `${e.org.name}（更名）` });
    expect(fresh.number).not.toBe(cert.number);
    expect(fresh.number).toMatch(/^HY\d{10}$/);
    expect(fresh.validUntil?.getTime()).toBe(cert.validUntil?.getTime());
    const data = (await getApplicationFor(h.db, e.actor, id)).data as { reissued: { number: string; certificateId: string }; certificate: { number: string } };
    expect(data).toMatchObject({ certificate: { number: cert.number }, reissued: { number: fresh.number, certificateId: fresh.id } });

    const [oldVerified] = await verifyAnyNumber(h.db, cert.number);
    expect(oldVerified).toMatchObject({ valid: false, statusKey: 'certificates.status.replaced', links: [{ number: fresh.number }] });
    const [newVerified] = await verifyAnyNumber(h.db, fresh.number);
    expect(newVerified).toMatchObject({ valid: true });
    expect((await listMyCertificates(h.db, e.actor)).find((c) => c.id === fresh.id)?.state).toBe('valid');
    expect((await lossOverview(h.db, e.actor))!.applications[0]).toMatchObject({ reissued: { number: fresh.number } });
  });

  it('one open loss report per certificate; another enterprise\u2019s certificate, a replaced or expired one is refused', async () => {
    const e = await enterprise();
    const cert = await memberCertificate(e);
    await submittedLoss(e, cert.id);
    const second = await draft(e.actor, CERTIFICATE_LOSS);
    await upload(e.actor, second, LOSS_NOTICE_SLOT);
    expect(await fire(e.actor, second, 'submit', { data: lossForm(cert.id) })).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('已有进行中的补办申请') });
    expect((await lossOverview(h.db, e.actor))!.refusal).toBe('membershipChanges.loss.allReported');

    const stranger = await enterprise();
    const theirs = await memberCertificate(stranger);
    expect(await fire(e.actor, second, 'submit', { data: lossForm(theirs.id) })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { certificateId: ['请选择本单位名下有效的证书'] } });

    const expired = await issueCertificate(h.db, CERTIFICATE_ISSUER, { type: MEMBER_CERTIFICATE, holderOrgId: e.org.id, holderName: e.org.name, issuedAt: new Date(Date.now() - 400 * 86_400_000), validUntil: new Date(Date.now() - 86_400_000) });
    expect(await fire(e.actor, second, 'submit', { data: lossForm(expired.id) })).toMatchObject({ ok: false, fieldErrors: { certificateId: ['请选择本单位名下有效的证书'] } });
    const swapped = await memberCertificate(e);
    await replaceCertificate(h.db, CERTIFICATE_ISSUER, { certificateId: swapped.id, reason: '换发' });
    expect(await fire(e.actor, second, 'submit', { data: lossForm(swapped.id) })).toMatchObject({ ok: false, fieldErrors: { certificateId: ['请选择本单位名下有效的证书'] } });
    expect(await fire(e.actor, second, 'submit', { data: lossForm(cert.id, { declaration: false }) })).toMatchObject({ ok: false, fieldErrors: { declaration: ['请勾选声明原证书作废'] } });
    expect(await fire(e.actor, second, 'submit', { data: lossForm(cert.id, { reason: 'other' }) })).toMatchObject({ ok: false, fieldErrors: { reasonOther: ['请填写补办原因'] } });
    expect((await getApplicationFor(h.db, e.actor, second)).status).toBe('draft');
    expect(await certRow(theirs.id)).toMatchObject({ status: 'valid' });
  });

  it('the published loss notice is required while the setting says so', async () => {
    const e = await enterprise();
    const cert = await memberCertificate(e);
    const id = await draft(e.actor, CERTIFICATE_LOSS);
    expect(await fire(e.actor, id, 'submit', { data: lossForm(cert.id, { reason: 'damaged' }) })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '请上传登报挂失声明后再提交' });
    await setSetting(h.db, LOSS_NOTICE_SETTING, false);
    try {
      expect(await fire(e.actor, id, 'submit', { data: lossForm(cert.id, { reason: 'damaged' }) })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    } finally {
      await setSetting(h.db, LOSS_NOTICE_SETTING, true);
    }
  });

  it('a double-clicked approval reissues once; a rejected report leaves the certificate valid', async () => {
    const e = await enterprise();
    const cert = await memberCertificate(e);
    const id = await submittedLoss(e, cert.id);
    const version = (await getApplicationFor(h.db, reviewer, id)).version;
    const both = await Promise.all([1, 2].map(() => fire(reviewer, id, 'approve', { version })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const rows = await h.db.select().from(certificates).where(eq(certificates.holderOrgId, e.org.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['replaced', 'valid']);

    const f = await enterprise();
    const kept = await memberCertificate(f);
    const rejected = await submittedLoss(f, kept.id);
    expect(await fire(reviewer, rejected, 'reject', { opinion: '请提供登报声明原件' })).toMatchObject({ ok: true });
    expect(await certRow(kept.id)).toMatchObject({ status: 'valid', replacedById: null });
  });
});

// ---------------------------------------------------------------------------
// 外省企业备案
// ---------------------------------------------------------------------------

const filingForm = (over: Record<string, unknown> = {}) => ({
  branchName: '合肥项目部',
  branchAddress: '安徽省合肥市蜀山区长江西路100号',
  responsibleName: '陈立',
  responsibleMobile: '13955556666',
  business: '安全技术防范工程设计与施工',
  periodFrom: '2027-01-01',
  periodTo: '2028-12-31',
  ...over,
});

async function submittedFiling(e: Awaited<ReturnType<typeof enterprise>>) {
  const id = await draft(e.actor, FILING);
  await upload(e.actor, id, 'business_license');
  await upload(e.actor, id, 'branch_proof');
  const r = await fire(e.actor, id, 'submit', { data: filingForm() });
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { status: 'submitted' } });
  return id;
}

describe('外省企业备案 (out-of-province filing)', () => {
  it('an enterprise registered in the province is refused; one without a region too', async () => {
    const local = await enterprise('340104');
    expect((await filingOverview(h.db, local.actor))!.refusal).toMatchObject({ key: 'membershipChanges.errors.inProvince' });
    const id = await draft(local.actor, FILING);
    await upload(local.actor, id, 'business_license');
    await upload(local.actor, id, 'branch_proof');
    expect(await fire(local.actor, id, 'submit', { data: filingForm() })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '本省企业无需办理外省企业备案' });
    expect((await getApplicationFor(h.db, local.actor, id)).status).toBe('draft');

    const nowhere = await enterprise('330106');
    await h.db.update(organizations).set({ regionCode: null }).where(eq(organizations.id, nowhere.org.id));
    const other = await draft(nowhere.actor, FILING);
    await upload(nowhere.actor, other, 'business_license');
    await upload(nowhere.actor, other, 'branch_proof');
    expect(await fire(nowhere.actor, other, 'submit', { data: filingForm() })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '请先在账户设置中填写单位所在地区' });

    // The province is a setting: with Zhejiang as the association's province, a Hangzhou enterprise is local.
    await setSetting(h.db, PROVINCE_SETTING, '33');
    try {
      const zj = await enterprise('330106');
      expect((await filingOverview(h.db, zj.actor))!.refusal).toMatchObject({ key: 'membershipChanges.errors.inProvince' });
    } finally {
      await setSetting(h.db, PROVINCE_SETTING, '34');
    }
  });

  it('bad input and missing documents are refused with the field messages', async () => {
    const e = await enterprise();
    const id = await draft(e.actor, FILING);
    expect(await fire(e.actor, id, 'submit', { data: filingForm() })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('材料') });
    await upload(e.actor, id, 'business_license');
    await upload(e.actor, id, 'branch_proof');
    expect(await fire(e.actor, id, 'submit', { data: filingForm({ branchName: '', responsibleMobile: '1234', periodFrom: '2027-02-30', periodTo: '2026-01-01' }) })).toMatchObject({
      ok: false,
      fieldErrors: { branchName: ['请输入在本省设立的分支机构（项目部）名称'], responsibleMobile: ['请输入正确的11位手机号码'], periodFrom: ['请选择计划经营开始日期'] },
    });
    expect(await fire(e.actor, id, 'submit', { data: filingForm({ periodFrom: '2027-05-01', periodTo: '2027-04-30' }) })).toMatchObject({ ok: false, fieldErrors: { periodTo: ['计划经营结束日期不能早于开始日期'] } });
    expect((await getApplicationFor(h.db, e.actor, id)).status).toBe('draft');
  });

  it('approved → a filing certificate (BA…) valid for the configured months, whose PDF carries real Chinese text; the application links it', async () => {
    await setSetting(h.db, FILING_MONTHS_SETTING, 36);
    const e = await enterprise('330106', '杭州外省备案测试有限公司');
    const id = await submittedFiling(e);
    const submitted = await getApplicationFor(h.db, e.actor, id);
    expect(submitted.data).toMatchObject({ company: { name: '杭州外省备案测试有限公司', creditCode: e.creditCode, region: '浙江省 杭州市 西湖区' } });
    // A second filing cannot be submitted while this one is in flight.
    const again = await draft(e.actor, FILING);
    await upload(e.actor, again, 'business_license');
    await upload(e.actor, again, 'branch_proof');
    expect(await fire(e.actor, again, 'submit', { data: filingForm() })).toMatchObject({ ok: false, code: 'CONFLICT' });

    const version = submitted.version;
    const both = await Promise.all([1, 2].map(() => fire(reviewer, id, 'approve', { version, opinion: '同意备案' })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const certs = await h.db.select().from(certificates).where(and(eq(certificates.holderOrgId, e.org.id), eq(certificates.type, FILING_CERTIFICATE)));
    expect(certs).toHaveLength(1);
    const [cert] = certs;
    expect(cert).toMatchObject({ module: 'membership', status: 'valid', applicationId: id, holderName: '杭州外省备案测试有限公司' });
    expect(cert.number).toMatch(/^BA\d{10}$/);
    const months = (cert.validUntil!.getUTCFullYear() - cert.issuedAt.getUTCFullYear()) * 12 + cert.validUntil!.getUTCMonth() - cert.issuedAt.getUTCMonth();
    expect(months).toBe(36);
    expect((await getApplicationFor(h.db, e.actor, id)).data).toMatchObject({ filing: { certificateNumber: cert.number, certificateId: cert.id } });
    expect((await certificatesOfApplication(h.db, e.actor, id)).map((c) => c.number)).toEqual([cert.number]);
    expect(await certificatesOfApplication(h.db, (await enterprise()).actor, id)).toEqual([]);
    const overview = (await filingOverview(h.db, e.actor))!;
    expect(overview).toMatchObject({ current: { number: cert.number }, refusal: { key: 'membershipChanges.errors.alreadyFiled' }, open: { id: again } });
    expect(overview.applications.find((a) => a.id === id)).toMatchObject({ status: 'approved', certificate: { number: cert.number } });

    const pdf = await certificatePdfFor(h.db, s.storage, e.actor, cert.id);
    const text = squash(await pdfText(pdf.buffer));
    expect(text).toContain('外省企业备案证明');
    expect(text).toContain('杭州外省备案测试有限公司');
    expect(text).toContain('合肥项目部');
    expect(text).toContain('安全技术防范工程设计与施工');
    expect(text).toContain(cert.number);
    expect(pdf.fileName).toBe(`外省企业备案证明-${cert.number}.pdf`);
    const [verified] = await verifyAnyNumber(h.db, cert.number);
    expect(verified).toMatchObject({ valid: true, typeKey: 'membershipChanges.certificates.filing' });
    await setSetting(h.db, FILING_MONTHS_SETTING, 24);
  });
});

// ---------------------------------------------------------------------------
// Who may act
// ---------------------------------------------------------------------------

describe('scoping', () => {
  it('another enterprise, a sub-account without module B, a reviewer of another module and the signed-out can neither see nor act', async () => {
    const e = await enterprise();
    const { id } = await submittedChange({ contactName: '吴用' }, e, { licence: false });
    const cert = await memberCertificate(e);
    const stranger = (await enterprise()).actor;
    const sub = await actorOf((await createUser(h.db, { kind: 'organization', orgId: e.org.id, isOrgMain: false, mobile: randomMobile(), modules: ['review'] })).id);

    for (const who of [stranger, sub]) {
      await expect(getApplicationFor(h.db, who, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await fire(who, id, 'withdraw')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(await call(createApplicationDef, sub, { kind: INFO_CHANGE, data: {}, mode: 'draft' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(createApplicationDef, ANONYMOUS, { kind: FILING, data: {}, mode: 'draft' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await fire(ANONYMOUS, id, 'approve')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await fire(examReviewer, id, 'approve')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await expect(getApplicationFor(h.db, examReviewer, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The applicant cannot approve their own change.
    expect(await fire(e.actor, id, 'approve')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await getApplicationFor(h.db, e.actor, id)).status).toBe('submitted');

    // Read models: nothing for another enterprise's certificates, nothing for non-enterprises.
    expect((await lossOverview(h.db, stranger))!.certificates).toEqual([]);
    expect(await lossOverview(h.db, reviewer)).toBeNull();
    expect(await infoChangeOverview(h.db, ANONYMOUS)).toBeNull();
    expect(await filingOverview(h.db, reviewer)).toBeNull();
    // A sub-account granted module B works with the organization's module-B certificates.
    const granted = await actorOf((await createUser(h.db, { kind: 'organization', orgId: e.org.id, isOrgMain: false, mobile: randomMobile(), modules: ['membership'] })).id);
    expect((await lossOverview(h.db, granted))!.certificates.map((c) => c.id)).toEqual([cert.id]);
    expect((await infoChangeOverview(h.db, granted))!.open?.id).toBe(id);
  });
});

// ---------------------------------------------------------------------------
// Settings and support contacts
// ---------------------------------------------------------------------------

describe('settings and support contacts', () => {
  it('module B staff change the flows\u2019 settings (audited); others may not', async () => {
    const input = { province: '34', lossNoticeRequired: false, filingValidityMonths: '18' };
    expect(await call(updateChangesSettingsDef, examReviewer, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateChangesSettingsDef, (await enterprise()).actor, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateChangesSettingsDef, reviewer, { ...input, filingValidityMonths: '0' })).toMatchObject({ ok: false, fieldErrors: { filingValidityMonths: ['备案证明有效期至少1个月'] } });
    expect(await call(updateChangesSettingsDef, reviewer, { ...input, province: '99' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(updateChangesSettingsDef, reviewer, input)).toMatchObject({ ok: true });
    expect([await getSetting(h.db, LOSS_NOTICE_SETTING), await getSetting(h.db, FILING_MONTHS_SETTING)]).toEqual([false, 18]);
    expect(Number((await h.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'settings.changed'), eq(auditLog.targetId, 'membership.changes'))))[0].n)).toBe(1);
    await call(updateChangesSettingsDef, reviewer, { province: '34', lossNoticeRequired: true, filingValidityMonths: '24' });
  });

  it('ships the association\u2019s contacts for the footer; admins edit them (audited), nobody else', async () => {
    const footer = await allSupportContacts(h.db);
    expect(footer.map((f) => f.owner)).toEqual(['platform', 'membership']);
    expect(footer[1].contacts).toMatchObject({ qqGroup: '836016592', phone: '0551-64680860', email: '2542069173@qq.com', contacts: [{ name: '张静', phones: '0551-62818875 / 64280445' }] });
    const input = { qqGroup: '123456', phone: '0551-60000000', phoneContact: '李经理', email: 'help@example.com', hours: '工作日', contacts: [{ name: '王芳', phones: '0551-61111111' }] };
    expect(await call(updateSupportContactsDef, reviewer, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateSupportContactsDef, admin, { ...input, qqGroup: 'abc', contacts: [{ name: '', phones: '1' }] })).toMatchObject({ ok: false, fieldErrors: { qqGroup: ['QQ群号须为5至12位数字'], 'contacts.0.name': ['请输入联系人姓名'] } });
    expect(await call(updateSupportContactsDef, admin, input)).toMatchObject({ ok: true });
    expect(await getSetting(h.db, MEMBERSHIP_SUPPORT_SETTING)).toEqual(input);
    expect((await allSupportContacts(h.db))[1].contacts).toEqual(input);
    expect(Number((await h.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'settings.changed'), eq(auditLog.targetId, MEMBERSHIP_SUPPORT_SETTING))))[0].n)).toBe(1);
  });

  it('offers the three flows as links for module B\u2019s home', () => {
    expect(changesPanelLinks((k) => k).map((l) => l.href)).toEqual(['/portal/membership/info-change', '/portal/membership/certificate-loss', '/portal/membership/filing']);
  });
});

describe('demo data', () => {
  it('the out-of-province enterprise\u2019s filing waits for review; its documents get their files once the worker runs; a second run creates nothing', async () => {
    expect(await seedDemoMembershipChanges(h.db, 'NO-SUCH-ORG')).toBe(2);
    const [org] = await h.db.select().from(organizations).where(eq(organizations.creditCode, DEMO_FILING_ORG.creditCode));
    const [app] = await h.db.select().from(applications).where(and(eq(applications.orgId, org.id), eq(applications.kind, FILING)));
    expect(app.status).toBe('submitted');
    const docs = await h.db.select().from(documents).where(eq(documents.applicationId, app.id));
    expect(docs.map((d) => d.slot).sort()).toEqual(['branch_proof', 'business_license']);
    const jobs = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'job'), sql`${outbox.payload}->>'type' = 'membership-demo-document'`));
    expect(jobs).toHaveLength(2);
    for (const j of jobs) await runJob(h.db, j.payload, { outboxId: j.id, storage: s.storage });
    for (const d of docs) {
      const stored = await s.storage.get(d.storageKey);
      expect(squash(await pdfText(stored!))).toContain('演示材料');
      expect((await h.db.select().from(documents).where(eq(documents.id, d.id)))[0].size).toBe(stored!.byteLength);
    }
    expect(await seedDemoMembershipChanges(h.db, 'NO-SUCH-ORG')).toBe(0);
  });
});
