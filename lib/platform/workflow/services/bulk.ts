import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db';
import { applications, staffRoles, users } from '@/db/schema';
import type { Actor } from '../../auth/actor';
import { defineAction } from '../../auth/action-core';
import { delegatedGrants } from '../../delegation';
import { AppError, isAppError, translateError, type Locale } from '../../errors';
import { firingRole, staffMayView, staffScope } from '../access';
import type { TransitionDef } from '../define';
import { transition } from '../engine';
import { assignApplication } from '../queries';
import { findKind, getKind } from '../registry';
import { bulkAssignSchema, bulkTransitionSchema, type itemsSchema } from '../bulk-schemas';

export { bulkAssignSchema, bulkTransitionSchema };

/**
 * Bulk decisions from the staff queue: many applications of ONE kind in ONE
 * state, each moved by its own engine transition (its own transaction with
 * the conditional UPDATE, its own event row and audit entry). A row that
 * moved since the staff member saw it (another state, another version) is
 * refused on its own and reported; the others go through.
 */

export type BulkItem = z.infer<typeof itemsSchema>[number];
export type BulkRefusal = { id: string; number: string | null; code: string; message: string };
export type BulkOutcome = { done: Array<{ id: string; number: string }>; refused: BulkRefusal[] };

type AnyTransition = TransitionDef<string, unknown>;

/**
 * The transitions staff may fire in bulk on a kind's state: fired by staff,
 * with no form data or input of their own (those need one form per application).
 */
export function bulkTransitions(actor: Actor, kindKey: string, status: string, delegated: Parameters<typeof firingRole>[3] = []): Array<{ event: string; opinion: 'required' | 'optional' | undefined; destructive: boolean }> {
  const kind = findKind(kindKey);
  if (!kind || actor.kind !== 'staff' || !staffMayView(actor, kind)) return [];
  const state = kind.states[status];
  if (!state || state.hiddenFromStaff || state.final) return [];
  return Object.entries(kind.transitions as Record<string, AnyTransition>)
    .filter(([, t]) => typeof t.by === 'object' && t.from.includes(status) && !t.takesData && !t.input && !t.formPath)
    .filter(([, t]) => firingRole(actor, t.by, kind.module, delegated) !== null)
    .map(([event, t]) => ({ event, opinion: t.opinion, destructive: !!t.destructive }));
}

/** The staff members applications of a kind may be assigned to (active, holding a role that sees the kind). */
export async function assignableStaff(db: DbOrTx, actor: Actor, kindKey: string): Promise<Array<{ id: string; name: string }>> {
  const kind = findKind(kindKey);
  if (!kind || actor.kind !== 'staff' || !staffMayView(actor, kind)) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, role: staffRoles.role, module: staffRoles.module })
    .from(users)
    .innerJoin(staffRoles, eq(staffRoles.userId, users.id))
    .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')));
  const byUser = new Map<string, { id: string; name: string; roles: Array<{ role: string; module: string }> }>();
  for (const r of rows) {
    const u = byUser.get(r.id) ?? { id: r.id, name: r.name, roles: [] };
    u.roles.push({ role: r.role, module: r.module });
    byUser.set(r.id, u);
  }
  return [...byUser.values()]
    .filter((u) => staffMayView({ kind: 'staff', id: u.id, name: u.name, sessionId: '', mustChangePassword: false, roles: u.roles } as Actor, kind))
    .map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** What the selected rows are now, within what the staff member may see (anything else reads as not found). */
async function currentRows(db: DbOrTx, actor: Actor, ids: string[]) {
  return db
    .select({ id: applications.id, number: applications.number, kind: applications.kind, status: applications.status, version: applications.version })
    .from(applications)
    .where(and(inArray(applications.id, ids), staffScope(actor) ?? sql`false`));
}

const movedError = () => new AppError('CONFLICT', { messageKey: 'console.bulk.moved' });

/**
 * Runs `one` for each selected row that is still of the kind, in the state and
 * at the version the staff member saw; refusals are collected per row.
 */
