import crypto from 'node:crypto';
import { expect } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { accreditedInstitutions, bankTransfers, candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, orders, outbox, refunds } from '@/db/schema';
import { createIndividual, createStaff, createUser } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import type { Applicant } from '@/lib/platform/auth/action-core';
import { loadActor, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { issueCertificate, registerCertificateType, SYSTEM } from '@/lib/platform/certificates';
import { getStorage } from '@/lib/platform/storage';
import { FIELD_CHANGE } from '@/lib/modules/accreditation/field-change/kind';
import { importInstitutions } from '@/lib/modules/accreditation/institutions/services/import-institutions';
import { preApplicationFormSchema } from '@/lib/modules/accreditation/pre-application/schemas';
import { submitPreApplication } from '@/lib/modules/accreditation/pre-application/services/submit';
import { verifyPreApplication } from '@/lib/modules/accreditation/pre-application/services/by-token';
import { confirmPhoto } from '@/lib/modules/exam/photo/services/confirm-photo';
import { requestPhotoUpload, uploadPhoto } from '@/lib/modules/exam/photo/services/upload-photo';
import { registrationInfoSchema } from '@/lib/modules/exam/registration/schemas';
import { placeOrder } from '@/lib/modules/exam/registration/services/order';
import { acceptNotice, chooseArea, chooseSubjects, saveInfo } from '@/lib/modules/exam/registration/services/registration';
import { noticeFieldsSchema, type NoticeFieldsInput } from '@/lib/modules/publications/schemas';
import { completeAttachmentUpload } from '@/lib/modules/publications/services/complete-attachment-upload';
import { createNotice } from '@/lib/modules/publications/services/create-notice';
import { publishNotice } from '@/lib/modules/publications/services/publish-notice';
import { requestAttachmentUpload } from '@/lib/modules/publications/services/request-attachment-upload';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { BANK_TRANSFER_SLOT, defineSlots, MB, PERSONAL_FILES_SLOT, registerKindSlots, slotsOfKind } from '@/lib/platform/documents/slots';
import { notifyUser } from '@/lib/platform/notify/in-app';
import { createOrder, handleNotification, markPaid, processRefund, registerPaymentProvider, requestRefund, startPayment, PaymentProviderError, type PaymentProvider } from '@/lib/platform/payments';
import { submitBankTransfer } from '@/lib/platform/payments/bank-transfer';
import { payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { createApplication } from '@/lib/platform/workflow';
import { jpegPhoto } from '../../helpers/photos';
import { actor, fx, h, SECRET, sessionFor, staffActor, type ActorKey } from './context';

/**
 * The data builders of the unauthorized-access suite: the real objects (of the
 * target organization, of another candidate, of another payer …) that the
 * coverage entries aim their inputs at. Each builds a fresh target on the
 * suite's database (context.ts), so a refused call and the probe's accepted
 * call see the same object.
 */

// ---------------------------------------------------------------------------
// Targets: real applications, documents, notices, notifications, registry rows
// ---------------------------------------------------------------------------

let seq = 0;
/** A short unique suffix (names, usernames, emails). */
export const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
/** The next number of the same counter (a setting key). */
export const nextSeq = () => seq++;
export const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
export const freshSub = async () => (await createUser(h.db, { kind: 'organization', orgId: fx.targetOrgId, isOrgMain: false, name: '目标子账户', modules: ['review'] })).id;
export const freshStaff = async () => (await createStaff(h.db, [{ role: 'reviewer', module: 'review' }], { name: '目标工作人员' })).id;

export const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/*
 * The field-change kind declares no document slots (yet). The documents gate is
 * the same for every kind (the application row decides who may write), so the
 * suite gives the kind one slot in this process only, to upload real files to
 * the target organization's real application.
 */
export const APP_SLOT = 'supporting_document';
if (!slotsOfKind(FIELD_CHANGE).some((s) => s.key === APP_SLOT)) {
  registerKindSlots(FIELD_CHANGE, [...slotsOfKind(FIELD_CHANGE), ...defineSlots([{ key: APP_SLOT, label: '证明材料', types: ['pdf'], maxBytes: MB, required: false }])]);
}

/** A valid field-change form (what the applicant submits). */
export const FIELD_CHANGE_FORM = {
  businessFields: { laboratory: { selected: false, description: '' }, inspectionBody: { selected: true, description: '承压设备定期检验' } },
  reason: '业务拓展',
};

/** The target organization's draft 业务领域变更 (hidden from staff). */
export async function targetDraft(): Promise<string> {
  const app = await createApplication(h.db, await actor('targetOrgMain'), { kind: FIELD_CHANGE, data: { businessFields: {} }, draft: true });
  expect(app).toMatchObject({ status: 'draft', orgId: fx.targetOrgId });
  return app.id;
}

/** The target organization's submitted 业务领域变更 (in the module-A reviewers' queue). */
export async function targetSubmitted(): Promise<string> {
  const app = await createApplication(h.db, await actor('targetOrgMain'), { kind: FIELD_CHANGE, data: FIELD_CHANGE_FORM, thenFire: 'submit' });
  expect(app).toMatchObject({ status: 'submitted', orgId: fx.targetOrgId });
  return app.id;
}

/** A public pre-application as submitted (unverified: hidden from staff); returns its id and contact email. */
export async function unverifiedPreApplication(): Promise<{ id: string; email: string }> {
  const email = `preapp_${uniq()}@example.com`;
  const form = preApplicationFormSchema.parse({
    contact: { name: '王联系', phone: '0571-88880000', mobile: '13812345678', email },
    entity: { name: `杭州精测检测技术有限公司${uniq()}`, code: randomCreditCode(), address: '杭州市西湖区文三路1号', postalCode: '310000', legalRepresentative: '赵法人' },
    businessFields: { laboratory: { selected: true, description: '从事化学、物理检测' }, inspectionBody: { selected: false, description: '' } },
  });
  const app = await submitPreApplication(h.db, form, null);
  expect(app.status).toBe('unverified');
  return { id: app.id, email };
}

/** A pre-application verified through the emailed link: pending in the module-A reviewers' queue. */
export async function verifiedPreApplication(): Promise<string> {
  const { id, email } = await unverifiedPreApplication();
  const [mail] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), sql`${outbox.payload}->>'to' = ${email}`));
  const token = /\/accreditation\/pre-application\/verify\?token=([\w-]+)/.exec((mail.payload as { text: string }).text)![1];
  expect((await verifyPreApplication(h.db, token)).status).toBe('pending');
  return id;
}

