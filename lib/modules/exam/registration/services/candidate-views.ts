import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { candidatePhotos, examAreas, examRegistrations, exams, orders, refunds, users, type Exam, type ExamRegistration } from '@/db/schema';
import { AppError } from '@/lib/platform/errors';
import type { ApplicantItem, PortalCtx } from '@/lib/platform/manifest';
import { examDetail, openExams, registrationOpen } from '../../catalog';
import { EXAM_ORDER, EXAM_REFUND_SCOPE } from '../../constants';
import { liveOrder } from './order';
import { canChangeArea, canRefund } from './rules';

/**
 * What a candidate reads: the exams open for registration with their own
 * status (未报考 / 已报考), and one exam's sessions, subjects and areas. The
 * open-exam query is the hot path when registration opens; it uses
 * exams_open_idx (status, opens, closes).
 */
export async function examsForCandidate(db: DbOrTx, userId: string, now = new Date()) {
  const open = await openExams(db, now);
  const mine = open.length
    ? await db
        .select({ examId: examRegistrations.examId, id: examRegistrations.id, status: examRegistrations.status })
        .from(examRegistrations)
        .where(and(eq(examRegistrations.userId, userId), inArray(examRegistrations.examId, open.map((e) => e.id)), notInArray(examRegistrations.status, ['refunded', 'cancelled'])))
    : [];
  return open.map((exam) => ({ exam, registration: mine.find((m) => m.examId === exam.id) ?? null }));
}

/** Sessions with subjects and areas with seats left (the shared catalog read). */
export async function examStructure(db: DbOrTx, examId: string) {
  const detail = await examDetail(db, examId);
  return { sessions: detail?.sessions ?? [], areas: detail?.areas ?? [] };
}

export async function photoConfirmed(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ confirmedAt: candidatePhotos.confirmedAt }).from(candidatePhotos).where(eq(candidatePhotos.userId, userId));
  return Boolean(row?.confirmedAt);
}

/** The area a registration holds (its name for the pages). */
export async function registrationArea(db: DbOrTx, registration: Pick<ExamRegistration, 'areaId'>) {
  if (!registration.areaId) return null;
  const [area] = await db.select().from(examAreas).where(eq(examAreas.id, registration.areaId));
  return area ?? null;
}

/**
 * 网上缴费 as the candidate sees it: the live order, the refund of that order,
 * whether the person's one exam refund is used, the paid order (its receipt),
 * and what is offered now under the same rules the mutations apply.
 */
export async function paymentView(db: DbOrTx, exam: Exam, registration: ExamRegistration, now = new Date()) {
  const [area, order] = await Promise.all([registrationArea(db, registration), liveOrder(db, registration.id)]);
  const [refund] = order ? await db.select().from(refunds).where(eq(refunds.orderId, order.id)) : [];
  // One exam refund per person, ever: once used, no refund is offered again.
  const [usedRefund] = await db.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.userId, registration.userId), eq(refunds.scope, EXAM_REFUND_SCOPE)));
  const [paidOrder] =
    registration.status === 'paid'
      ? await db
          .select()
          .from(orders)
          .where(and(eq(orders.subjectType, EXAM_ORDER), eq(orders.subjectId, registration.id), eq(orders.status, 'paid')))
          .orderBy(desc(orders.createdAt))
          .limit(1)
      : [];
  return {
    area,
    order,
    refund: refund ?? null,
    refundUsed: Boolean(usedRefund),
    paidOrder: paidOrder ?? null,
    canChangeArea: registration.status === 'paid' && canChangeArea(exam, now),
    canRefund: registration.status === 'paid' && canRefund(exam, { refundOfOrder: Boolean(refund), refundUsed: Boolean(usedRefund) }, now),
  };
}

/** A published exam by id (the candidate pages 404 on anything else). */
export async function publishedExam(db: DbOrTx, examId: string): Promise<Exam | null> {
  const [exam] = await db.select().from(exams).where(and(eq(exams.id, examId), eq(exams.status, 'published')));
  return exam ?? null;
}

/** The candidate's own identity as the registration pages show it (read-only there). */
export async function candidateIdentity(db: DbOrTx, userId: string) {
  const [me] = await db
    .select({ name: users.name, idType: users.idType, idNumber: users.idNumber, gender: users.gender, birthDate: users.birthDate, mobile: users.mobile, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!me) throw new AppError('NOT_FOUND');
  return me;
}

const STEP_OF: Record<string, { next: string; path: string } | undefined> = {
  info: { next: 'info', path: 'info' },
  subjects: { next: 'subjects', path: 'subjects' },
  area: { next: 'area', path: 'area' },
  toPay: { next: 'payment', path: 'pay' },
  ordered: { next: 'payment', path: 'pay' },
};
const TONE_OF: Record<string, ApplicantItem['tone']> = { info: 'warning', subjects: 'warning', area: 'warning', toPay: 'warning', ordered: 'warning', paid: 'success', refunded: 'neutral', cancelled: 'neutral' };

/**
 * 我的申请 / 我的任务 entries of module D: the candidate's exam registrations
 * with their state and next step. A registration still being filled or
 * unpaid is a to-do while the exam's registration window is open (due at its
 * close); after that only its state shows.
 */
export const examApplicantItems = async ({ db, actor, t }: PortalCtx): Promise<ApplicantItem[]> => {
  if (actor.kind !== 'individual') return [];
  const rows = await db
    .select({ reg: examRegistrations, exam: exams })
    .from(examRegistrations)
    .innerJoin(exams, eq(exams.id, examRegistrations.examId))
    .where(and(eq(examRegistrations.userId, actor.id), notInArray(examRegistrations.status, ['cancelled'])))
    .orderBy(desc(examRegistrations.updatedAt))
    .limit(100);
  const now = new Date();
  return rows.map(({ reg, exam }) => {
    // 'area' with an area chosen: every form step is done, the payment is next.
    const state = reg.status === 'area' && reg.areaId ? 'toPay' : reg.status;
    const step = STEP_OF[state];
    const open = registrationOpen(exam, now);
    const todo = Boolean(step) && open;
    return {
      key: `exam:${reg.id}`,
      kindLabel: t('exam.mine.kind'),
      number: exam.name,
      statusLabel: t(`exam.mine.status.${state}`),
      tone: TONE_OF[state] ?? 'neutral',
      updatedAt: reg.updatedAt,
      dueAt: todo ? exam.registrationClosesAt : null,
      href: todo && step ? `/portal/exam/${exam.id}/${step.path}` : reg.status === 'paid' ? `/portal/exam/${exam.id}/pay` : `/portal/exam/${exam.id}`,
      todo,
      nextStep: todo && step ? t(`exam.process.steps.${step.next}`) : undefined,
    };
  });
};
