import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { applications, auditLog, certificates, deadlines, documents, enterpriseStaff, qualificationLevels, qualifications } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff, createUser, randomMobile, randomResidentId } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { QUALIFICATION_CERTIFICATE, QUALIFICATION_KIND, RENEWAL_WINDOW_SETTING, type QualificationVariant } from '@/lib/modules/membership/qualification/constants';
import { newQualificationForm, qualificationForm } from '@/lib/modules/membership/qualification/form';
import { addYearsToDay, nextReviewDue } from '@/lib/modules/membership/qualification/grant';
import { qualificationOverview, qualificationPanel } from '@/lib/modules/membership/qualification/queries';
import type { QualificationData } from '@/lib/modules/membership/qualification/schemas';
import { exportQualificationLevels, saveQualificationLevelDef, updateQualificationSettingsDef } from '@/lib/modules/membership/qualification/services/levels';
import { qualificationOf } from '@/lib/modules/membership/qualification/status';
import type { Actor } from '@/lib/platform/auth/actor';
import { SYSTEM as CERTIFICATE_SYSTEM, suspendCertificate } from '@/lib/platform/certificates';
import { authorizeDocumentRead } from '@/lib/platform/documents/access';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { getSetting } from '@/lib/platform/settings';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { getApplicationFor, getKind, queuePage } from '@/lib/platform/workflow';
import { createApplicationDef, fireTransitionDef, saveDraftDef } from '@/lib/platform/workflow/action-defs';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

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
type Fail = { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let admin: Actor;
let reviewer: Actor;
let examReviewer: Actor;
let finance: Actor;
const level: Record<'one' | 'two' | 'three', string> = { one: '', two: '', three: '' };

async function enterprise() {
  const { user, org } = await createOrgAccount(h.db, { email: `q-${Date.now()}-${Math.random()}@example.com` }, { creditCode: randomCreditCode(), legalRepresentative: '王强', address: '安徽省合肥市蜀山区长江西路100号', email: 'contact@example.com' });
  return { user, org, actor: await actorOf(user.id) };
}

/** A person on the enterprise's technical staff roster (the roster pages are another area's; the table is the contract). */
async function person(orgId: string, grade: 'senior' | 'intermediate' | 'junior', name = `员工${Math.random().toString(36).slice(2, 6)}`) {
  const [row] = await h.db
    .insert(enterpriseStaff)
    .values({ orgId, name, idType: 'resident_id', idNumber: randomResidentId(), grade, title: grade === 'senior' ? '高级工程师' : '工程师', certificates: [{ name: '安全技术防范从业资格证', number: `AF${Math.floor(Math.random() * 1e6)}`, validUntil: '2029-12-31' }] })
    .returning();
  return row;
}

async function upload(actor: Actor, applicationId: string, slot: string, fileName = `${slot}.pdf`) {
  const grant = await requestUpload(h.db, s.storage, actor, { applicationId, slot, fileName, size: PDF.byteLength, contentType: 'application/pdf' });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
  return completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
}

async function draft(actor: Actor, variant: QualificationVariant, levelId: string) {
  const r = (await call(createApplicationDef, actor, { kind: QUALIFICATION_KIND[variant], data: { levelId, staff: [] }, mode: 'draft' })) as Ok<{ id: string }>;
  expect(r.ok).toBe(true);
  return r.data.id;
}

/** Attaches people, each with one uploaded document of the staff_documents slot. */
async function attach(actor: Actor, applicationId: string, people: Array<{ id: string }>) {
  const staff = [];
  for (const p of people) staff.push({ staffId: p.id, documentIds: [(await upload(actor, applicationId, 'staff_documents', `资料-${p.id.slice(0, 4)}.pdf`)).id] });
  return staff;
}

const fire = (actor: Actor, applicationId: string, event: string, extra: Record<string, unknown> = {}) => call(fireTransitionDef, actor, { applicationId, event, ...extra });

/** A three-level enterprise-ready draft: roster, documents, the level's materials, submitted. */
async function submitted(actor: Actor, orgId: string, variant: QualificationVariant, levelId: string, grades: Array<'senior' | 'intermediate' | 'junior'>, materials = ['business_license', 'application_form']) {
  const id = await draft(actor, variant, levelId);
  const people = [];
  for (const g of grades) people.push(await person(orgId, g));
  const staff = await attach(actor, id, people);
  for (const m of materials) await upload(actor, id, m);
  const r = await fire(actor, id, 'submit', { data: { levelId, staff } });
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { status: 'submitted' } });
  return { id, staff, people };
}

