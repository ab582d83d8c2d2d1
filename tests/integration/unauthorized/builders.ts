import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, outbox, refunds } from '@/db/schema';
import { createIndividual } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { loadActor, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { FIELD_CHANGE } from '@/lib/modules/accreditation/field-change/kind';
import { preApplicationFormSchema } from '@/lib/modules/accreditation/pre-application/schemas';
import { submitPreApplication } from '@/lib/modules/accreditation/pre-application/services/submit';
import { verifyPreApplication } from '@/lib/modules/accreditation/pre-application/services/by-token';
import { registrationInfoSchema } from '@/lib/modules/exam/registration/schemas';
import { placeOrder } from '@/lib/modules/exam/registration/services/order';
import { acceptNotice, chooseArea, chooseSubjects, saveInfo } from '@/lib/modules/exam/registration/services/registration';
import { handleNotification, startPayment } from '@/lib/platform/payments';
import { payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { createApplication } from '@/lib/platform/workflow';
import { jpegPhoto } from '../../helpers/photos';
import { actor, ctx, sessionFor } from './context';

/**
 * The builders several areas of the unauthorized-access suite share: the real
 * objects (the target organization's applications, public pre-applications,
 * exam candidates, their registrations and orders …) that coverage entries aim
 * their inputs at. Each builds a fresh target on the suite's database
 * (ctx.h), so a refused call and the probe's accepted call see the same
 * object. A builder only one area uses lives in that area's file.
 */

// ---------------------------------------------------------------------------
// Shared odds and ends
// ---------------------------------------------------------------------------

let seq = 0;
/** A short unique suffix (names, usernames, emails). */
export const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
/** The next number of the same counter (a settings key, a term length). */
export const nextSeq = () => seq++;

export const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

// ---------------------------------------------------------------------------
// Module A applications: the target organization's field change, public pre-applications
// ---------------------------------------------------------------------------

/** A valid field-change form (what the applicant submits). */
export const FIELD_CHANGE_FORM = {
  businessFields: { laboratory: { selected: false, description: '' }, inspectionBody: { selected: true, description: '承压设备定期检验' } },
  reason: '业务拓展',
};

/** The target organization's draft 业务领域变更 (hidden from staff). */
export async function targetDraft(): Promise<string> {
  const app = await createApplication(ctx.h.db, await actor('targetOrgMain'), { kind: FIELD_CHANGE, data: { businessFields: {} }, draft: true });
  expect(app).toMatchObject({ status: 'draft', orgId: ctx.fx.targetOrgId });
  return app.id;
}

/** The target organization's submitted 业务领域变更 (in the module-A reviewers' queue). */
export async function targetSubmitted(): Promise<string> {
  const app = await createApplication(ctx.h.db, await actor('targetOrgMain'), { kind: FIELD_CHANGE, data: FIELD_CHANGE_FORM, thenFire: 'submit' });
  expect(app).toMatchObject({ status: 'submitted', orgId: ctx.fx.targetOrgId });
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
  const app = await submitPreApplication(ctx.h.db, form, null);
  expect(app.status).toBe('unverified');
  return { id: app.id, email };
}

/** A pre-application verified through the emailed link: pending in the module-A reviewers' queue. */
export async function verifiedPreApplication(): Promise<string> {
  const { id, email } = await unverifiedPreApplication();
  const [mail] = await ctx.h.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), sql`${outbox.payload}->>'to' = ${email}`));
  const token = /\/accreditation\/pre-application\/verify\?token=([\w-]+)/.exec((mail.payload as { text: string }).text)![1];
  expect((await verifyPreApplication(ctx.h.db, token)).status).toBe('pending');
  return id;
}

// ---------------------------------------------------------------------------
// Module D candidates, their registrations and orders (exam and payment targets)
// ---------------------------------------------------------------------------

/** The fixture individual is the one exam candidate among the actors; "another candidate" is a fresh account, never an actor. */
export const candidateActor = async (userId: string): Promise<Actor> => loadActor(ctx.h.db, userId, await sessionFor(userId));