export type FileTarget = { applicationId: string | null; slot: string };
export const appFile = (applicationId: string): FileTarget => ({ applicationId, slot: APP_SLOT });
export const personalFile: FileTarget = { applicationId: null, slot: PERSONAL_FILES_SLOT };

/** Steps 1 and 2 of a browser upload through the documents platform: the grant and the PUT. Returns the ticket. */
export async function putFile(who: ActorKey, target: FileTarget): Promise<string> {
  const grant = await requestUpload(h.db, await getStorage(), await actor(who), { ...target, fileName: '证明材料.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
  expect(put.status).toBe(200);
  return grant.ticket;
}

/** A whole upload (request, PUT, complete) by `who`; returns the document id. */
export async function uploadedDoc(who: ActorKey, target: FileTarget): Promise<string> {
  const ticket = await putFile(who, target);
  return (await completeUpload(h.db, await getStorage(), await actor(who), { ticket })).id;
}

export const noticeFields = (over: Partial<NoticeFieldsInput> = {}): NoticeFieldsInput => ({ title: `认可工作通知${uniq()}`, module: 'accreditation', category: 'news', body: '正文。', publishAt: '', ...over });

/** A notice created by an admin: module A's by default, platform-wide with module ''. */
export async function notice(over: Partial<NoticeFieldsInput> & { published?: boolean } = {}): Promise<string> {
  const { published, ...fields } = over;
  const { id } = await createNotice(h.db, await actor('staffAdmin'), noticeFieldsSchema.parse(noticeFields(fields)));
  if (published) await publishNotice(h.db, await actor('staffAdmin'), { id });
  return id;
}

/** Steps 1 and 2 of adding a notice attachment: the grant and the PUT. Returns the ticket. */
export async function putAttachment(who: ActorKey, noticeId: string): Promise<string> {
  const grant = await requestAttachmentUpload(h.db, await getStorage(), await actor(who), { id: noticeId, fileName: '评审程序.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
  expect(put.status).toBe(200);
  return grant.ticket;
}

/** A module-A notice with one attachment in the object store; returns its id and the attachment's name. */
export async function noticeWithAttachment(over: Partial<NoticeFieldsInput> & { published?: boolean } = {}): Promise<{ id: string; name: string }> {
  const id = await notice(over);
  const a = await completeAttachmentUpload(h.db, await getStorage(), await actor('staffAdmin'), { ticket: await putAttachment('staffAdmin', id) });
  return { id, name: a.name };
}

/** A notification (the bell) of the target organization's main account. */
export async function targetNotification(): Promise<number> {
  const id = await notifyUser(h.db, { userId: fx.ids.targetOrgMain.userId, title: `业务领域变更 ${uniq()}：退回修改`, link: '/portal/applications' });
  return id!;
}

export const newCert = () => `CNAS L${crypto.randomInt(10_000_000, 99_999_999)}`;
export const registryCsv = (rows: Array<[string, string, string]>) => Buffer.from(`证书编号,机构名称,联系邮箱\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

/** A row of the accredited-institution registry (imported by an admin, with its organization account). */
export async function institution(): Promise<string> {
  const cert = newCert();
  const r = await importInstitutions(h.db, await staffActor('staffAdmin'), { fileName: 'registry.csv', content: registryCsv([[cert, `测试检测中心${uniq()}`, `lab_${uniq()}@example.com`]]) });
  expect(r).toMatchObject({ created: 1, errors: [] });
  const [row] = await h.db.select({ id: accreditedInstitutions.id }).from(accreditedInstitutions).where(eq(accreditedInstitutions.certificateNumber, cert));
  return row.id;
}

// ---------------------------------------------------------------------------
// Module D and payment targets: exams, candidates' registrations and photos, orders, refunds
// ---------------------------------------------------------------------------

/** The fixture individual is the one exam candidate among the actors; "another candidate" is a fresh account, never an actor. */
export const candidateActor = async (userId: string): Promise<Actor> => loadActor(h.db, userId, await sessionFor(userId));

/** A candidate may register only with a confirmed photo: a row (its files are not read by registration), confirmed again if an upload unconfirmed it. */
export async function photoConfirmed(userId: string): Promise<void> {
  await h.db
    .insert(candidatePhotos)
    .values({ userId, originalKey: `exam-photos/${userId}/fixture/original.jpg`, processedKey: `exam-photos/${userId}/fixture/standard.jpg`, width: 215, height: 300, bytes: 9000, background: 'blue', confirmedAt: new Date() })
    .onConflictDoUpdate({ target: candidatePhotos.userId, set: { confirmedAt: sql`coalesce(${candidatePhotos.confirmedAt}, now())` } });
}

/** Another exam candidate (an individual who is none of the actors), with a confirmed photo. */
export async function otherCandidate(): Promise<string> {
  const u = await createIndividual(h.db, { name: '其他考生' });
  await photoConfirmed(u.id);
  return u.id;
}

let photoBytes: Buffer | undefined;
/** A valid ID photo source (JPEG, > 30 KB), made once. */
export const photoSource = async () => (photoBytes ??= await jpegPhoto());

/** Steps 1 and 2 of a photo upload by `userId` (grant and PUT); returns the ticket. */
export async function putPhoto(userId: string): Promise<string> {
  const bytes = await photoSource();
  const grant = await requestPhotoUpload(h.db, await getStorage(), await candidateActor(userId), { fileName: '证件照.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return grant.ticket;
}

/** The individual's real photo (both files in the object store), confirmed. */
export async function storedPhoto(): Promise<void> {
  const me = await actor('individual');
  await uploadPhoto(h.db, await getStorage(), me, { ticket: await putPhoto(fx.ids.individual.userId) });
  await confirmPhoto(h.db, me);
}

export const DAY_MS = 86_400_000;
/** An exam open for registration (written directly): one session with one subject, two areas; refund and area-change windows open. */
export async function openExam() {
  const now = Date.now();
  const open = { opens: new Date(now - DAY_MS), closes: new Date(now + 5 * DAY_MS) };
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `开放报名的考试${uniq()}`,
      periodStart: '2030-01-10',
      periodEnd: '2030-01-11',
      registrationOpensAt: open.opens,
      registrationClosesAt: open.closes,
      refundOpensAt: open.opens,
      refundClosesAt: open.closes,
      areaChangeOpensAt: open.opens,
      areaChangeClosesAt: open.closes,
      notice: '考生须知。',
      status: 'published',
    })
    .returning();
  const [session] = await h.db.insert(examSessions).values({ examId: exam.id, name: '上午场', startsAt: new Date('2030-01-10T01:00:00Z'), endsAt: new Date('2030-01-10T03:00:00Z') }).returning();
  const [subject] = await h.db.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A1', name: '认证通用基础', feeFen: 20000 }).returning();
  const areas = await h.db
    .insert(examAreas)
    .values([
      { examId: exam.id, name: '杭州', regionCode: '330100', capacity: 100, sortOrder: 0 },
      { examId: exam.id, name: '宁波', regionCode: '330200', capacity: 100, sortOrder: 1 },
    ])
    .returning();
  return { examId: exam.id, subjectId: subject.id, areaIds: areas.map((a) => a.id) };
}

export const CANDIDATE_INFO = registrationInfoSchema.parse({
  nationality: 'CN',
  ethnicity: '01',
  residenceRegion: '330106',
  education: '21',
  employer: '',
  mobile: '13812345678',
  address: '杭州市西湖区文三路1号',
  email: 'candidate@example.com',
  invoice: { type: 'none' },
});

export type Stage = 'info' | 'subjects' | 'area' | 'ordered' | 'atCashier' | 'paid';
export type Registration = Awaited<ReturnType<typeof openExam>> & { registrationId: string; orderId?: string };

/**
 * A registration of a fresh open exam taken to `stage` through the candidate's
 * own steps: notice (info), info saved (subjects), subject chosen (area),
 * area chosen too (area), order placed (ordered), paid at the sandbox
 * cashier with the notification not yet delivered (atCashier), or paid.
 * The individual's by default.
 */
export async function registration(stage: Stage, userId = fx.ids.individual.userId): Promise<Registration> {
  await photoConfirmed(userId);
  const who = await candidateActor(userId);
  const ex = await openExam();
  const reg = await acceptNotice(h.db, who, ex.examId);
  const out: Registration = { ...ex, registrationId: reg.id };
  if (stage === 'info') return out;
  await saveInfo(h.db, who, { registrationId: reg.id, info: CANDIDATE_INFO });
  if (stage === 'subjects') return out;
  await chooseSubjects(h.db, who, { registrationId: reg.id, subjectIds: [ex.subjectId] });
  await chooseArea(h.db, who, { registrationId: reg.id, areaId: ex.areaIds[0] });
  if (stage === 'area') return out;
  const order = await placeOrder(h.db, who, reg.id);
  out.orderId = order.id;
  if (stage === 'ordered') return out;
  const { redirectUrl } = await startPayment(h.db, who as SignedInActor, { orderId: order.id, returnUrl: `/portal/exam/${ex.examId}/pay` });
  const request = await readCashierRequest(h.db, order.number, Object.fromEntries(new URL(redirectUrl, 'http://x').searchParams));
  const paid = await payAtCashier(h.db, request!, 'pay');
  if (stage === 'atCashier') return out;
  expect(await handleNotification(h.db, 'sandbox', Object.fromEntries(new URLSearchParams(paid.notification!.body)))).toMatchObject({ outcome: 'recorded' });
  const [row] = await h.db.select({ status: examRegistrations.status }).from(examRegistrations).where(eq(examRegistrations.id, reg.id));
  expect(row.status).toBe('paid');
  return out;
}

/** Waits until the background processing of a refund (started after the request's commit) has settled. */
export async function refundSettled(refundId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [r] = await h.db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refundId));
    if (r && (r.status === 'refunded' || r.status === 'failed')) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`refund ${refundId} did not settle`);
}

/** A payment platform whose refunds are refused once for the keys in `refuseOnce` (finance then retries). */
export const SUITE_PROVIDER = 'unauthorized-suite';
const refuseOnce = new Set<string>();
const suiteProvider: PaymentProvider = {
  name: SUITE_PROVIDER,
  notifyAck: { ok: 'success', fail: 'fail' },
  createPayment: async (o) => ({ redirectUrl: `https://pay.example/${o.number}` }),
  verifyNotification: async () => {
    throw new PaymentProviderError('not used');
  },
  queryTrade: async () => ({ paid: false }),
  refund: async (req) => {
    if (refuseOnce.delete(req.idempotencyKey)) throw new PaymentProviderError('退款被拒绝', { retryable: false });
    return { refundNo: `R-${req.idempotencyKey}` };
  },
};
registerPaymentProvider(SUITE_PROVIDER, () => suiteProvider);

/** An order of a plain payment subject (no module handler), paid on the suite's platform. */
export async function paidOrder(opts: { subjectId?: string } = {}) {
  const userId = (await createIndividual(h.db, { name: '付款人' })).id;
  const order = await h.db.transaction((tx) =>
    createOrder(tx, { userId, subjectType: 'unauthorized_suite', subjectId: opts.subjectId ?? uniq(), title: '测试费用', items: [{ name: '费用', amountFen: 10000 }], ttlMinutes: 30 }),
  );
  return { userId, order };
}

/** A refund the platform refused: failed, waiting for finance to retry it. */
export async function failedRefund(): Promise<string> {
  const { userId, order } = await paidOrder();
  await h.db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: SUITE_PROVIDER, providerTradeNo: `T${uniq()}`, amountFen: order.amountFen, source: 'notify' }));
  const refund = await h.db.transaction((tx) => requestRefund(tx, { orderId: order.id, userId, scope: `suite:${uniq()}` }));
  refuseOnce.add(refund.idempotencyKey);
  expect(await processRefund(h.db, refund.id)).toMatchObject({ status: 'failed' });
  return refund.id;
}

/** A payment that came after its order was cancelled and could not be settled (another order of the subject is live): finance returns it. */
export async function unsettledLatePayment(): Promise<string> {
  const subjectId = uniq();
  const { userId, order } = await paidOrder({ subjectId });
  await h.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, order.id));
  await h.db.transaction((tx) => createOrder(tx, { userId, subjectType: 'unauthorized_suite', subjectId, title: '测试费用', items: [{ name: '费用', amountFen: 10000 }], ttlMinutes: 30 }));
  const r = await h.db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: SUITE_PROVIDER, providerTradeNo: `T${uniq()}`, amountFen: order.amountFen, source: 'notify' }));
  expect(r).toMatchObject({ created: true, settled: false, late: true });
  return order.id;
}