async function approve(id: string) {
  expect(await fire(reviewer, id, 'receive')).toMatchObject({ ok: true, data: { status: 'received' } });
  const r = await fire(reviewer, id, 'approve', { opinion: '符合条件' });
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { status: 'approved' } });
}

/** An enterprise holding a level through the real flow (apply → receive → approve). */
async function qualified(levelKey: 'two' | 'three') {
  const e = await enterprise();
  const grades: Array<'senior' | 'intermediate'> = levelKey === 'two' ? ['senior', 'intermediate', 'intermediate', 'intermediate'] : ['intermediate', 'intermediate'];
  const { id } = await submitted(e.actor, e.org.id, 'apply', level[levelKey], grades);
  await approve(id);
  return { ...e, applicationId: id };
}

beforeAll(async () => {
  admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
  reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
  examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
  finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
  const save = async (input: Record<string, unknown>) => ((await call(saveQualificationLevelDef, admin, input)) as Ok<{ id: string }>).data.id;
  level.one = await save({ code: 'L1', name: '一级', rank: 1, validityMonths: 36, description: '最高等级', active: true, requirements: { senior: 3, intermediate: 5, junior: 0 }, materials: ['application_form', 'business_license', 'management_system'] });
  level.two = await save({ code: 'L2', name: '二级', rank: 2, validityMonths: 36, active: true, requirements: { senior: 1, intermediate: 3, junior: 0 }, materials: ['application_form', 'business_license'] });
  level.three = await save({ code: 'L3', name: '三级', rank: 3, validityMonths: 24, active: true, requirements: { senior: 0, intermediate: 2, junior: 0 }, materials: ['business_license'] });
});

describe('qualification levels (资质等级设置)', () => {
  it('staff save levels with requirements and materials, audited; duplicates and bad input are refused with nothing changed; others may not', async () => {
    const [row] = await h.db.select().from(qualificationLevels).where(eq(qualificationLevels.id, level.two));
    expect(row).toMatchObject({ code: 'L2', name: '二级', rank: 2, requirements: [{ grade: 'senior', count: 1 }, { grade: 'intermediate', count: 3 }], materials: ['application_form', 'business_license'] });
    const audits = await h.db.select().from(auditLog).where(eq(auditLog.action, 'qualification.level.created'));
    expect(audits.length).toBeGreaterThanOrEqual(3);

    const input = { id: level.three, code: 'L3', name: '三级', rank: 3, validityMonths: 24, active: true, requirements: { senior: 0, intermediate: 2, junior: 1 }, materials: ['business_license'] };
    expect(await call(saveQualificationLevelDef, examReviewer, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(saveQualificationLevelDef, finance, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(saveQualificationLevelDef, (await enterprise()).actor, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(saveQualificationLevelDef, reviewer, { ...input, rank: 2 })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { rank: ['等级序位已被其他等级使用'] } });
    expect(await call(saveQualificationLevelDef, reviewer, { ...input, code: 'L1' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { code: ['等级代码已被其他等级使用'] } });
    expect(await call(saveQualificationLevelDef, reviewer, { ...input, validityMonths: 0, name: '' })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { validityMonths: ['证书有效期至少1个月'], name: ['请输入等级名称'] } });
    expect(await call(saveQualificationLevelDef, reviewer, { ...input, materials: ['passport'] })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const [unchanged] = await h.db.select().from(qualificationLevels).where(eq(qualificationLevels.id, level.three));
    expect(unchanged.requirements).toEqual([{ grade: 'intermediate', count: 2 }]);

    // A module-B reviewer changes it (and changes it back), each change audited with before and after.
    expect(await call(saveQualificationLevelDef, reviewer, input)).toMatchObject({ ok: true });
    const [changed] = await h.db.select().from(qualificationLevels).where(eq(qualificationLevels.id, level.three));
    expect(changed.requirements).toEqual([{ grade: 'intermediate', count: 2 }, { grade: 'junior', count: 1 }]);
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'qualification.level.updated'), eq(auditLog.targetId, level.three)));
    expect(entry.detail).toMatchObject({ from: { requirements: [{ grade: 'intermediate', count: 2 }] }, to: { requirements: [{ grade: 'intermediate', count: 2 }, { grade: 'junior', count: 1 }] } });
    expect(await call(saveQualificationLevelDef, reviewer, { ...input, requirements: { senior: 0, intermediate: 2, junior: 0 } })).toMatchObject({ ok: true });

    // The export is for the same people, and audited.
    await expect(exportQualificationLevels(h.db, examReviewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await exportQualificationLevels(h.db, reviewer)).map((l) => l.code)).toEqual(['L1', 'L2', 'L3']);
    expect(Number((await h.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'qualification.levels.exported')))[0].n)).toBe(1);

    // The renewal window setting.
    expect(await call(updateQualificationSettingsDef, examReviewer, { renewalWindowDays: 60 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateQualificationSettingsDef, reviewer, { renewalWindowDays: 0 })).toMatchObject({ ok: false, fieldErrors: { renewalWindowDays: ['至少提前1天'] } });
    expect(await getSetting(h.db, RENEWAL_WINDOW_SETTING)).toBe(90);
  });
});

