import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '../schemas';
import type { DbOrTx } from '@/db';
import { applicationEvents, applications, staffRoles, users, type Application, type ApplicationEvent } from '@/db/schema';
import type { Actor, StaffRole } from '../auth/actor';
import { can } from '../auth/permissions';
import { audit } from '../audit';
import { AppError } from '../errors';
import type { ModuleKey } from '../modules';
import { delegatedGrants } from '../delegation';
import { applicantScope, firingRole, staffMayView, staffScope, viewScope } from './access';
import { allKinds, findKind, getKind } from './registry';

/** One application the actor may see, or NOT_FOUND (never "forbidden": existence is not revealed). */
export async function getApplicationFor(db: DbOrTx, actor: Actor, id: string): Promise<Application> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), viewScope(actor)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export type FlowRecordEntry = Pick<ApplicationEvent, 'id' | 'event' | 'fromStatus' | 'toStatus' | 'actorRole' | 'opinion' | 'createdAt'> & {
  /** Staff see who acted; applicants see the role only. */
  actorName: string | null;
  /** Staff see for whom a substitute acted ("by X on behalf of Y"). */
  onBehalfOfName: string | null;
};

/** The flow record (流转信息) of an application the caller has already been allowed to see. */
export async function flowRecord(db: DbOrTx, app: Application, viewer: Actor | 'public'): Promise<FlowRecordEntry[]> {
  const rows = await db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(asc(applicationEvents.id));
  const showNames = viewer !== 'public' && viewer.kind === 'staff';
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    actorRole: r.actorRole,
    opinion: r.opinion,
    createdAt: r.createdAt,
    actorName: showNames || r.actorRole === 'applicant' ? r.actorName : null,
    onBehalfOfName: showNames ? r.onBehalfOfName : null,
  }));
}

/** The progress rail: each step of the kind with done / current / pending, from the states the application passed. */
export function progressRail(app: Application, events: Pick<ApplicationEvent, 'toStatus'>[] = []) {
  const kind = findKind(app.kind);
  if (!kind) return [];
  void events;
  const currentIndex = kind.steps.findIndex((s) => s.states.includes(app.status));
  const finished = Boolean(kind.states[app.status]?.final);
  return kind.steps.map((step, i) => ({
    key: step.key,
    state: i < currentIndex || (i === currentIndex && finished) ? 'done' : i === currentIndex ? 'current' : 'pending',
  })) as Array<{ key: string; state: 'done' | 'current' | 'pending' }>;
}

// ---- Staff queue -------------------------------------------------------------

export type QueueFilter = {
  module?: string;
  kind?: string;
  status?: string;
  from?: string; // yyyy-mm-dd, updated on/after (Asia/Shanghai)
  to?: string; // yyyy-mm-dd, updated on/before
  assignee?: 'me' | 'none' | string;
  q?: string;
  /** Due dates: passed (overdue) or within the next 3 days (soon), by the request's clock. */
  due?: 'overdue' | 'soon';
  cursor?: string;
  limit?: number;
};

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const dayEnd = (d: string) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000);

function queueWhere(actor: Actor, f: QueueFilter, withStatus = true): SQL {
  const parts: (SQL | undefined)[] = [staffScope(actor) ?? sql`false`];
  if (f.module) parts.push(eq(applications.module, f.module));
  if (f.kind) parts.push(eq(applications.kind, f.kind));
  if (withStatus && f.status) parts.push(eq(applications.status, f.status));
  if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) parts.push(gte(applications.updatedAt, dayStart(f.from)));
  if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) parts.push(lt(applications.updatedAt, dayEnd(f.to)));
  if (f.assignee === 'me' && actor.kind === 'staff') parts.push(eq(applications.assigneeId, actor.id));
  else if (f.assignee === 'none') parts.push(isNull(applications.assigneeId));
  else if (f.assignee && isUuid(f.assignee)) parts.push(eq(applications.assigneeId, f.assignee));
  if (f.due === 'overdue') parts.push(lt(applications.dueAt, new Date()));
  else if (f.due === 'soon') parts.push(gte(applications.dueAt, new Date()), lt(applications.dueAt, new Date(Date.now() + 3 * 86_400_000)));
  const q = f.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(applications.applicantName, like), ilike(applications.number, like)));
  }
  return and(...parts)!;
}

export function encodeCursor(app: Pick<Application, 'updatedAt' | 'id'>): string {
  return Buffer.from(`${app.updatedAt.toISOString()}|${app.id}`).toString('base64url');
}

function decodeCursor(c: string | undefined): { at: Date; id: string } | null {
  if (!c) return null;
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const d = new Date(at);
  return Number.isNaN(d.getTime()) || !isUuid(id) ? null : { at: d, id };
}

export type QueueRow = Application & { assigneeName: string | null };