/** A candidate may register only with a confirmed photo: a row (its files are not read by registration), confirmed again if an upload unconfirmed it. */
export async function photoConfirmed(userId: string): Promise<void> {
  await ctx.h.db
    .insert(candidatePhotos)
    .values({ userId, originalKey: `exam-photos/${userId}/fixture/original.jpg`, processedKey: `exam-photos/${userId}/fixture/standard.jpg`, width: 215, height: 300, bytes: 9000, background: 'blue', confirmedAt: new Date() })
    .onConflictDoUpdate({ target: candidatePhotos.userId, set: { confirmedAt: sql`coalesce(${candidatePhotos.confirmedAt}, now())` } });
}

/** Another exam candidate (an individual who is none of the actors), with a confirmed photo. */
export async function otherCandidate(): Promise<string> {
  const u = await createIndividual(ctx.h.db, { name: '其他考生' });
  await photoConfirmed(u.id);
  return u.id;
}

let photoBytes: Buffer | undefined;
/** A valid ID photo source (JPEG, > 30 KB), made once. */
export const photoSource = async () => (photoBytes ??= await jpegPhoto());

export const DAY_MS = 86_400_000;
/** An exam open for registration (written directly): one session with one subject, two areas; refund and area-change windows open. */
export async function openExam() {
  const now = Date.now();
  const open = { opens: new Date(now - DAY_MS), closes: new Date(now + 5 * DAY_MS) };
  const [exam] = await ctx.h.db
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
  const [session] = await ctx.h.db.insert(examSessions).values({ examId: exam.id, name: '上午场', startsAt: new Date('2030-01-10T01:00:00Z'), endsAt: new Date('2030-01-10T03:00:00Z') }).returning();
  const [subject] = await ctx.h.db.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A1', name: '认证通用基础', feeFen: 20000 }).returning();
  const areas = await ctx.h.db
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
export async function registration(stage: Stage, userId = ctx.fx.ids.individual.userId): Promise<Registration> {
  await photoConfirmed(userId);
  const who = await candidateActor(userId);
  const ex = await openExam();
  const reg = await acceptNotice(ctx.h.db, who, ex.examId);
  const out: Registration = { ...ex, registrationId: reg.id };
  if (stage === 'info') return out;
  await saveInfo(ctx.h.db, who, { registrationId: reg.id, info: CANDIDATE_INFO });
  if (stage === 'subjects') return out;
  await chooseSubjects(ctx.h.db, who, { registrationId: reg.id, subjectIds: [ex.subjectId] });
  await chooseArea(ctx.h.db, who, { registrationId: reg.id, areaId: ex.areaIds[0] });
  if (stage === 'area') return out;
  const order = await placeOrder(ctx.h.db, who, reg.id);
  out.orderId = order.id;
  if (stage === 'ordered') return out;
  const { redirectUrl } = await startPayment(ctx.h.db, who as SignedInActor, { orderId: order.id, returnUrl: `/portal/exam/${ex.examId}/pay` });
  const request = await readCashierRequest(ctx.h.db, order.number, Object.fromEntries(new URL(redirectUrl, 'http://x').searchParams));
  const paid = await payAtCashier(ctx.h.db, request!, 'pay');
  if (stage === 'atCashier') return out;
  expect(await handleNotification(ctx.h.db, 'sandbox', Object.fromEntries(new URLSearchParams(paid.notification!.body)))).toMatchObject({ outcome: 'recorded' });
  const [row] = await ctx.h.db.select({ status: examRegistrations.status }).from(examRegistrations).where(eq(examRegistrations.id, reg.id));
  expect(row.status).toBe('paid');
  return out;
}

/** Waits until the background processing of a refund (started after the request's commit) has settled. */
export async function refundSettled(refundId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [r] = await ctx.h.db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refundId));
    if (r && (r.status === 'refunded' || r.status === 'failed')) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`refund ${refundId} did not settle`);
}
