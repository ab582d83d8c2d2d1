import { and, asc, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, orders, refunds, registrationSubjects, users, type Exam, type ExamRegistration } from '@/db/schema';
import type { RegistrationInfo } from '../schemas';
import { AppError } from '@/lib/platform/errors';
import type { ApplicantItem, PortalCtx } from '@/lib/platform/manifest';
import { examDetail, openExams, registrationOpen, type OpenExam } from '../../catalog';
import { shanghaiDateOf } from '../../time';
import { EXAM_ORDER, EXAM_REFUND_SCOPE } from '../../constants';
import { liveOrder } from './order';
import { canChangeArea, canRefund } from './rules';

/**
 * What a candidate reads: the exams open for registration and every exam they
 * registered for (after its registration has closed too: paid, refunded,
 * ticket ready, held), each with their own state; and one exam's sessions,
 * subjects and areas. The open-exam query is the hot path when registration
 * opens; it uses exams_open_idx (status, opens, closes).
 */
export type CandidateExamState = 'none' | 'filling' | 'ordered' | 'paid' | 'refundRequested' | 'ticketReady' | 'ended' | 'refunded';

export type CandidateRefund = { amountFen: number; status: string; requestedAt: Date; refundedAt: Date | null; orderId: string };

export type CandidateExamRow = {
  exam: OpenExam & { ticketsReleasedAt: Date | null };
  /** Registration open now. */
  open: boolean;
  /** The live registration, else the refunded one (the latest), else none. */
  registration: { id: string; status: string } | null;
  state: CandidateExamState;
  /** This exam's refund, if the candidate had one (one per person ever). */
  refund: CandidateRefund | null;
};

const examColumns = {
  id: exams.id,
  name: exams.name,
  periodStart: exams.periodStart,
  periodEnd: exams.periodEnd,
  registrationOpensAt: exams.registrationOpensAt,
  registrationClosesAt: exams.registrationClosesAt,
  refundOpensAt: exams.refundOpensAt,
  refundClosesAt: exams.refundClosesAt,
  areaChangeOpensAt: exams.areaChangeOpensAt,
  areaChangeClosesAt: exams.areaChangeClosesAt,
};

/** The candidate's state of an exam, from their registration there and its refund. */
export function candidateState(exam: Pick<Exam, 'periodEnd'> & { ticketsReleasedAt: Date | null }, reg: { status: string } | null, refund: Pick<CandidateRefund, 'status'> | null, now: Date): CandidateExamState {
  if (!reg) return 'none';
  switch (reg.status) {
    case 'info':
    case 'subjects':
    case 'area':
      return 'filling';
    case 'ordered':
      return 'ordered';
    case 'refunded':
      return 'refunded';
    case 'paid':
      if (refund && refund.status !== 'refunded') return 'refundRequested';
      if (shanghaiDateOf(now) > exam.periodEnd) return 'ended';
      return exam.ticketsReleasedAt ? 'ticketReady' : 'paid';
    default:
      return 'none';
  }
}

/** The exam refund of each of these registrations (keyed by registration id). */
export async function refundsOfRegistrations(db: DbOrTx, userId: string, registrationIds: string[]): Promise<Map<string, CandidateRefund>> {
  if (registrationIds.length === 0) return new Map();
  const rows = await db
    .select({ registrationId: orders.subjectId, orderId: orders.id, amountFen: refunds.amountFen, status: refunds.status, createdAt: refunds.createdAt, updatedAt: refunds.updatedAt })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(and(eq(refunds.userId, userId), eq(orders.subjectType, EXAM_ORDER), inArray(orders.subjectId, registrationIds)));
  return new Map(rows.map((r) => [r.registrationId, { orderId: r.orderId, amountFen: r.amountFen, status: r.status, requestedAt: r.createdAt, refundedAt: r.status === 'refunded' ? r.updatedAt : null }]));
}

export async function examsForCandidate(db: DbOrTx, userId: string, now = new Date()): Promise<CandidateExamRow[]> {
  const [open, mine] = await Promise.all([
    openExams(db, now),
    db
      .select({ reg: { id: examRegistrations.id, examId: examRegistrations.examId, status: examRegistrations.status, createdAt: examRegistrations.createdAt }, exam: { ...examColumns, ticketsReleasedAt: exams.ticketsReleasedAt } })
      .from(examRegistrations)
      .innerJoin(exams, eq(exams.id, examRegistrations.examId))
      .where(and(eq(examRegistrations.userId, userId), eq(exams.status, 'published'), ne(examRegistrations.status, 'cancelled')))
      .orderBy(desc(examRegistrations.createdAt)),
  ]);
  const refundOf = await refundsOfRegistrations(db, userId, mine.map((m) => m.reg.id));
  const released = new Map(mine.map((m) => [m.exam.id, m.exam.ticketsReleasedAt]));
  const byExam = new Map<string, CandidateExamRow['exam']>();
  for (const e of open) byExam.set(e.id, { ...e, ticketsReleasedAt: released.get(e.id) ?? null });
  for (const m of mine) if (!byExam.has(m.exam.id)) byExam.set(m.exam.id, m.exam);
  const rows = [...byExam.values()].map((exam): CandidateExamRow => {
    const regs = mine.filter((m) => m.exam.id === exam.id).map((m) => m.reg);
    // The live registration first; else the latest refunded one.
    const reg = regs.find((r) => r.status !== 'refunded') ?? regs[0] ?? null;
    const refund = regs.map((r) => refundOf.get(r.id)).find(Boolean) ?? null;
    const ownRefund = reg ? (refundOf.get(reg.id) ?? null) : null;
    return {
      exam,
      open: open.some((e) => e.id === exam.id),
      registration: reg ? { id: reg.id, status: reg.status } : null,
      state: candidateState(exam, reg, ownRefund, now),
      refund,
    };
  });
  // Open for registration first (closing soonest first), then the candidate's other exams, latest first.
  return rows.sort((a, b) => Number(b.open) - Number(a.open) || (a.open ? a.exam.registrationClosesAt.getTime() - b.exam.registrationClosesAt.getTime() : b.exam.periodStart.localeCompare(a.exam.periodStart)));
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
    refund: refund ? { status: refund.status, amountFen: refund.amountFen, requestedAt: refund.createdAt, refundedAt: refund.status === 'refunded' ? refund.updatedAt : null } : null,
    refundUsed: Boolean(usedRefund),
    paidOrder: paidOrder ?? null,
    canChangeArea: registration.status === 'paid' && canChangeArea(exam, now),
    canRefund: registration.status === 'paid' && canRefund(exam, { refundOfOrder: Boolean(refund), refundUsed: Boolean(usedRefund) }, now),
  };
}