/** An unpaid order of the target organization's main account (the payer of the bank-transfer cases). */
export async function targetOrgOrder() {
  return h.db.transaction((tx) => createOrder(tx, { userId: fx.ids.targetOrgMain.userId, subjectType: 'unauthorized_suite', subjectId: uniq(), title: '入会会费', items: [{ name: '会费', amountFen: 200000 }], ttlMinutes: 60 }));
}

/** The target organization's transfer screenshot: a real upload (grant, PUT, content check) to its bank-transfer slot. */
export async function targetOrgScreenshot(): Promise<string> {
  const bytes = await photoSource();
  const who = await actor('targetOrgMain');
  const grant = await requestUpload(h.db, await getStorage(), who, { slot: BANK_TRANSFER_SLOT, fileName: '转账截图.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return (await completeUpload(h.db, await getStorage(), who, { ticket: grant.ticket })).id;
}

/** A bank transfer of the target organization waiting for finance. */
export async function waitingTransfer(): Promise<string> {
  const order = await targetOrgOrder();
  const who = (await actor('targetOrgMain')) as Applicant;
  await submitBankTransfer(h.db, who, { orderId: order.id, documentId: await targetOrgScreenshot(), mobile: '13812345678' });
  const [t] = await h.db.select({ id: bankTransfers.id }).from(bankTransfers).where(and(eq(bankTransfers.orderId, order.id), eq(bankTransfers.status, 'submitted')));
  return t.id;
}

/** Exam set-up targets (written directly): a draft exam far ahead, with a session, a subject and an area unless `bare`; or published; or published with registration closed. */
export async function setupExam(opts: { bare?: boolean; status?: 'draft' | 'published'; closed?: boolean } = {}) {
  const now = Date.now();
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `考试设置${uniq()}`,
      periodStart: '2031-06-10',
      periodEnd: '2031-06-11',
      registrationOpensAt: opts.closed ? new Date(now - 20 * DAY_MS) : new Date('2031-04-01T01:00:00Z'),
      registrationClosesAt: opts.closed ? new Date(now - DAY_MS) : new Date('2031-05-20T09:00:00Z'),
      notice: '考生须知。',
      status: opts.status ?? 'draft',
    })
    .returning();
  if (opts.bare) return { examId: exam.id, sessionId: '', subjectId: '', areaId: '' };
  const [session] = await h.db.insert(examSessions).values({ examId: exam.id, name: '上午场', startsAt: new Date('2031-06-10T01:00:00Z'), endsAt: new Date('2031-06-10T03:00:00Z') }).returning();
  const [subject] = await h.db.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A01', name: '认证通用基础', feeFen: 20000 }).returning();
  const [area] = await h.db.insert(examAreas).values({ examId: exam.id, name: '北京', regionCode: '110100', capacity: 500 }).returning();
  return { examId: exam.id, sessionId: session.id, subjectId: subject.id, areaId: area.id };
}

