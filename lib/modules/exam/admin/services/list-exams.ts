import { desc, eq, sql } from 'drizzle-orm';
import { examRegistrations, exams, type Exam } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { examDetail, type ExamDetail } from '../../catalog';
import { publishProblems, requireExamAdmin, structureFrozen } from './access';

/** Live registrations (not refunded or cancelled) and paid ones, per exam. */
const counts = {
  registrations: sql<number>`count(${examRegistrations.id}) filter (where ${examRegistrations.status} not in ('refunded', 'cancelled'))`.mapWith(Number),
  paid: sql<number>`count(${examRegistrations.id}) filter (where ${examRegistrations.status} = 'paid')`.mapWith(Number),
};

export type StaffExamRow = Pick<
  Exam,
  'id' | 'name' | 'status' | 'periodStart' | 'periodEnd' | 'registrationOpensAt' | 'registrationClosesAt' | 'refundOpensAt' | 'refundClosesAt' | 'ticketsReleasedAt' | 'updatedAt'
> & { registrations: number; paid: number };

/** Every exam for the staff list, the latest exam period first, with registration counts. */
export async function listStaffExams(db: DbOrTx, actor: Actor): Promise<StaffExamRow[]> {
  requireExamAdmin(actor);
  return db
    .select({
      id: exams.id,
      name: exams.name,
      status: exams.status,
      periodStart: exams.periodStart,
      periodEnd: exams.periodEnd,
      registrationOpensAt: exams.registrationOpensAt,
      registrationClosesAt: exams.registrationClosesAt,
      refundOpensAt: exams.refundOpensAt,
      refundClosesAt: exams.refundClosesAt,
      ticketsReleasedAt: exams.ticketsReleasedAt,
      updatedAt: exams.updatedAt,
      ...counts,
    })
    .from(exams)
    .leftJoin(examRegistrations, eq(examRegistrations.examId, exams.id))
    .groupBy(exams.id)
    .orderBy(desc(exams.periodStart), desc(exams.createdAt));
}

export type StaffExam = ExamDetail & { registrations: number; paid: number; frozen: boolean; publishProblems: string[] };

/** One exam for the staff pages: the shared detail plus counts, whether fees are frozen and what publishing still needs. */
export async function getStaffExam(db: DbOrTx, actor: Actor, id: string): Promise<StaffExam> {
  requireExamAdmin(actor);
  const detail = await examDetail(db, id);
  if (!detail) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.examNotFound' });
  const [c] = await db.select(counts).from(examRegistrations).where(eq(examRegistrations.examId, id));
  return { ...detail, registrations: c?.registrations ?? 0, paid: c?.paid ?? 0, frozen: await structureFrozen(db, id), publishProblems: await publishProblems(db, id) };
}