describe('资质申请: the staff-count rule, materials, the snapshot', () => {
  it('is refused with the counts while the level requirement is not met (nothing changes), and accepted once the missing person is added', async () => {
    const e = await enterprise();
    const id = await draft(e.actor, 'apply', level.three);
    const a = await person(e.org.id, 'intermediate', '张三');
    const b = await person(e.org.id, 'junior', '李四');
    const c = await person(e.org.id, 'intermediate', '王五');
    await upload(e.actor, id, 'business_license', '营业执照.pdf');
    const staff = await attach(e.actor, id, [a, b]);
    const before = await getApplicationFor(h.db, e.actor, id);

    const short = (await fire(e.actor, id, 'submit', { data: { levelId: level.three, staff } })) as Fail;
    expect(short).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '三级资质要求中级及以上技术人员不少于2人，当前已添加1人' });
    expect(await getApplicationFor(h.db, e.actor, id)).toMatchObject({ status: 'draft', version: before.version, data: before.data });

    // A person without documents is refused too (by name).
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.three, staff: [...staff, { staffId: c.id, documentIds: [] }] } })).toMatchObject({ ok: false, message: '请上传技术人员王五的资料' });

    const withC = [...staff, ...(await attach(e.actor, id, [c]))];
    const ok = await fire(e.actor, id, 'submit', { data: { levelId: level.three, staff: withC } });
    expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true, data: { status: 'submitted' } });

    // What was submitted is snapshotted: the review page reads it, not the roster.
    const app = await getApplicationFor(h.db, reviewer, id);
    const data = app.data as QualificationData;
    expect(data.target).toMatchObject({ id: level.three, name: '三级', requirements: [{ grade: 'intermediate', count: 2 }] });
    expect(data.company?.name).toBe(e.org.name);
    expect(data.people?.map((p) => p.name)).toEqual(['张三', '李四', '王五']);
    expect(data.people?.[0]).toMatchObject({ grade: 'intermediate', title: '工程师', certificates: [{ name: '安全技术防范从业资格证' }], documents: [{ fileName: expect.stringMatching(/^资料-/) }] });
    expect(data.people?.[0].idMasked).toMatch(/^\d{3}\*+\w{4}$/);
    expect(data.materials).toMatchObject({ business_license: ['营业执照.pdf'] });
    expect(app.applicantName).toBe(e.org.name);
    await h.db.update(enterpriseStaff).set({ name: '张三改名' }).where(eq(enterpriseStaff.id, a.id));
    const sections = getKind(app.kind).summary(app.data, (k: string) => k);
    const staffSection = sections.find((x) => x.title.startsWith('qualification.summary.people'))!;
    expect(staffSection.fields.map((f) => f.label)).toEqual(['张三（membership.staffGrades.intermediate）', '李四（membership.staffGrades.junior）', '王五（membership.staffGrades.intermediate）']);
    expect(String(staffSection.fields[0].value)).toContain('安全技术防范从业资格证');
    const reqSection = sections.find((x) => x.title.startsWith('qualification.summary.requirements'))!;
    expect(reqSection.fields).toEqual([{ label: 'qualification.gradeAtLeast.intermediate', value: expect.stringContaining('qualification.summary.met'), tone: 'success' }]);
    expect((await queuePage(h.db, reviewer, { kind: QUALIFICATION_KIND.apply })).rows.map((r) => r.id)).toContain(id);
  });

  it('refuses a missing required material, a person of another enterprise, and a level the variant does not offer', async () => {
    const e = await enterprise();
    const id = await draft(e.actor, 'apply', level.two);
    const people = [await person(e.org.id, 'senior'), await person(e.org.id, 'intermediate'), await person(e.org.id, 'intermediate'), await person(e.org.id, 'senior')];
    const staff = await attach(e.actor, id, people);
    await upload(e.actor, id, 'business_license');
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.two, staff } })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '还有1项必需的评审材料未上传：资质申请表（盖章扫描件）' });

    const other = await enterprise();
    const stranger = await person(other.org.id, 'senior');
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.two, staff: [...staff, { staffId: stranger.id, documentIds: [] }] } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'staff.4.staffId': ['该技术人员已不在名册中'] } });
    // A removed person cannot be attached either.
    await h.db.update(enterpriseStaff).set({ removedAt: new Date() }).where(eq(enterpriseStaff.id, people[3].id));
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.two, staff } })).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { 'staff.3.staffId': [expect.any(String)] } });
    // Twice the same person: the schema says so.
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.two, staff: [staff[0], staff[0]] } })).toMatchObject({ ok: false, fieldErrors: { 'staff.1.staffId': ['同一技术人员不能重复添加'] } });
    // An inactive level is not offered.
    await h.db.update(qualificationLevels).set({ active: false }).where(eq(qualificationLevels.id, level.one));
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.one, staff } })).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '所选资质等级不可申请，请重新选择' });
    await h.db.update(qualificationLevels).set({ active: true }).where(eq(qualificationLevels.id, level.one));
    expect((await getApplicationFor(h.db, e.actor, id)).status).toBe('draft');
  });
});

