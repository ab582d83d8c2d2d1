import { and, eq, gt, lt, lte, sql } from 'drizzle-orm';
import { personnelExamPlans, personnelPlanSeats, type PersonnelExamPlan } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import type { PlanKind } from '../catalog';
import { planAcceptsEnrollment } from './queries';

/**
 * Seats of the exam plans. Taking one is a conditional UPDATE of the plan's
 * counter (open, inside the window, a seat free) plus the seat row (one per
 * person per plan, a unique index), inside the submitting transition's
 * transaction: of two people after the last seat exactly one gets it, and a
 * refusal rolls the whole submit back.
 */
const planError = (messageKey: string, message: string, code: 'BAD_INPUT' | 'CONFLICT' = 'BAD_INPUT') => new AppError(code, { messageKey, fieldErrors: { planId: [message] } });

export type SeatRequest = { applicationId: string; userId: string; planId: string; kind: PlanKind; item: string; now?: Date };

/**
 * Makes sure the enrollment holds a seat in `planId`: keeps the one it has
 * there (a resubmit for the same plan, even after its window closed), or
 * releases the seat it holds elsewhere and takes one in `planId`.
 */
export async function takeSeat(tx: DbOrTx, req: SeatRequest): Promise<PersonnelExamPlan> {
  const now = req.now ?? new Date();
  if (!isUuid(req.planId)) throw planError('personnel.errors.planUnavailable', '请选择可报名的考试计划');
  const [held] = await tx.select().from(personnelPlanSeats).where(eq(personnelPlanSeats.applicationId, req.applicationId));
  if (held?.planId === req.planId) {
    const [plan] = await tx.select().from(personnelExamPlans).where(eq(personnelExamPlans.id, req.planId));
    return plan;
  }
  if (held) await releaseSeat(tx, req.applicationId);
  const [plan] = await tx
    .update(personnelExamPlans)
    .set({ taken: sql`${personnelExamPlans.taken} + 1` })
    .where(
      and(
        eq(personnelExamPlans.id, req.planId),
        eq(personnelExamPlans.kind, req.kind),
        eq(personnelExamPlans.item, req.item),
        eq(personnelExamPlans.status, 'open'),
        lte(personnelExamPlans.enrollOpensAt, now),
        gt(personnelExamPlans.enrollClosesAt, now),
        lt(personnelExamPlans.taken, personnelExamPlans.capacity),
      ),
    )
    .returning();
  if (!plan) {
    const [p] = await tx.select().from(personnelExamPlans).where(eq(personnelExamPlans.id, req.planId));
    if (!p || p.kind !== req.kind || p.item !== req.item || p.status === 'draft') throw planError('personnel.errors.planUnavailable', '请选择可报名的考试计划');
    if (!planAcceptsEnrollment(p, now)) throw planError('personnel.errors.planClosed', '该考试计划不在报名时间内，请选择其他考试计划');
    throw planError('personnel.errors.planFull', '该考试计划名额已满，请选择其他考试计划', 'CONFLICT');
  }
  try {
    // A savepoint: a second enrollment of the same person in this plan is refused as such, not as a broken transaction.
    await (tx as unknown as { transaction: <T>(fn: (t: DbOrTx) => Promise<T>) => Promise<T> }).transaction(async (t) => {
      await t.insert(personnelPlanSeats).values({ applicationId: req.applicationId, planId: plan.id, userId: req.userId });
    });
  } catch (e) {
    if (isUniqueViolation(e, 'personnel_plan_seats_person_idx')) throw planError('personnel.errors.alreadyInPlan', '您已报名该考试计划，请勿重复报名', 'CONFLICT');
    throw e;
  }
  return plan;
}

/** Gives the enrollment's seat back (deleted, rejected, moved to another plan). */
export async function releaseSeat(tx: DbOrTx, applicationId: string): Promise<void> {
  const [seat] = await tx.delete(personnelPlanSeats).where(eq(personnelPlanSeats.applicationId, applicationId)).returning();
  if (!seat) return;
  await tx
    .update(personnelExamPlans)
    .set({ taken: sql`${personnelExamPlans.taken} - 1` })
    .where(eq(personnelExamPlans.id, seat.planId));
}
