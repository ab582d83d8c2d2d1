import { and, eq, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { examRegistrations, exams } from '@/db/schema';
import { registrationOpen } from '../../catalog';

/**
 * The one rule for changing the ID photo (seed 003 §10 "报名期间考生可自主修改个人证件照片"):
 * allowed before any registration exists, and afterwards while at least one
 * exam the candidate is (still) registered for is inside its registration
 * window. Refunded and cancelled registrations do not count.
 */
export async function photoChangeAllowed(db: DbOrTx, userId: string, now = new Date()): Promise<boolean> {
  const live = await db
    .select({ status: exams.status, registrationOpensAt: exams.registrationOpensAt, registrationClosesAt: exams.registrationClosesAt })
    .from(examRegistrations)
    .innerJoin(exams, eq(exams.id, examRegistrations.examId))
    .where(and(eq(examRegistrations.userId, userId), notInArray(examRegistrations.status, ['refunded', 'cancelled'])));
  return live.length === 0 || live.some((exam) => registrationOpen(exam, now));
}
