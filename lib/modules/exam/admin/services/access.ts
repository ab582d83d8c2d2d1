import { count, eq, inArray, sql } from 'drizzle-orm';
import { examAreas, examRegistrations, exams, examSessions, examSubjects, orders, registrationSubjects, type Exam } from '@/db/schema';
import { rowsOf, type DbOrTx } from '@/db';
import { allows, type Access, type StaffActor } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import { EXAM_ORDER as EXAM_ORDER_SUBJECT_TYPE } from '../../constants';

/** Who sets up exams: exam administrators, and admins. */
export const EXAM_ADMIN_ACCESS = { kind: 'staff', roles: ['exam_admin', 'admin'] } as const satisfies Access;

/** For pages and navigation: whether to show exam set-up (the actions refuse everyone else regardless). */
export const canAdministerExams = (actor: Actor): boolean => allows(EXAM_ADMIN_ACCESS, actor);

/** Domain functions are callable without the gate (tests, jobs): they refuse everyone else themselves. */
export function requireExamAdmin(actor: Actor): StaffActor {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canAdministerExams(actor)) throw new AppError('FORBIDDEN');
  return actor as StaffActor;
}

/**
 * What an exam registration's order is for (orders.subject_type; subject_id is
 * the registration id). The payments layer creates these orders.
 */
export { EXAM_ORDER_SUBJECT_TYPE };


/**
 * The exam, locked for the rest of the transaction. Every set-up change takes
 * this lock first, so checks over the exam's sessions, subjects and areas
 * (overlaps, unique names, publish requirements) see no concurrent edit.
 */
export async function lockExam(tx: DbOrTx, id: string): Promise<Exam> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.examNotFound' });
  const [row] = await tx.select().from(exams).where(eq(exams.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.examNotFound' });
  return row;
}

/** A session and its exam (locked). */
export async function lockSession(tx: DbOrTx, sessionId: string) {
  if (!isUuid(sessionId)) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.sessionNotFound' });
  const [s] = await tx.select().from(examSessions).where(eq(examSessions.id, sessionId));
  if (!s) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.sessionNotFound' });
  return { exam: await lockExam(tx, s.examId), session: s };
}

export async function lockSubject(tx: DbOrTx, subjectId: string) {
  if (!isUuid(subjectId)) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.subjectNotFound' });
  const [s] = await tx.select().from(examSubjects).where(eq(examSubjects.id, subjectId));
  if (!s) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.subjectNotFound' });
  return { exam: await lockExam(tx, s.examId), subject: s };
}

export async function lockArea(tx: DbOrTx, areaId: string) {
  if (!isUuid(areaId)) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.areaNotFound' });
  const [a] = await tx.select().from(examAreas).where(eq(examAreas.id, areaId));
  if (!a) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.areaNotFound' });
  return { exam: await lockExam(tx, a.examId), area: a };
}

/**
 * True once any candidate of the exam has an order (in any state, even
 * cancelled or refunded) or has gone past ordering. From then on fees and
 * subjects stay as they are: an order's amount was computed from them, and a
 * candidate who paid ¥200 must not sit next to one who paid a changed fee, nor
 * find the subject they paid for gone. Sessions may still be renamed or moved,
 * areas renamed and resized.
 */
export async function structureFrozen(tx: DbOrTx, examId: string): Promise<boolean> {
  const [row] = rowsOf<{ frozen: boolean }>(
    await tx.execute(sql`select exists (
      select 1 from ${examRegistrations} r
      where r.exam_id = ${examId}
        and (r.status in ('ordered', 'paid', 'refunded')
             or exists (select 1 from ${orders} o where o.subject_type = ${EXAM_ORDER_SUBJECT_TYPE} and o.subject_id = r.id::text))) as frozen`),
  );
  return Boolean(row?.frozen);
}

export async function assertNotFrozen(tx: DbOrTx, examId: string): Promise<void> {
  if (await structureFrozen(tx, examId)) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.structureFrozen' });
}

export async function registrationCount(tx: DbOrTx, examId: string): Promise<number> {
  const [{ n }] = await tx.select({ n: count() }).from(examRegistrations).where(eq(examRegistrations.examId, examId));
  return n;
}

/**
 * What keeps an exam from being shown to candidates: at least one session
 * with at least one subject, and at least one area. Message keys, empty when
 * it may be published.
 */
export async function publishProblems(tx: DbOrTx, examId: string): Promise<string[]> {
  const [{ sessions }] = await tx.select({ sessions: count() }).from(examSessions).where(eq(examSessions.examId, examId));
  const [{ withSubject }] = await tx
    .select({ withSubject: sql<number>`count(distinct ${examSubjects.sessionId})`.mapWith(Number) })
    .from(examSubjects)
    .where(eq(examSubjects.examId, examId));
  const [{ areas }] = await tx.select({ areas: count() }).from(examAreas).where(eq(examAreas.examId, examId));
  const out: string[] = [];
  if (sessions === 0) out.push('examAdmin.errors.publishNoSession');
  else if (withSubject === 0) out.push('examAdmin.errors.publishNoSubject');
  if (areas === 0) out.push('examAdmin.errors.publishNoArea');
  return out;
}

/** After removing a session, subject or area of a published exam: what is left must still be publishable. */
export async function assertStillPublishable(tx: DbOrTx, exam: Exam): Promise<void> {
  if (exam.status !== 'published') return;
  const problems = await publishProblems(tx, exam.id);
  if (problems.length) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.publishedNeedsStructure' });
}

/** Whether candidates' registrations use an area or a session's subjects (what may then not be deleted). */
export async function areaInUse(tx: DbOrTx, areaId: string): Promise<boolean> {
  const [{ n }] = await tx.select({ n: count() }).from(examRegistrations).where(eq(examRegistrations.areaId, areaId));
  return n > 0;
}

export async function subjectsInUse(tx: DbOrTx, subjectIds: string[]): Promise<boolean> {
  if (!subjectIds.length) return false;
  const [{ n }] = await tx.select({ n: count() }).from(registrationSubjects).where(inArray(registrationSubjects.subjectId, subjectIds));
  return n > 0;
}

/** True when a database error (either driver, possibly wrapped by drizzle) is a foreign-key violation: a row still in use. */
export function isForeignKeyViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if ((cur as { code?: string }).code === '23503') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a deletion; a row a candidate started using meanwhile (foreign key) becomes the `messageKey` refusal. */
export async function refuseIfInUse<T>(messageKey: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isForeignKeyViolation(e)) throw new AppError('INVALID_STATE', { messageKey, cause: e });
    throw e;
  }
}
