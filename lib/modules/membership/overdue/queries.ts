import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, gte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { applications, certificates, organizations, qualificationLevels, qualificationOverdueStages, qualifications, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import { canManageMembership } from '../access';
import { ANNUAL_REVIEW_KIND, reviewSubmittedSql } from './review';
import type { OverdueFilter } from './schemas';
import { getOverdueStages } from './settings';
import { chinaDay, daysBetween, planOfCycle, type OverdueStage, type StagePlan } from './stages';

/**
 * The staff side of overdue annual reviews (年审逾期): the list of
 * enterprises with overdue stages, its Excel export (audited) and one
 * qualification's detail. Admins and module-B reviewers only; everyone else
 * gets FORBIDDEN (the pages show the same).
 */
export const OVERDUE_PAGE_SIZE = 50;
export const OVERDUE_EXPORT_MAX = 5000;

export type StageRow = {
  id: string;
  stage: string;
  action: 'remind' | 'warn' | 'suspend';
  cycleDueOn: string;
  firedAt: Date;
  reversedAt: Date | null;
  reversedBy: string | null;
  reverseReason: string | null;
  /** The configured stage of that key now (its offset names it), if it still exists. */
  offsetDays: number | null;
};

export type OverdueListItem = {
  qualificationId: string;
  orgId: string;
  company: string;
  creditCode: string | null;
  level: string;
  certificate: { id: string; number: string; status: string } | null;
  dueOn: string;
  /** Today minus the due date (negative: days left). */
  daysOverdue: number;
  status: 'active' | 'suspended';
  reviewSubmitted: boolean;
  /** The stages fired in the current cycle, oldest first. */
  stages: StageRow[];
};

function assertStaff(actor: Actor): asserts actor is Extract<Actor, { kind: 'staff' }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff' || !canManageMembership(actor)) throw new AppError('FORBIDDEN');
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const inCycle = (action?: string) =>
  sql`exists (select 1 from ${qualificationOverdueStages} where ${and(
    eq(qualificationOverdueStages.qualificationId, qualifications.id),
    eq(qualificationOverdueStages.cycleDueOn, qualifications.reviewDueOn),
    action ? eq(qualificationOverdueStages.action, action) : undefined,
    action ? isNull(qualificationOverdueStages.reversedAt) : undefined,
  )})`;

/**
 * Which qualifications the list holds: a stage fired in the current cycle,
 * a suspension, or a due date passed without a submitted review; narrowed by
 * the filters.
 */
function listCondition(f: OverdueFilter, today: string): SQL {
  const q = f.q ? `%${escapeLike(f.q)}%` : null;
  return and(
    or(inCycle(), eq(qualifications.status, 'suspended'), and(lt(qualifications.reviewDueOn, today), sql`not ${reviewSubmittedSql(qualifications.orgId, qualifications.reviewDueOn)}`)),
    q ? or(ilike(organizations.name, q), ilike(organizations.creditCode, q), ilike(certificates.number, q)) : undefined,
    f.status ? eq(qualifications.status, f.status) : undefined,
    f.stage === 'none' ? sql`not ${inCycle()}` : f.stage === 'suspend' ? or(eq(qualifications.status, 'suspended'), inCycle('suspend')) : f.stage ? inCycle(f.stage) : undefined,
    f.timing === 'overdue' ? lt(qualifications.reviewDueOn, today) : f.timing === 'upcoming' ? gte(qualifications.reviewDueOn, today) : undefined,
  )!;
}

function baseSelect(db: DbOrTx) {
  return db
    .select({
      qualificationId: qualifications.id,
      orgId: qualifications.orgId,
      company: organizations.name,
      creditCode: organizations.creditCode,
      level: qualificationLevels.name,
      certificate: { id: certificates.id, number: certificates.number, status: certificates.status },
      dueOn: qualifications.reviewDueOn,
      status: qualifications.status,
      reviewSubmitted: sql<boolean>`${reviewSubmittedSql(qualifications.orgId, qualifications.reviewDueOn)}`,
    })
    .from(qualifications)
    .innerJoin(organizations, eq(organizations.id, qualifications.orgId))
    .innerJoin(qualificationLevels, eq(qualificationLevels.id, qualifications.levelId))
    .leftJoin(certificates, eq(certificates.id, qualifications.certificateId));
}

const reverser = alias(users, 'reverser');

/** The stage rows of some qualifications (all cycles, or each one's current cycle), oldest first. */
async function stageRows(db: DbOrTx, qualificationIds: string[], stages: readonly OverdueStage[]): Promise<Array<StageRow & { qualificationId: string }>> {
  if (qualificationIds.length === 0) return [];
  const rows = await db
    .select({
      id: qualificationOverdueStages.id,
      qualificationId: qualificationOverdueStages.qualificationId,
      stage: qualificationOverdueStages.stage,
      action: qualificationOverdueStages.action,
      cycleDueOn: qualificationOverdueStages.cycleDueOn,
      firedAt: qualificationOverdueStages.firedAt,
      reversedAt: qualificationOverdueStages.reversedAt,
      reversedBy: reverser.name,
      reverseReason: qualificationOverdueStages.reverseReason,
    })
    .from(qualificationOverdueStages)
    .leftJoin(reverser, eq(reverser.id, qualificationOverdueStages.reversedBy))
    .where(inArray(qualificationOverdueStages.qualificationId, qualificationIds))
    .orderBy(asc(qualificationOverdueStages.firedAt), asc(qualificationOverdueStages.id));
  return rows.map((r) => ({ ...r, action: r.action as StageRow['action'], offsetDays: stages.find((s) => s.key === r.stage)?.offsetDays ?? null }));
}

async function withStages(db: DbOrTx, rows: Awaited<ReturnType<ReturnType<typeof baseSelect>['where']>>, today: string): Promise<OverdueListItem[]> {
  const stages = await getOverdueStages(db);
  const all = await stageRows(
    db,
    rows.map((r) => r.qualificationId),
    stages,
  );
  return rows.map((r) => ({
    ...r,
    status: r.status as OverdueListItem['status'],
    reviewSubmitted: Boolean(r.reviewSubmitted),
    daysOverdue: daysBetween(r.dueOn, today),
    stages: all.filter((s) => s.qualificationId === r.qualificationId && s.cycleDueOn === r.dueOn),
  }));
}

/** One page of the list, most overdue first. */
export async function listOverdue(db: DbOrTx, actor: Actor, f: OverdueFilter, now: Date = new Date()): Promise<{ items: OverdueListItem[]; total: number; page: number; pages: number }> {
  assertStaff(actor);
  const today = chinaDay(now);
  const where = listCondition(f, today);
  const [{ n }] = await db
    .select({ n: count() })
    .from(qualifications)
    .innerJoin(organizations, eq(organizations.id, qualifications.orgId))
    .leftJoin(certificates, eq(certificates.id, qualifications.certificateId))
    .where(where);
  const pages = Math.max(1, Math.ceil(n / OVERDUE_PAGE_SIZE));
  const page = Math.min(f.page ?? 1, pages);
  const rows = await baseSelect(db)
    .where(where)
    .orderBy(asc(qualifications.reviewDueOn), asc(qualifications.id))
    .limit(OVERDUE_PAGE_SIZE)
    .offset((page - 1) * OVERDUE_PAGE_SIZE);
  return { items: await withStages(db, rows, today), total: n, page, pages };
}

/** The whole filtered list (up to OVERDUE_EXPORT_MAX rows) for the Excel export; the export is audited. */
export async function exportOverdue(db: DbOrTx, actor: Actor, f: OverdueFilter, opts: { ip?: string | null; now?: Date } = {}): Promise<{ items: OverdueListItem[]; truncated: boolean }> {
  assertStaff(actor);
  const today = chinaDay(opts.now ?? new Date());
  const rows = await baseSelect(db)
    .where(listCondition(f, today))
    .orderBy(asc(qualifications.reviewDueOn), asc(qualifications.id))
    .limit(OVERDUE_EXPORT_MAX + 1);
  const truncated = rows.length > OVERDUE_EXPORT_MAX;
  const kept = rows.slice(0, OVERDUE_EXPORT_MAX);
  await audit(db, { action: 'qualification.overdue.exported', actorId: actor.id, targetType: 'qualification', ip: opts.ip, detail: { filter: { ...f, page: undefined }, rows: kept.length } });
  return { items: await withStages(db, kept, today), truncated };
}

export type OverdueDetail = OverdueListItem & {
  validUntil: Date;
  suspendedAt: Date | null;
  /** Every configured stage of the current cycle with its day and where it stands. */
  plan: StagePlan[];
  /** The stages of earlier cycles, newest cycle first. */
  history: Array<{ cycleDueOn: string; stages: StageRow[] }>;
  /** The enterprise's annual-review applications (newest first). */
  reviews: Array<{ id: string; number: string; status: string; submittedAt: Date | null }>;
};

/** One qualification for the staff detail page (年审逾期 → 处理); null when there is none. */
export async function overdueDetail(db: DbOrTx, actor: Actor, qualificationId: string, now: Date = new Date()): Promise<OverdueDetail | null> {
  assertStaff(actor);
  if (!isUuid(qualificationId)) return null;
  const today = chinaDay(now);
  const [row] = await baseSelect(db).where(eq(qualifications.id, qualificationId));
  if (!row) return null;
  const [extra] = await db.select({ validUntil: qualifications.validUntil, suspendedAt: qualifications.suspendedAt }).from(qualifications).where(eq(qualifications.id, qualificationId));
  const stages = await getOverdueStages(db);
  const rows = await stageRows(db, [qualificationId], stages);
  const current = rows.filter((r) => r.cycleDueOn === row.dueOn);
  const cycles = [...new Set(rows.filter((r) => r.cycleDueOn !== row.dueOn).map((r) => r.cycleDueOn))].sort().reverse();
  const reviews = await db
    .select({ id: applications.id, number: applications.number, status: applications.status, submittedAt: applications.submittedAt })
    .from(applications)
    .where(and(eq(applications.kind, ANNUAL_REVIEW_KIND), eq(applications.orgId, row.orgId)))
    .orderBy(desc(applications.createdAt))
    .limit(20);
  return {
    ...row,
    status: row.status as OverdueListItem['status'],
    reviewSubmitted: Boolean(row.reviewSubmitted),
    daysOverdue: daysBetween(row.dueOn, today),
    stages: current,
    validUntil: extra.validUntil,
    suspendedAt: extra.suspendedAt,
    plan: planOfCycle({ today, dueOn: row.dueOn, stages, rows: current }),
    history: cycles.map((c) => ({ cycleDueOn: c, stages: rows.filter((r) => r.cycleDueOn === c) })),
    reviews,
  };
}
