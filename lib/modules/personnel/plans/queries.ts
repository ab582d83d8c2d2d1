import { and, asc, desc, eq, gt, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { applications, personnelExamPlans, personnelPlanSeats, users, type PersonnelExamPlan } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import type { StaffActor } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import { canAdministerPersonnelExams } from '../access';
import { isPlanKind, type PlanKind } from '../catalog';

/**
 * Read models of the exam plans: the staff list and detail, each plan's
 * enrollments (with the exports, audited), and the plans a candidate may
 * pick (open, inside the enrollment window, with a free seat).
 */
export function requirePersonnelExamAdmin(actor: Actor): StaffActor {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canAdministerPersonnelExams(actor)) throw new AppError('FORBIDDEN');
  return actor as StaffActor;
}

export type PlanFilter = { kind?: string; status?: string; q?: string };

export function planFilterFrom(p: Record<string, string | string[] | undefined>): PlanFilter {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : undefined) || undefined;
  const kind = one(p.kind);
  const status = one(p.status);
  return { kind: kind && isPlanKind(kind) ? kind : undefined, status: status && ['draft', 'open', 'closed'].includes(status) ? status : undefined, q: one(p.q)?.slice(0, 64) };
}

function planWhere(f: PlanFilter): SQL | undefined {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    f.kind ? eq(personnelExamPlans.kind, f.kind) : undefined,
    f.status ? eq(personnelExamPlans.status, f.status) : undefined,
    like ? or(ilike(personnelExamPlans.name, like), ilike(personnelExamPlans.item, like), ilike(personnelExamPlans.site, like)) : undefined,
  );
}

/** The staff list, newest first (bounded). */
export async function listPlans(db: DbOrTx, actor: Actor, f: PlanFilter = {}, max = 500): Promise<PersonnelExamPlan[]> {
  requirePersonnelExamAdmin(actor);
  return db.select().from(personnelExamPlans).where(planWhere(f)).orderBy(desc(personnelExamPlans.createdAt), desc(personnelExamPlans.id)).limit(max);
}

/** The plans list as an Excel export: the same rows, recorded in the audit log. */
export async function exportPlans(db: DbOrTx, actor: Actor, f: PlanFilter, ip: string | null = null): Promise<PersonnelExamPlan[]> {
  const staff = requirePersonnelExamAdmin(actor);
  const rows = await listPlans(db, actor, f, 10_000);
  await audit(db, { action: 'data.export', actorId: staff.id, targetType: 'personnel_exam_plans', ip, detail: { filter: f, rows: rows.length } });
  return rows;
}

export async function planFor(db: DbOrTx, actor: Actor, planId: string): Promise<PersonnelExamPlan> {
  requirePersonnelExamAdmin(actor);
  if (!isUuid(planId)) throw new AppError('NOT_FOUND', { messageKey: 'personnel.errors.planNotFound' });
  const [row] = await db.select().from(personnelExamPlans).where(eq(personnelExamPlans.id, planId));
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'personnel.errors.planNotFound' });
  return row;
}

/** One enrollment of a plan as staff lists it (ID number and mobile masked in lists and exports). */
export type PlanEnrollmentRow = {
  applicationId: string;
  number: string;
  kind: string;
  status: string;
  version: number;
  name: string;
  idNumber: string | null;
  mobile: string | null;
  data: Record<string, unknown>;
  submittedAt: Date | null;
};

/** The enrollments holding a seat in the plan, in the order they enrolled. */
export async function planEnrollments(db: DbOrTx, actor: Actor, planId: string): Promise<PlanEnrollmentRow[]> {
  const plan = await planFor(db, actor, planId);
  const rows = await db
    .select({
      applicationId: applications.id,
      number: applications.number,
      kind: applications.kind,
      status: applications.status,
      version: applications.version,
      name: applications.applicantName,
      idNumber: users.idNumber,
      mobile: users.mobile,
      data: applications.data,
      submittedAt: applications.submittedAt,
    })
    .from(personnelPlanSeats)
    .innerJoin(applications, eq(applications.id, personnelPlanSeats.applicationId))
    .innerJoin(users, eq(users.id, personnelPlanSeats.userId))
    .where(eq(personnelPlanSeats.planId, plan.id))
    .orderBy(asc(personnelPlanSeats.createdAt), asc(applications.number));
  return rows.map((r) => ({ ...r, data: (r.data ?? {}) as Record<string, unknown> }));
}