async function eachRow(
  db: DbOrTx,
  actor: Actor,
  input: { kind: string; status: string; items: BulkItem[] },
  locale: Locale,
  one: (item: BulkItem) => Promise<void>,
): Promise<BulkOutcome> {
  const items = [...new Map(input.items.map((i) => [i.id, i])).values()];
  const rows = new Map((await currentRows(db, actor, items.map((i) => i.id))).map((r) => [r.id, r]));
  const out: BulkOutcome = { done: [], refused: [] };
  for (const item of items) {
    const row = rows.get(item.id);
    const refuse = (e: AppError) => out.refused.push({ id: item.id, number: row?.number ?? null, code: e.code, message: translateError(e, locale) });
    if (!row || row.kind !== input.kind) {
      refuse(new AppError('NOT_FOUND'));
      continue;
    }
    if (row.status !== input.status || row.version !== item.version) {
      refuse(movedError());
      continue;
    }
    try {
      await one(item);
      out.done.push({ id: row.id, number: row.number });
    } catch (e) {
      if (!isAppError(e)) throw e;
      // The engine's own refusals of a row that moved between the look and the update.
      refuse(e.code === 'INVALID_STATE' || e.code === 'CONFLICT' ? movedError() : e);
    }
  }
  return out;
}

/** Approve / return / … many applications: one engine transition each, with the one opinion given. */
export async function bulkTransition(
  db: DbOrTx,
  actor: Actor,
  input: z.infer<typeof bulkTransitionSchema>,
  opts: { now: Date; locale?: Locale },
): Promise<BulkOutcome> {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const kind = findKind(input.kind);
  if (!kind || !staffMayView(actor, kind)) throw new AppError('NOT_FOUND');
  const delegated = await delegatedGrants(db, actor.id, opts.now);
  const allowed = bulkTransitions(actor, input.kind, input.status, delegated).find((t) => t.event === input.event);
  if (!allowed) throw new AppError('FORBIDDEN', { messageKey: 'console.bulk.notBulkable' });
  const opinion = input.opinion?.trim() || undefined;
  if (allowed.opinion === 'required' && !opinion) throw new AppError('BAD_INPUT', { fieldErrors: { opinion: ['workflow.errors.opinionRequired'] } });
  return eachRow(db, actor, input, opts.locale ?? 'zh-CN', async (item) => {
    await transition(db, actor, { applicationId: item.id, event: input.event, opinion: opinion ?? null, version: item.version }, { now: opts.now, locale: opts.locale });
  });
}

/** Assign many applications to one staff member (each its own conditional update and audit entry). */
export async function bulkAssign(db: DbOrTx, actor: Actor, input: z.infer<typeof bulkAssignSchema>, opts: { locale?: Locale } = {}): Promise<BulkOutcome> {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const kind = findKind(input.kind);
  if (!kind || !staffMayView(actor, kind)) throw new AppError('NOT_FOUND');
  const state = getKind(kind.key).states[input.status];
  if (!state || state.hiddenFromStaff || state.final) throw new AppError('INVALID_STATE');
  // Only to someone who could work the kind; anyone else refuses the whole batch, nothing written.
  if (!(await assignableStaff(db, actor, kind.key)).some((s) => s.id === input.assigneeId)) throw new AppError('NOT_FOUND');
  return eachRow(db, actor, input, opts.locale ?? 'zh-CN', async (item) => {
    await assignApplication(db, actor, { applicationId: item.id, assigneeId: input.assigneeId, onlyInStatus: input.status });
  });
}

export const bulkTransitionDef = defineAction({
  access: { kind: 'staff', roles: 'any' },
  schema: bulkTransitionSchema,
  handler: async ({ db, actor, input, now, locale }) => bulkTransition(db, actor, input, { now: now(), locale }),
});

export const bulkAssignDef = defineAction({
  access: { kind: 'staff', roles: 'any' },
  schema: bulkAssignSchema,
  handler: async ({ db, actor, input, locale }) => bulkAssign(db, actor, input, { locale }),
});