describe('the edit lock (修改资料 until 接收)', () => {
  it('amend and slot uploads work while submitted, are refused once received, and work again after a return', async () => {
    const e = await enterprise();
    const { id, staff } = await submitted(e.actor, e.org.id, 'apply', level.three, ['intermediate', 'intermediate']);
    // Submitted: still the enterprise's to change.
    const extra = await person(e.org.id, 'senior', '赵六');
    const more = [...staff, ...(await attach(e.actor, id, [extra]))];
    await upload(e.actor, id, 'other_materials', '补充说明.pdf');
    expect(await fire(e.actor, id, 'amend', { data: { levelId: level.three, staff: more } })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    const amended = (await getApplicationFor(h.db, e.actor, id)).data as QualificationData;
    expect(amended.people?.map((p) => p.name)).toContain('赵六');
    expect(amended.materials?.other_materials).toEqual(['补充说明.pdf']);
    // The draft save is not a way around the check.
    expect(await call(saveDraftDef, e.actor, { applicationId: id, data: { levelId: level.three, staff: [] } })).toMatchObject({ ok: false, code: 'INVALID_STATE' });

    expect(await fire(reviewer, id, 'receive')).toMatchObject({ ok: true, data: { status: 'received' } });
    const locked = await getApplicationFor(h.db, e.actor, id);
    expect(await fire(e.actor, id, 'amend', { data: { levelId: level.three, staff } })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    await expect(upload(e.actor, id, 'other_materials')).rejects.toMatchObject({ code: 'INVALID_STATE', messageKey: 'documents.errors.locked' });
    await expect(requestUpload(h.db, s.storage, e.actor, { applicationId: id, slot: 'staff_documents', fileName: 'x.pdf', size: 10, contentType: 'application/pdf' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await fire(e.actor, id, 'withdraw')).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    await expect(qualificationForm(h.db, e.actor, id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await getApplicationFor(h.db, e.actor, id)).toMatchObject({ status: 'received', version: locked.version, data: locked.data });

    expect(await fire(reviewer, id, 'return')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await fire(reviewer, id, 'return', { opinion: '请补充技术人员证书复印件' })).toMatchObject({ ok: true, data: { status: 'returned' } });
    await upload(e.actor, id, 'staff_certificates', '证书复印件.pdf');
    expect((await qualificationForm(h.db, e.actor, id)).returnOpinion).toBe('请补充技术人员证书复印件');
    expect(await fire(e.actor, id, 'resubmit', { data: { levelId: level.three, staff: more } })).toMatchObject({ ok: true, data: { status: 'submitted' } });
    expect(((await getApplicationFor(h.db, e.actor, id)).data as QualificationData).materials?.staff_certificates).toEqual(['证书复印件.pdf']);
    // Approval needs the materials received first.
    expect(await fire(reviewer, id, 'approve')).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });
});

describe('approval → the qualification certificate', () => {
  it('issues exactly one certificate and one qualifications row even with two approvals at once; verifies; reminds before expiry', async () => {
    const e = await enterprise();
    const { id } = await submitted(e.actor, e.org.id, 'apply', level.two, ['senior', 'intermediate', 'intermediate', 'intermediate']);
    expect(await fire(reviewer, id, 'receive')).toMatchObject({ ok: true });
    const version = (await getApplicationFor(h.db, reviewer, id)).version;
    const both = await Promise.all([fire(reviewer, id, 'approve', { version }), fire(admin, id, 'approve', { version })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);

    const certs = await h.db.select().from(certificates).where(and(eq(certificates.holderOrgId, e.org.id), eq(certificates.type, QUALIFICATION_CERTIFICATE)));
    expect(certs).toHaveLength(1);
    expect(certs[0].number).toMatch(/^ZZ\d{10}$/);
    expect(certs[0]).toMatchObject({ module: 'membership', status: 'valid', holderName: e.org.name, subject: { level: '二级' } });
    const rows = await h.db.select().from(qualifications).where(eq(qualifications.orgId, e.org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ levelId: level.two, certificateId: certs[0].id, applicationId: id, status: 'active' });
    // Valid for the level's months; the first annual review a year on.
    const months = (certs[0].validUntil!.getUTCFullYear() - certs[0].issuedAt.getUTCFullYear()) * 12 + certs[0].validUntil!.getUTCMonth() - certs[0].issuedAt.getUTCMonth();
    expect(months).toBe(36);
    expect(rows[0].validUntil.getTime()).toBe(certs[0].validUntil!.getTime());
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(rows[0].reviewDueOn).toBe(addYearsToDay(today, 1));
    // The application shows the outcome; /verify confirms the certificate; the registry reminds before expiry.
    expect(((await getApplicationFor(h.db, e.actor, id)).data as QualificationData).result).toMatchObject({ levelName: '二级', certificateNumber: certs[0].number });
    expect((await verifyAnyNumber(h.db, certs[0].number))[0]).toMatchObject({ type: 'record', valid: true });
    const [deadline] = await h.db.select().from(deadlines).where(and(eq(deadlines.subjectType, 'certificate'), eq(deadlines.subjectId, certs[0].id)));
    expect(deadline).toMatchObject({ purpose: 'expiry', userId: e.user.id, closedAt: null });
    expect(deadline.dueAt.getTime()).toBe(certs[0].validUntil!.getTime());

    // Holding one, the enterprise cannot apply again.
    const again = await draft(e.actor, 'apply', level.three);
    expect(await fire(e.actor, again, 'submit', { data: { levelId: level.three, staff: [] } })).toMatchObject({ ok: false, code: 'CONFLICT', message: '贵单位已持有二级资质，请通过年审、晋级、降级或到期换证办理' });
    // The portal page and the home panel show it.
    const overview = await qualificationOverview(h.db, e.actor);
    expect(overview.current).toMatchObject({ levelName: '二级', certificateNumber: certs[0].number, status: 'active' });
    expect(Object.fromEntries(overview.entries.map((x) => [x.variant, x.refusal?.key ?? null]))).toEqual({ apply: 'alreadyQualified', annualReview: null, upgrade: null, downgrade: null, renewal: 'renewalNotYet' });
    const panel = await qualificationPanel(h.db, e.actor, (k, v) => `${k}${v ? JSON.stringify(v) : ''}`);
    expect(panel.holdings?.items[0].label).toBe('qualification.home.level{"level":"二级"}');
    expect(panel.testId).toBe('qualification-home');
  });

  it('a second grant to an enterprise that already holds a qualification is refused by the unique row, nothing written', async () => {
    const a = await qualified('three');
    const [row] = await h.db.select().from(qualifications).where(eq(qualifications.orgId, a.org.id));
    // Simulates a stale second 资质申请 reaching approval (the one-open rule normally stops it at submit).
    const stale = await draft(a.actor, 'apply', level.three);
    await h.db.update(applications).set({ status: 'received', data: { levelId: level.three, staff: [], company: { name: a.org.name } } }).where(eq(applications.id, stale));
    expect(await fire(reviewer, stale, 'approve')).toMatchObject({ ok: false, code: 'CONFLICT', message: '该企业已持有资质，不能再次发放资质证书' });
    expect(await h.db.select().from(qualifications).where(eq(qualifications.orgId, a.org.id))).toEqual([row]);
    expect(await h.db.select().from(certificates).where(and(eq(certificates.holderOrgId, a.org.id), eq(certificates.type, QUALIFICATION_CERTIFICATE)))).toHaveLength(1);
  });
});

describe('年审, 晋级, 降级, 到期换证', () => {
  it('annual review keeps the level, moves the due date a year on and reinstates a suspended qualification', async () => {
    const e = await qualified('three');
    const before = (await qualificationOf(h.db, e.org.id))!;
    // The overdue stages (another area) suspend both the row and the certificate.
    await suspendCertificate(h.db, CERTIFICATE_SYSTEM, { certificateId: before.certificateId!, reason: '年审逾期' });
    await h.db.update(qualifications).set({ status: 'suspended', suspendedAt: new Date() }).where(eq(qualifications.id, before.id));
    // Suspended: only the annual review is open.
    const overview = await qualificationOverview(h.db, e.actor);
    expect(overview.entries.find((x) => x.variant === 'upgrade')?.refusal?.key).toBe('suspended');
    expect(overview.entries.find((x) => x.variant === 'annualReview')?.refusal).toBeNull();
    const up = await draft(e.actor, 'upgrade', level.two);
    expect(await fire(e.actor, up, 'submit', { data: { levelId: level.two, staff: [] } })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '贵单位的资质已暂停，请先办理资质年审' });

    const { id } = await submitted(e.actor, e.org.id, 'annualReview', level.three, ['intermediate', 'intermediate']);
    expect(((await getApplicationFor(h.db, e.actor, id)).data as QualificationData).current).toMatchObject({ levelName: '三级', status: 'suspended' });
    await approve(id);
    const after = (await qualificationOf(h.db, e.org.id))!;
    expect(after).toMatchObject({ levelId: level.three, status: 'active', certificateId: before.certificateId, certificateStatus: 'valid', reviewDueOn: addYearsToDay(before.reviewDueOn, 1) });
    expect((await verifyAnyNumber(h.db, before.certificateNumber!))[0]).toMatchObject({ valid: true });
    // A level other than the current one is not offered to an annual review.
    const other = await draft(e.actor, 'annualReview', level.two);
    expect(await fire(e.actor, other, 'submit', { data: { levelId: level.two, staff: [] } })).toMatchObject({ ok: false, message: '所选资质等级不可申请，请重新选择' });
  });

  it('the next annual review stays after today when a cycle was missed', () => {
    expect(nextReviewDue('2024-02-29', '2024-06-01')).toBe('2025-02-28');
    expect(nextReviewDue('2020-05-10', '2026-05-10')).toBe('2027-05-10');
  });

  it('upgrade replaces the certificate with the higher level (the old number shows replaced); the new level’s staff count applies', async () => {
    const e = await qualified('three');
    const before = (await qualificationOf(h.db, e.org.id))!;
    const form = await newQualificationForm(h.db, e.actor, 'upgrade');
    expect(form.levels.map((l) => l.name)).toEqual(['一级', '二级']);
    expect(form.levels.find((l) => l.name === '二级')?.requirements).toEqual([{ grade: 'senior', count: 1 }, { grade: 'intermediate', count: 3 }]);

    const id = await draft(e.actor, 'upgrade', level.two);
    const staff = await attach(e.actor, id, [await person(e.org.id, 'senior'), await person(e.org.id, 'intermediate'), await person(e.org.id, 'intermediate')]);
    await upload(e.actor, id, 'business_license');
    await upload(e.actor, id, 'application_form');
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.two, staff } })).toMatchObject({ ok: false, message: '二级资质要求中级及以上技术人员不少于3人，当前已添加2人' });
    const more = [...staff, ...(await attach(e.actor, id, [await person(e.org.id, 'intermediate')]))];
    expect(await fire(e.actor, id, 'submit', { data: { levelId: level.two, staff: more } })).toMatchObject({ ok: true });
    await approve(id);

    const after = (await qualificationOf(h.db, e.org.id))!;
    expect(after).toMatchObject({ levelId: level.two, levelName: '二级', status: 'active', reviewDueOn: before.reviewDueOn });
    expect(after.certificateId).not.toBe(before.certificateId);
    expect(after.validUntil.getTime()).toBe(before.validUntil.getTime());
    const [fresh] = await h.db.select().from(certificates).where(eq(certificates.id, after.certificateId!));
    expect(fresh).toMatchObject({ status: 'valid', subject: { level: '二级' } });
    const [old] = await h.db.select().from(certificates).where(eq(certificates.id, before.certificateId!));
    expect(old).toMatchObject({ status: 'replaced', replacedById: fresh.id });
    expect((await verifyAnyNumber(h.db, old.number))[0]).toMatchObject({ valid: false, statusKey: 'certificates.status.replaced', links: [{ number: fresh.number }] });
    expect(((await getApplicationFor(h.db, e.actor, id)).data as QualificationData).result).toMatchObject({ certificateNumber: fresh.number, replacedNumber: old.number });
  });

  it('downgrade replaces the certificate with the lower level; at the lowest level there is none to go to', async () => {
    const e = await qualified('two');
    const before = (await qualificationOf(h.db, e.org.id))!;
    const { id } = await submitted(e.actor, e.org.id, 'downgrade', level.three, ['intermediate', 'intermediate'], ['business_license']);
    await approve(id);
    const after = (await qualificationOf(h.db, e.org.id))!;
    expect(after).toMatchObject({ levelName: '三级' });
    const [fresh] = await h.db.select().from(certificates).where(eq(certificates.id, after.certificateId!));
    expect(fresh.subject).toMatchObject({ level: '三级' });
    expect((await h.db.select().from(certificates).where(eq(certificates.id, before.certificateId!)))[0].status).toBe('replaced');
    expect((await qualificationOverview(h.db, e.actor)).entries.find((x) => x.variant === 'downgrade')?.refusal).toMatchObject({ key: 'noLowerLevel', params: { level: '三级' } });
  });

  it('renewal is refused before its window with the date it opens; inside it, the certificate is renewed (same number, new validity)', async () => {
    const e = await qualified('three');
    const q = (await qualificationOf(h.db, e.org.id))!;
    const opens = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(q.validUntil.getTime() - 90 * 86_400_000));
    const early = await draft(e.actor, 'renewal', level.three);
    const refused = (await fire(e.actor, early, 'submit', { data: { levelId: level.three, staff: [] } })) as Fail;
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(refused.message).toContain(`到期换证将于${opens}开放`);
    expect((await getApplicationFor(h.db, e.actor, early)).status).toBe('draft');
    expect(await fire(e.actor, early, 'withdraw')).toMatchObject({ ok: true });

    // Time passes: 30 days left (the registry's certificate moves with it).
    const soon = new Date(Date.now() + 30 * 86_400_000);
    await h.db.update(qualifications).set({ validUntil: soon }).where(eq(qualifications.id, q.id));
    await h.db.update(certificates).set({ validUntil: soon }).where(eq(certificates.id, q.certificateId!));
    const { id } = await submitted(e.actor, e.org.id, 'renewal', level.three, ['intermediate', 'intermediate'], ['business_license']);
    await approve(id);
    const after = (await qualificationOf(h.db, e.org.id))!;
    const [cert] = await h.db.select().from(certificates).where(eq(certificates.id, q.certificateId!));
    expect(after.certificateId).toBe(q.certificateId);
    expect(cert).toMatchObject({ status: 'valid', number: q.certificateNumber, version: 2 });
    // 24 months (三级) from the old end.
    const months = (cert.validUntil!.getUTCFullYear() - soon.getUTCFullYear()) * 12 + cert.validUntil!.getUTCMonth() - soon.getUTCMonth();
    expect(months).toBe(24);
    expect(after.validUntil.getTime()).toBe(cert.validUntil!.getTime());
  });

  it('one open application of these kinds at a time per enterprise, even from two tabs at once; none of them without a qualification', async () => {
    const fresh = await enterprise();
    const noQ = await draft(fresh.actor, 'annualReview', level.three);
    expect(await fire(fresh.actor, noQ, 'submit', { data: { levelId: level.three, staff: [] } })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '贵单位尚未取得资质等级，请先办理资质申请' });

    const e = await qualified('three');
    const review = await draft(e.actor, 'annualReview', level.three);
    const up = await draft(e.actor, 'upgrade', level.two);
    const reviewStaff = await attach(e.actor, review, [await person(e.org.id, 'intermediate'), await person(e.org.id, 'intermediate')]);
    const upStaff = await attach(e.actor, up, [await person(e.org.id, 'senior'), await person(e.org.id, 'intermediate'), await person(e.org.id, 'intermediate'), await person(e.org.id, 'intermediate')]);
    await upload(e.actor, review, 'business_license');
    await upload(e.actor, up, 'business_license');
    await upload(e.actor, up, 'application_form');
    const both = await Promise.all([fire(e.actor, review, 'submit', { data: { levelId: level.three, staff: reviewStaff } }), fire(e.actor, up, 'submit', { data: { levelId: level.two, staff: upStaff } })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const loser = both.find((r) => !r.ok) as Fail;
    expect(loser).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^贵单位已有进行中的资质业务申请（ZZ(NS|JJ)\d{10}），请待其办结后再申请$/) });
    const open = await h.db.select().from(applications).where(and(eq(applications.orgId, e.org.id), eq(applications.status, 'submitted')));
    expect(open).toHaveLength(1);
  });
});

