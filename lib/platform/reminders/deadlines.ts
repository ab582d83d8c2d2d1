import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { deadlines } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { SignedInActor } from '../auth/actor';

/**
 * Due dates the reminder engine watches. One row per (subject, purpose): setting
 * it again moves the due date and reopens it; closing it stops its reminders.
 *
 * `data` holds the caller's template data plus two keys of ours: `module` (a
 * role deadline reaches only staff whose grant covers that module) and
 * `_reminder` (the engine's progress: the due date and the last offset sent).
 */
export type DeadlineTarget = { userId: string; role?: undefined } | { role: string; userId?: undefined };

export type SetDeadlineInput = DeadlineTarget & {
  subjectType: string;
  subjectId: string;
  /** e.g. 'state:pending', 'payment', 'renewal'. */
  purpose: string;
  module?: string;
  title: string;
  /** In-app path ('/portal/…' or '/staff/…') shown in reminders and in 我的任务. */
  link?: string | null;
  dueAt: Date;
  data?: Record<string, unknown>;
};

export type Deadline = typeof deadlines.$inferSelect;
export const PROGRESS_KEY = '_reminder';
const progressKey = sql.raw(`'${PROGRESS_KEY}'`);

/** Creates or moves (and reopens) the deadline of a subject and purpose. */
export async function setDeadline(tx: DbOrTx, input: SetDeadlineInput): Promise<Deadline> {
  if (Boolean(input.userId) === Boolean(input.role)) throw new Error('setDeadline: give exactly one of userId and role');
  if (Number.isNaN(input.dueAt.getTime())) throw new Error('setDeadline: invalid dueAt');
  const data: Record<string, unknown> = { ...(input.data ?? {}) };
  delete data[PROGRESS_KEY];
  if (input.module) data.module = input.module;
  const [row] = await tx
    .insert(deadlines)
    .values({
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      purpose: input.purpose,
      userId: input.userId ?? null,
      role: input.role ?? null,
      title: input.title,
      link: input.link ?? null,
      dueAt: input.dueAt,
      data,
      closedAt: null,
    })
    .onConflictDoUpdate({
      target: [deadlines.subjectType, deadlines.subjectId, deadlines.purpose],
      set: {
        userId: sql`excluded.user_id`,
        role: sql`excluded.role`,
        title: sql`excluded.title`,
        link: sql`excluded.link`,
        dueAt: sql`excluded.due_at`,
        closedAt: null,
        // Same due date and same recipient: what was already sent stays sent. Otherwise reminders start over.
        data: sql`case when ${deadlines.dueAt} = excluded.due_at
                        and ${deadlines.userId} is not distinct from excluded.user_id
                        and ${deadlines.role} is not distinct from excluded.role
                        and (${deadlines.data} -> ${progressKey}) is not null
                   then excluded.data || jsonb_build_object(${progressKey}, ${deadlines.data} -> ${progressKey})
                   else excluded.data end`,
      },
    })
    .returning();
  return row;
}

/** Closes the open deadlines of a subject (one purpose, or all); returns how many were open. */
export async function closeDeadline(tx: DbOrTx, input: { subjectType: string; subjectId: string; purpose?: string }): Promise<number> {
  const rows = await tx
    .update(deadlines)
    .set({ closedAt: sql`now()` })
    .where(
      and(
        eq(deadlines.subjectType, input.subjectType),
        eq(deadlines.subjectId, input.subjectId),
        input.purpose ? eq(deadlines.purpose, input.purpose) : undefined,
        isNull(deadlines.closedAt),
      ),
    )
    .returning({ id: deadlines.id });
  return rows.length;
}

export type DueItem = {
  id: string;
  subjectType: string;
  subjectId: string;
  purpose: string;
  title: string;
  link: string | null;
  dueAt: Date;
  overdue: boolean;
  /** Whether the item is the actor's own or one of their staff roles'. */
  assignee: { kind: 'user' } | { kind: 'role'; role: string };
  module: string | null;
  data: Record<string, unknown>;
};

/** The part of `data` that belongs to the caller (our progress marker left out). */
export function callerData(data: unknown): Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const copy = { ...(data as Record<string, unknown>) };
  delete copy[PROGRESS_KEY];
  return copy;
}

/** Who a deadline reaches, as a condition on the deadlines table: the actor, or a staff role they hold for the module. */
export function deadlinesOf(actor: SignedInActor): SQL {
  const roleMatches =
    actor.kind === 'staff'
      ? actor.roles.map((r) =>
          and(
            eq(deadlines.role, r.role),
            r.module === '*' ? undefined : sql`(${deadlines.data} ->> 'module' is null or ${deadlines.data} ->> 'module' = ${r.module})`,
          ),
        )
      : [];
  return or(eq(deadlines.userId, actor.id), ...roleMatches)!;
}

/** 我的任务: the actor's open deadlines (their own and their roles'), soonest first, overdue flagged. */
export async function listDueItems(db: DbOrTx, actor: SignedInActor, opts: { now?: Date; limit?: number } = {}): Promise<DueItem[]> {
  const now = opts.now ?? new Date();
  const rows = await db
    .select()
    .from(deadlines)
    .where(and(isNull(deadlines.closedAt), deadlinesOf(actor)))
    .orderBy(asc(deadlines.dueAt), asc(deadlines.id))
    .limit(Math.min(Math.max(opts.limit ?? 200, 1), 1000));
  return rows.map((d) => {
    const data = callerData(d.data);
    return {
      id: d.id,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      purpose: d.purpose,
      title: d.title,
      link: d.link,
      dueAt: d.dueAt,
      overdue: d.dueAt.getTime() < now.getTime(),
      assignee: d.userId === actor.id || !d.role ? { kind: 'user' } : { kind: 'role', role: d.role },
      module: typeof data.module === 'string' ? data.module : null,
      data,
    };
  });
}