/** A plan's enrollments for the Excel export, recorded in the audit log. */
export async function exportPlanEnrollments(db: DbOrTx, actor: Actor, planId: string, ip: string | null = null): Promise<{ plan: PersonnelExamPlan; rows: PlanEnrollmentRow[] }> {
  const staff = requirePersonnelExamAdmin(actor);
  const plan = await planFor(db, actor, planId);
  const rows = await planEnrollments(db, actor, planId);
  await audit(db, { action: 'data.export', actorId: staff.id, targetType: 'personnel_plan_enrollments', targetId: plan.id, ip, detail: { plan: plan.name, rows: rows.length } });
  return { plan, rows };
}

// ---- candidates ------------------------------------------------------------

export type OpenPlan = Pick<PersonnelExamPlan, 'id' | 'kind' | 'item' | 'name' | 'examStartsOn' | 'examEndsOn' | 'site' | 'capacity' | 'taken' | 'enrollOpensAt' | 'enrollClosesAt' | 'feeFen' | 'note'> & { remaining: number };

/** Whether a candidate may enroll in the plan now: open, inside its window. (Seats are taken separately.) */
export function planAcceptsEnrollment(plan: Pick<PersonnelExamPlan, 'status' | 'enrollOpensAt' | 'enrollClosesAt'>, now: Date): boolean {
  return plan.status === 'open' && plan.enrollOpensAt.getTime() <= now.getTime() && now.getTime() < plan.enrollClosesAt.getTime();
}

/** The plans of a kind and item a candidate may pick now (full ones included, shown as full), soonest exam first. */
export async function openPlansFor(db: DbOrTx, kind: PlanKind, item: string, now = new Date()): Promise<OpenPlan[]> {
  const rows = await db
    .select()
    .from(personnelExamPlans)
    .where(and(eq(personnelExamPlans.kind, kind), eq(personnelExamPlans.item, item), eq(personnelExamPlans.status, 'open'), lte(personnelExamPlans.enrollOpensAt, now), gt(personnelExamPlans.enrollClosesAt, now)))
    .orderBy(asc(personnelExamPlans.examStartsOn), asc(personnelExamPlans.name));
  return rows.map((p) => ({
    id: p.id,
    kind: p.kind,
    item: p.item,
    name: p.name,
    examStartsOn: p.examStartsOn,
    examEndsOn: p.examEndsOn,
    site: p.site,
    capacity: p.capacity,
    taken: p.taken,
    enrollOpensAt: p.enrollOpensAt,
    enrollClosesAt: p.enrollClosesAt,
    feeFen: p.feeFen,
    note: p.note,
    remaining: Math.max(0, p.capacity - p.taken),
  }));
}

/** The plan an enrollment holds a seat in, for its edit page (shown even once its window closed: resubmitting keeps the seat). */
export async function heldPlanOption(db: DbOrTx, planId: string | undefined): Promise<OpenPlan | null> {
  if (!planId || !isUuid(planId)) return null;
  const [p] = await db.select().from(personnelExamPlans).where(eq(personnelExamPlans.id, planId));
  if (!p) return null;
  return { id: p.id, kind: p.kind, item: p.item, name: p.name, examStartsOn: p.examStartsOn, examEndsOn: p.examEndsOn, site: p.site, capacity: p.capacity, taken: p.taken, enrollOpensAt: p.enrollOpensAt, enrollClosesAt: p.enrollClosesAt, feeFen: p.feeFen, note: p.note, remaining: Math.max(0, p.capacity - p.taken) };
}

/** Every plan open now, by kind and item (the portal's overview of what can be enrolled for). */
export async function openPlanCounts(db: DbOrTx, now = new Date()): Promise<Array<{ kind: string; item: string; plans: number }>> {
  const rows = await db
    .select({ kind: personnelExamPlans.kind, item: personnelExamPlans.item, plans: sql<number>`count(*)`.mapWith(Number) })
    .from(personnelExamPlans)
    .where(and(eq(personnelExamPlans.status, 'open'), lte(personnelExamPlans.enrollOpensAt, now), gt(personnelExamPlans.enrollClosesAt, now)))
    .groupBy(personnelExamPlans.kind, personnelExamPlans.item);
  return rows;
}