/** A page of the staff queue, newest activity first, keyset-paginated on (updated_at, id). */
export async function queuePage(db: DbOrTx, actor: Actor, f: QueueFilter): Promise<{ rows: QueueRow[]; next: string | null }> {
  const limit = Math.min(Math.max(f.limit ?? 20, 1), 100);
  const cur = decodeCursor(f.cursor);
  const where = and(
    queueWhere(actor, f),
    cur ? or(lt(applications.updatedAt, cur.at), and(eq(applications.updatedAt, cur.at), lt(applications.id, cur.id))) : undefined,
  );
  const assignee = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${applications.assigneeId})`;
  const rows = await db
    .select({ app: applications, assigneeName: assignee })
    .from(applications)
    .where(where)
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...r.app, assigneeName: r.assigneeName }));
  return { rows: page, next: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}

/** Counts per state under the same filters (except the state itself). */
export async function queueCounts(db: DbOrTx, actor: Actor, f: QueueFilter): Promise<Array<{ kind: string; status: string; n: number }>> {
  const rows = await db
    .select({ kind: applications.kind, status: applications.status, n: count() })
    .from(applications)
    .where(queueWhere(actor, f, false))
    .groupBy(applications.kind, applications.status);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * The queue page's counts, kept for up to 30 s per staff scope and filter
 * while the applications table is unchanged. At a million applications the
 * counts are an index-only scan of every visible row (~0.6–0.8 s, see
 * BENCHMARKS.md), run by every page of the queue; whether anything changed is
 * one backward step on applications_recent_idx (every write to an application
 * sets updated_at), read from the database, so an instance never shows counts
 * older than the latest change, whichever instance made it. A deleted row
 * other than the latest is noticed after the 30 s.
 */
const COUNTS_TTL_MS = 30_000;
const COUNTS_CACHE_MAX = 500;
const countsCache = new Map<string, { at: number; value: Array<{ kind: string; status: string; n: number }> }>();
export async function queueCountsCached(db: DbOrTx, actor: Actor, f: QueueFilter): Promise<Array<{ kind: string; status: string; n: number }>> {
  if (actor.kind !== 'staff') return queueCounts(db, actor, f);
  const [latest] = await db.select({ at: applications.updatedAt, id: applications.id }).from(applications).orderBy(desc(applications.updatedAt), desc(applications.id)).limit(1);
  const { status: _status, cursor: _cursor, limit: _limit, ...filter } = f;
  const key = JSON.stringify([actor.id, actor.roles, filter, latest ? `${latest.at.toISOString()}|${latest.id}` : null]);
  const now = Date.now();
  const hit = countsCache.get(key);
  if (hit && now - hit.at < COUNTS_TTL_MS) return hit.value;
  const value = await queueCounts(db, actor, f);
  if (countsCache.size >= COUNTS_CACHE_MAX) {
    for (const [k, v] of countsCache) if (now - v.at >= COUNTS_TTL_MS) countsCache.delete(k);
    if (countsCache.size >= COUNTS_CACHE_MAX) countsCache.delete(countsCache.keys().next().value!);
  }
  countsCache.set(key, { at: now, value });
  return value;
}

/** Every row matching the filter, for the Excel export (bounded). */
export async function queueExport(db: DbOrTx, actor: Actor, f: QueueFilter, max = 10_000): Promise<Application[]> {
  return db
    .select()
    .from(applications)
    .where(queueWhere(actor, f))
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(max);
}

async function mayBeAssigned(db: DbOrTx, userId: string, app: Application): Promise<boolean> {
  const [u] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.kind, 'staff'), eq(users.status, 'active')));
  if (!u) return false;
  const roles = await db.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, u.id));
  const assignee: Actor = { kind: 'staff', id: u.id, name: u.name, sessionId: '', mustChangePassword: false, roles: roles as Array<{ role: StaffRole; module: string }> };
  return staffMayView(assignee, getKind(app.kind));
}

/** Claim (assign to oneself) or assign to another staff member who may see the kind. */
export async function assignApplication(db: DbOrTx, actor: Actor, input: { applicationId: string; assigneeId: string | null; onlyIfUnassigned?: boolean; /** Bulk assignment: only while the application is still in this state. */ onlyInStatus?: string }) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const app = await getApplicationFor(db, actor, input.applicationId);
  if (input.assigneeId && input.assigneeId !== actor.id) {
    // Assigning others is for admins and the module's reviewers.
    if (!can(actor, { action: 'staff.role', role: 'admin' }) && !can(actor, { action: 'staff.role', role: 'reviewer', module: app.module as ModuleKey })) throw new AppError('FORBIDDEN');
    // Only to an active staff member who may see the kind: anyone else (an applicant, another module's staff) could never work it.
    if (!(await mayBeAssigned(db, input.assigneeId, app))) throw new AppError('NOT_FOUND');
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(applications)
      .set({ assigneeId: input.assigneeId, updatedAt: new Date() })
      .where(and(eq(applications.id, app.id), staffScope(actor), input.onlyIfUnassigned ? isNull(applications.assigneeId) : undefined, input.onlyInStatus ? eq(applications.status, input.onlyInStatus) : undefined))
      .returning();
    if (!row) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.alreadyClaimed' });
    // Who worked on what is part of the record: claims, reassignments and releases are audited with the change.
    await audit(tx, {
      action: 'application.assigned',
      actorId: actor.id,
      targetType: 'application',
      targetId: row.id,
      detail: { number: row.number, kind: row.kind, from: app.assigneeId, to: row.assigneeId },
    });
    return row;
  });
}

// ---- Applicant lists and tasks ---------------------------------------------------

export async function myApplications(db: DbOrTx, actor: Actor, f: { module?: string; limit?: number } = {}): Promise<Application[]> {
  const scope = applicantScope(actor);
  if (!scope) return [];
  return db
    .select()
    .from(applications)
    .where(and(scope, f.module ? eq(applications.module, f.module) : undefined))
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(Math.min(f.limit ?? 100, 200));
}

export type TaskItem = { app: Application; overdue: boolean };

/** 我的任务's export (staff): the same to-do and done lists as the page. */
export async function exportMyTasks(db: DbOrTx, actor: Actor, now = new Date()): Promise<{ todo: TaskItem[]; done: Application[] }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return myTasks(db, actor, now);
}

/**
 * My tasks (我的任务): to-do = applications waiting for this actor (by the
 * state's `waitingFor`), oldest due first; done = applications this actor
 * moved recently that now wait for someone else.
 */
export async function myTasks(db: DbOrTx, actor: Actor, now = new Date()): Promise<{ todo: TaskItem[]; done: Application[] }> {
  // A substitute's to-do includes what is assigned to whoever they stand in for today.
  const delegated = actor.kind === 'staff' ? await delegatedGrants(db, actor.id, now) : [];
  const mineToo = [...new Set(delegated.map((g) => g.delegatorId))];
  const waiting: SQL[] = [];
  // The states waiting for the actor, whoever holds the item (what "done" excludes).
  const waitingStates: SQL[] = [];
  for (const kind of allKinds()) {
    for (const [state, def] of Object.entries(kind.states)) {
      if (!def.waitingFor) continue;
      const mine =
        def.waitingFor === 'applicant'
          ? actor.kind === 'individual' || actor.kind === 'organization'
          : actor.kind === 'staff' && def.waitingFor.staff.some((role) => firingRole(actor, { staff: [role] }, kind.module, delegated) !== null);
      if (!mine) continue;
      const here = and(eq(applications.kind, kind.key), eq(applications.status, state))!;
      waitingStates.push(here);
      if (def.waitingFor === 'applicant' || actor.kind !== 'staff') {
        waiting.push(here);
        continue;
      }
      /*
       * A staff item is the actor's to do unless a colleague who can act on it
       * holds it: unclaimed, their own, a delegator's, or held by someone from
       * an earlier stage (the reviewer who approved a personnel enrollment
       * stays its 经办人 while it waits for the exam administrator).
       */
      const holderActs = sql`exists (select 1 from ${staffRoles} where ${staffRoles.userId} = ${applications.assigneeId} and ${inArray(staffRoles.role, [...def.waitingFor.staff])} and ${staffRoles.module} in ('*', ${kind.module}))`;
      waiting.push(
        and(here, or(isNull(applications.assigneeId), eq(applications.assigneeId, actor.id), mineToo.length ? inArray(applications.assigneeId, mineToo) : undefined, sql`not ${holderActs}`))!,
      );
    }
  }
  const scope = viewScope(actor);
  const todoRows = waiting.length
    ? await db
        .select()
        .from(applications)
        .where(and(scope, or(...waiting)))
        .orderBy(sql`${applications.dueAt} asc nulls last`, asc(applications.updatedAt))
        .limit(200)
    : [];
  const doneIds = db
    .selectDistinct({ id: applicationEvents.applicationId })
    .from(applicationEvents)
    .where(and(eq(applicationEvents.actorId, actor.kind === 'anonymous' ? sql`null` : actor.id), gte(applicationEvents.createdAt, new Date(now.getTime() - 90 * 86_400_000))));
  const doneRows = actor.kind === 'anonymous' ? [] : await db
    .select()
    .from(applications)
    .where(and(scope, inArray(applications.id, doneIds), waitingStates.length ? sql`not (${or(...waitingStates)})` : undefined))
    .orderBy(desc(applications.updatedAt))
    .limit(100);
  return {
    todo: todoRows.map((app) => ({ app, overdue: app.dueAt !== null && app.dueAt.getTime() < now.getTime() })),
    done: doneRows,
  };
}


/** The opinion of the latest `event` (e.g. the reviewer's 'return' reason) of an application the caller may see. */
export async function lastOpinion(db: DbOrTx, app: Pick<Application, 'id'>, event: string): Promise<string | null> {
  const [row] = await db
    .select({ opinion: applicationEvents.opinion })
    .from(applicationEvents)
    .where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.event, event)))
    .orderBy(desc(applicationEvents.id))
    .limit(1);
  return row?.opinion ?? null;
}

/** The display name of the staff member an application is assigned to (staff pages). */
export async function assigneeName(db: DbOrTx, app: Pick<Application, 'assigneeId'>): Promise<string | null> {
  if (!app.assigneeId) return null;
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, app.assigneeId));
  return row?.name ?? null;
}
