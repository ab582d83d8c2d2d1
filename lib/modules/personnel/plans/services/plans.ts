import { and, count, eq, lte, sql } from 'drizzle-orm';
import { personnelExamPlans, personnelPlanSeats, type PersonnelExamPlan } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type StaffActor } from '@/lib/platform/auth/action-core';
import { AppError } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import { PERSONNEL_EXAM_ADMIN } from '../../access';
import { createPlanSchema, setPlanStatusSchema, updatePlanSchema, type PlanForm } from '../schemas';

/**
 * Exam plans (staff, exam_admin of module C): create, edit, open / close.
 * Every change is one transaction, audited with what changed. The capacity
 * never drops below the seats taken (a conditional UPDATE, and the table's
 * check constraint regardless); the kind and item stay as they are once
 * someone has enrolled.
 */
const notFound = () => new AppError('NOT_FOUND', { messageKey: 'personnel.errors.planNotFound' });

export async function lockPlan(tx: DbOrTx, planId: string): Promise<PersonnelExamPlan> {
  if (!isUuid(planId)) throw notFound();
  const [row] = await tx.select().from(personnelExamPlans).where(eq(personnelExamPlans.id, planId)).for('update');
  if (!row) throw notFound();
  return row;
}

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

const columns = (f: PlanForm) => ({
  kind: f.kind,
  item: f.item,
  name: f.name,
  examStartsOn: f.examStartsOn,
  examEndsOn: f.examEndsOn,
  site: f.site,
  capacity: f.capacity,
  enrollOpensAt: f.enrollOpensAt,
  enrollClosesAt: f.enrollClosesAt,
  feeFen: f.fee,
  note: f.note,
});

export async function createPlan(db: Db, actor: StaffActor, input: PlanForm, ip: string | null = null): Promise<PersonnelExamPlan> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(personnelExamPlans)
      .values({ ...columns(input), createdBy: actor.id })
      .returning();
    await audit(tx, { action: 'personnel.plan_created', actorId: actor.id, targetType: 'personnel_exam_plan', targetId: row.id, ip, detail: { name: row.name, kind: row.kind, item: row.item, capacity: row.capacity } });
    return row;
  });
}

export async function updatePlan(db: Db, actor: StaffActor, input: PlanForm & { planId: string }, ip: string | null = null): Promise<PersonnelExamPlan> {
  return db.transaction(async (tx) => {
    const before = await lockPlan(tx, input.planId);
    const [{ seats }] = await tx.select({ seats: count() }).from(personnelPlanSeats).where(eq(personnelPlanSeats.planId, before.id));
    if (seats > 0 && (before.kind !== input.kind || before.item !== input.item)) {
      throw new AppError('INVALID_STATE', { messageKey: 'personnel.errors.planItemFrozen', fieldErrors: { item: ['已有人报名，不能更改报名类别和项目'] } });
    }
    const [row] = await tx
      .update(personnelExamPlans)
      .set({ ...columns(input), updatedAt: new Date() })
      .where(and(eq(personnelExamPlans.id, before.id), lte(personnelExamPlans.taken, input.capacity)))
      .returning();
    if (!row) throw new AppError('BAD_INPUT', { fieldErrors: { capacity: [`计划人数不能少于已报名人数（${before.taken}）`] } });
    const old = before as Record<string, unknown>;
    const changed = Object.fromEntries(
      Object.entries(columns(input))
        .filter(([k, v]) => plain(old[k]) !== plain(v))
        .map(([k, v]) => [k, { from: plain(old[k]), to: plain(v) }]),
    );
    await audit(tx, { action: 'personnel.plan_updated', actorId: actor.id, targetType: 'personnel_exam_plan', targetId: row.id, ip, detail: { name: row.name, changed } });
    return row;
  });
}

/** Opens (publishes) or closes a plan; closing keeps every enrollment, it only stops new ones. */
export async function setPlanStatus(db: Db, actor: StaffActor, input: { planId: string; status: 'open' | 'closed' }, ip: string | null = null): Promise<PersonnelExamPlan> {
  return db.transaction(async (tx) => {
    const before = await lockPlan(tx, input.planId);
    if (before.status === input.status) throw new AppError('INVALID_STATE', { messageKey: input.status === 'open' ? 'personnel.errors.planAlreadyOpen' : 'personnel.errors.planAlreadyClosed' });
    const [row] = await tx
      .update(personnelExamPlans)
      .set({ status: input.status, updatedAt: sql`now()` })
      .where(and(eq(personnelExamPlans.id, before.id), eq(personnelExamPlans.status, before.status)))
      .returning();
    await audit(tx, { action: input.status === 'open' ? 'personnel.plan_opened' : 'personnel.plan_closed', actorId: actor.id, targetType: 'personnel_exam_plan', targetId: row.id, ip, detail: { name: row.name, from: before.status } });
    return row;
  });
}

export const createPlanDef = defineAction({
  access: PERSONNEL_EXAM_ADMIN,
  schema: createPlanSchema,
  handler: async ({ db, actor, input, ip }) => {
    const row = await createPlan(db, actor, input, ip);
    return { id: row.id };
  },
});

export const updatePlanDef = defineAction({
  access: PERSONNEL_EXAM_ADMIN,
  schema: updatePlanSchema,
  handler: async ({ db, actor, input, ip }) => {
    const row = await updatePlan(db, actor, input, ip);
    return { id: row.id };
  },
});

export const setPlanStatusDef = defineAction({
  access: PERSONNEL_EXAM_ADMIN,
  schema: setPlanStatusSchema,
  handler: async ({ db, actor, input, ip }) => {
    const row = await setPlanStatus(db, actor, input, ip);
    return { id: row.id, status: row.status };
  },
});