describe('scoping', () => {
  it('another enterprise, a sub-account without the module and staff without the role can neither see nor act', async () => {
    const e = await enterprise();
    const { id } = await submitted(e.actor, e.org.id, 'apply', level.three, ['intermediate', 'intermediate']);
    const stranger = (await enterprise()).actor;
    await expect(getApplicationFor(h.db, stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(qualificationForm(h.db, stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await fire(stranger, id, 'amend', { data: { levelId: level.three, staff: [] } })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await expect(upload(stranger, id, 'other_materials')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const sub = await actorOf((await createUser(h.db, { kind: 'organization', orgId: e.org.id, isOrgMain: false, mobile: randomMobile(), modules: ['review'] })).id);
    await expect(getApplicationFor(h.db, sub, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await fire(sub, id, 'amend', { data: { levelId: level.three, staff: [] } })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(createApplicationDef, sub, { kind: QUALIFICATION_KIND.apply, data: {}, mode: 'draft' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await expect(newQualificationForm(h.db, sub, 'apply')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await qualificationOverview(h.db, sub)).entries).toEqual([]);
    // A sub-account granted the module acts for the enterprise.
    const granted = await actorOf((await createUser(h.db, { kind: 'organization', orgId: e.org.id, isOrgMain: false, mobile: randomMobile(), modules: ['membership'] })).id);
    expect((await getApplicationFor(h.db, granted, id)).id).toBe(id);

    for (const wrong of [examReviewer, finance]) {
      expect(await fire(wrong, id, 'receive')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      await expect(getApplicationFor(h.db, wrong, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // The applicant cannot fire the association's transitions.
    expect(await fire(e.actor, id, 'receive')).toMatchObject({ ok: false });
    expect((await getApplicationFor(h.db, e.actor, id)).status).toBe('submitted');
    // Files of the application are not another enterprise's to read.
    const [doc] = await h.db.select().from(documents).where(eq(documents.applicationId, id)).limit(1);
    await expect(authorizeDocumentRead(h.db, stranger, doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await authorizeDocumentRead(h.db, reviewer, doc.id)).id).toBe(doc.id);
  });
});