/**
 * The candidate's latest refunded registration of an exam, with its refund
 * (amount, requested, refunded) and the order it refunded, whose receipt
 * stays readable (marked void). Null when there is none.
 */
export async function refundedRegistration(db: DbOrTx, userId: string, examId: string) {
  const [reg] = await db
    .select()
    .from(examRegistrations)
    .where(and(eq(examRegistrations.userId, userId), eq(examRegistrations.examId, examId), eq(examRegistrations.status, 'refunded')))
    .orderBy(desc(examRegistrations.updatedAt))
    .limit(1);
  if (!reg) return null;
  const refund = (await refundsOfRegistrations(db, userId, [reg.id])).get(reg.id) ?? null;
  const [order] = await db
    .select({ id: orders.id, number: orders.number, amountFen: orders.amountFen })
    .from(orders)
    .where(and(eq(orders.subjectType, EXAM_ORDER), eq(orders.subjectId, reg.id), inArray(orders.status, ['refunded', 'refund_requested'])))
    .orderBy(desc(orders.createdAt))
    .limit(1);
  return { registration: reg, refund, order: order ?? null };
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

/** The state of the chosen subjects, as the seed's 查看报考信息 prints it beside each (服务认证基础(已支付)). */
const SUBJECT_STATE: Record<string, 'unpaid' | 'paid' | 'refunded' | undefined> = { ordered: 'unpaid', paid: 'paid', refunded: 'refunded' };

/**
 * Everything the candidate entered for a registration, for the confirm page
 * and 查看报考信息: the identity from the account (name, ID type and number,
 * gender, birth date), the registration info (nationality … invoice), the
 * subjects with their session and state, the area and the amount. Codes stay
 * codes: pages print them in the reader's language.
 */
export async function registrationDetails(db: DbOrTx, reg: ExamRegistration) {
  const [identity, area, subjects] = await Promise.all([
    candidateIdentity(db, reg.userId),
    registrationArea(db, reg),
    db
      .select({ id: examSubjects.id, code: examSubjects.code, name: examSubjects.name, feeFen: examSubjects.feeFen, session: examSessions.name })
      .from(registrationSubjects)
      .innerJoin(examSubjects, eq(examSubjects.id, registrationSubjects.subjectId))
      .innerJoin(examSessions, eq(examSessions.id, registrationSubjects.sessionId))
      .where(eq(registrationSubjects.registrationId, reg.id))
      .orderBy(asc(examSessions.startsAt), asc(examSubjects.code)),
  ]);
  return {
    status: reg.status,
    identity,
    info: reg.info as Partial<RegistrationInfo>,
    subjects: subjects.map((x) => ({ ...x, state: SUBJECT_STATE[reg.status] ?? null })),
    area: area?.name ?? null,
    totalFen: subjects.reduce((n, x) => n + x.feeFen, 0),
  };
}
export type RegistrationDetails = Awaited<ReturnType<typeof registrationDetails>>;

/** The candidate's registration of an exam to show read-only: the live one, else the latest (refunded …); null when none. */
export async function latestRegistration(db: DbOrTx, userId: string, examId: string): Promise<ExamRegistration | null> {
  const [row] = await db
    .select()
    .from(examRegistrations)
    .where(and(eq(examRegistrations.userId, userId), eq(examRegistrations.examId, examId), ne(examRegistrations.status, 'cancelled')))
    .orderBy(sql`case when ${examRegistrations.status} = 'refunded' then 1 else 0 end`, desc(examRegistrations.createdAt))
    .limit(1);
  return row ?? null;
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
    // Paid, tickets out, the exam still ahead: printing the ticket is the candidate's to-do.
    const ticket = reg.status === 'paid' && exam.ticketsReleasedAt !== null && shanghaiDateOf(now) <= exam.periodEnd;
    const todo = (Boolean(step) && open) || ticket;
    return {
      key: `exam:${reg.id}`,
      kindLabel: t('exam.mine.kind'),
      number: exam.name,
      statusLabel: t(`exam.mine.status.${ticket ? 'ticketReady' : state}`),
      tone: ticket ? 'info' : (TONE_OF[state] ?? 'neutral'),
      updatedAt: reg.updatedAt,
      dueAt: ticket ? null : todo ? exam.registrationClosesAt : null,
      href: ticket ? '/portal/exam' : todo && step ? `/portal/exam/${exam.id}/${step.path}` : reg.status === 'paid' ? `/portal/exam/${exam.id}/pay` : `/portal/exam/${exam.id}`,
      todo,
      nextStep: ticket ? t('exam.mine.printTicket') : todo && step ? t(`exam.process.steps.${step.next}`) : undefined,
    };
  });
};