/** The exam set-up form as the browser sends it (Beijing datetime-local strings, yuan as typed). */
export const examFields = (over: Record<string, string> = {}) => ({
  name: `新建考试${uniq()}`,
  periodStart: '2031-06-10',
  periodEnd: '2031-06-11',
  registrationOpensAt: '2031-04-01T09:00',
  registrationClosesAt: '2031-05-20T17:00',
  refundOpensAt: '',
  refundClosesAt: '',
  areaChangeOpensAt: '',
  areaChangeClosesAt: '',
  notice: '一、考生须知。',
  orderTtlMinutes: '30',
  ...over,
});

// ---------------------------------------------------------------------------
// Certificate targets
// ---------------------------------------------------------------------------

/** Two certificate types of this process: one of module A (the targets' module), one of another module. */
export const CERT_TYPE = registerCertificateType({ type: 'test.unauthorized', module: 'accreditation', labelKey: 'certificates.genericType', prefix: 'TU', validityMonths: 36 });
export const OTHER_CERT_TYPE = registerCertificateType({ type: 'test.unauthorized.membership', module: 'membership', labelKey: 'certificates.genericType', prefix: 'TV', validityMonths: 36 });
/** A valid certificate of the target organization (module A unless said otherwise). */
export async function targetCertificate(type = CERT_TYPE.type): Promise<string> {
  const c = await issueCertificate(h.db, SYSTEM, { type, holderOrgId: fx.targetOrgId, holderUserId: fx.ids.targetOrgMain.userId, holderName: '目标认可机构', subject: { level: '甲级' } });
  return c.id;
}
