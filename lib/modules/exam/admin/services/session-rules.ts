import { and, eq, gt, lt, ne, type SQL } from 'drizzle-orm';
import { examSessions, type Exam } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/platform/errors';
import { shanghaiDayEnd, shanghaiDayStart } from '../../time';

/**
 * A session lies inside the exam period (from 00:00 of its first day to
 * 24:00 of its last, Beijing time), does not overlap another session of the
 * exam (touching ends are fine: 11:30 end, 11:30 start) and has a name of its
 * own. Run under the exam's row lock, so two tabs cannot add overlapping ones.
 */
export async function checkSession(tx: DbOrTx, exam: Exam, s: { name: string; startsAt: Date; endsAt: Date }, exceptId?: string): Promise<void> {
  if (s.startsAt < shanghaiDayStart(exam.periodStart) || s.endsAt > shanghaiDayEnd(exam.periodEnd)) {
    throw new AppError('BAD_INPUT', {
      messageKey: 'examAdmin.errors.sessionOutsidePeriod',
      params: { start: exam.periodStart, end: exam.periodEnd },
      fieldErrors: { startsAt: ['examAdmin.errors.sessionOutsidePeriodField'] },
    });
  }
  const others: SQL | undefined = exceptId ? ne(examSessions.id, exceptId) : undefined;
  const [clash] = await tx
    .select({ name: examSessions.name })
    .from(examSessions)
    .where(and(eq(examSessions.examId, exam.id), others, lt(examSessions.startsAt, s.endsAt), gt(examSessions.endsAt, s.startsAt)))
    .limit(1);
  if (clash) {
    throw new AppError('BAD_INPUT', {
      messageKey: 'examAdmin.errors.sessionOverlap',
      params: { other: clash.name },
      fieldErrors: { startsAt: ['examAdmin.errors.sessionOverlapField'], endsAt: ['examAdmin.errors.sessionOverlapField'] },
    });
  }
  const [same] = await tx
    .select({ id: examSessions.id })
    .from(examSessions)
    .where(and(eq(examSessions.examId, exam.id), others, eq(examSessions.name, s.name)))
    .limit(1);
  if (same) throw new AppError('BAD_INPUT', { messageKey: 'examAdmin.errors.sessionNameTaken', fieldErrors: { name: ['examAdmin.errors.sessionNameTakenField'] } });
}
