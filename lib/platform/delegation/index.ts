import { aliasedTable, and, asc, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { staffDelegations, staffRoles, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '../audit';
import type { Actor, StaffRole } from '../auth/actor';
import { can } from '../auth/permissions';
import { AppError } from '../errors';
import { isModuleKey } from '../modules';

/**
 * Delegation (代理): a staff member who is away names a substitute — another
 * active staff member holding the same role for the same module — for a range
 * of calendar days in Beijing. While it is active, the substitute acts on what
 * belongs to the delegator: the engine lets them fire a transition owned by
 * the delegator (an assigned leader's conclusion …) and records it "by X on
 * behalf of Y" (application_events.on_behalf_of_*, the audit detail); staff
 * tasks show them the delegator's assigned items; document slots owned by the
 * delegator accept their files. Outside its days, or once revoked, a
 * delegation grants nothing. Every check takes the request's clock.
 */

/** Beijing's calendar date of an instant (delegations are whole days in Beijing). */
export const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** A role the actor holds through an active delegation, and from whom. */
export type DelegatedGrant = { delegationId: string; delegatorId: string; delegatorName: string; role: StaffRole; module: string };

const activeOn = (day: string) => and(isNull(staffDelegations.revokedAt), lte(staffDelegations.startsOn, day), gte(staffDelegations.endsOn, day));
const moduleCovers = (granted: string, module: string) => granted === '*' || granted === module;

/**
 * The delegations active for `substituteId` now: the delegator is still an
 * active staff member who still holds the role for the module (a delegation
 * never outlives the delegator's own grant).
 */
export async function delegatedGrants(db: DbOrTx, substituteId: string, now: Date): Promise<DelegatedGrant[]> {
  const rows = await db
    .select({ id: staffDelegations.id, delegatorId: staffDelegations.delegatorId, delegatorName: users.name, role: staffDelegations.role, module: staffDelegations.module })
    .from(staffDelegations)
    .innerJoin(users, and(eq(users.id, staffDelegations.delegatorId), eq(users.status, 'active'), eq(users.kind, 'staff')))
    .where(
      and(
        eq(staffDelegations.substituteId, substituteId),
        activeOn(beijingDay(now)),
        sql`exists (select 1 from ${staffRoles} sr where sr.user_id = ${staffDelegations.delegatorId} and sr.role = ${staffDelegations.role} and (sr.module = '*' or sr.module = ${staffDelegations.module}))`,
      ),
    );
  return rows.map((r) => ({ delegationId: r.id, delegatorId: r.delegatorId, delegatorName: r.delegatorName, role: r.role as StaffRole, module: r.module }));
}

/**
 * Whether `actor` may act now for `ownerId` in one of `roles` of `module`: the
 * owner's active substitute. Returns the owner as recorded ("on behalf of"), or null.
 */
export async function substituteFor(db: DbOrTx, actor: Actor, ownerId: string, roles: readonly StaffRole[], module: string, now: Date = new Date()): Promise<{ id: string; name: string } | null> {
  if (actor.kind !== 'staff' || ownerId === actor.id) return null;
  const grant = (await delegatedGrants(db, actor.id, now)).find((g) => g.delegatorId === ownerId && roles.includes(g.role) && moduleCovers(g.module, module));
  return grant ? { id: grant.delegatorId, name: grant.delegatorName } : null;
}

/** The staff members `actor` stands in for now (their assigned items show in the substitute's tasks). */
export async function delegatorsOf(db: DbOrTx, actor: Actor, now: Date): Promise<string[]> {
  if (actor.kind !== 'staff') return [];
  return [...new Set((await delegatedGrants(db, actor.id, now)).map((g) => g.delegatorId))];
}

// ---- Managing delegations --------------------------------------------------------

export type CreateDelegationInput = { substituteId: string; role: StaffRole; module: string; startsOn: string; endsOn: string; reason?: string };

/** Active staff holding `role` for `module` (the candidates a delegation may name). */
export async function roleHolders(db: DbOrTx, role: string, module: string): Promise<Array<{ id: string; name: string }>> {
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(staffRoles, eq(staffRoles.userId, users.id))
    .where(and(eq(users.kind, 'staff'), eq(users.status, 'active'), eq(staffRoles.role, role), module === '*' ? eq(staffRoles.module, '*') : or(eq(staffRoles.module, '*'), eq(staffRoles.module, module))))
    .orderBy(asc(users.name));
  return rows;
}

/** The roles (with their module) a staff member may delegate: the ones they hold. */
export function delegableRoles(actor: Actor): Array<{ role: StaffRole; module: string }> {
  return actor.kind === 'staff' ? actor.roles.map((r) => ({ role: r.role, module: r.module })) : [];
}

/**
 * Names a substitute for the actor's own role, for days from today on. The
 * substitute must be another active staff member holding the same role for the
 * same module; the delegator's delegations of one role never overlap.
 */
export async function createDelegation(db: DbOrTx, actor: Actor, input: CreateDelegationInput, opts: { now: Date; ip?: string | null }) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  if (input.module !== '*' && !isModuleKey(input.module)) throw new AppError('BAD_INPUT', { fieldErrors: { role: ['请选择要委托的角色'] } });
  if (!actor.roles.some((r) => r.role === input.role && r.module === input.module)) throw new AppError('BAD_INPUT', { fieldErrors: { role: ['只能委托本人持有的角色'] } });
  if (input.substituteId === actor.id) throw new AppError('BAD_INPUT', { fieldErrors: { substituteId: ['代理人不能是本人'] } });
  const today = beijingDay(opts.now);
  if (input.startsOn < today) throw new AppError('BAD_INPUT', { fieldErrors: { startsOn: ['开始日期不能早于今天'] } });
  return db.transaction(async (tx) => {
    // One writer per delegator and role: two overlapping delegations cannot both pass the check below.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`delegation:${actor.id}:${input.role}:${input.module}`}, 0))`);
    const holders = await roleHolders(tx, input.role, input.module);
    const substitute = holders.find((h) => h.id === input.substituteId);
    if (!substitute) throw new AppError('BAD_INPUT', { fieldErrors: { substituteId: ['代理人须为在职且持有相同角色的工作人员'] } });
    const [overlap] = await tx
      .select({ id: staffDelegations.id })
      .from(staffDelegations)
      .where(
        and(
          eq(staffDelegations.delegatorId, actor.id),
          eq(staffDelegations.role, input.role),
          eq(staffDelegations.module, input.module),
          isNull(staffDelegations.revokedAt),
          lte(staffDelegations.startsOn, input.endsOn),
          gte(staffDelegations.endsOn, input.startsOn),
        ),
      );
    if (overlap) throw new AppError('CONFLICT', { messageKey: 'delegation.errors.overlap', fieldErrors: { startsOn: ['该期间已有同一角色的代理'] } });
    const [row] = await tx
      .insert(staffDelegations)
      .values({ delegatorId: actor.id, substituteId: substitute.id, role: input.role, module: input.module, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason?.trim() || null, createdBy: actor.id })
      .returning();
    await audit(tx, { action: 'delegation.created', actorId: actor.id, targetType: 'delegation', targetId: row.id, ip: opts.ip ?? null, detail: { substitute: substitute.id, role: input.role, module: input.module, startsOn: input.startsOn, endsOn: input.endsOn } });
    return row;
  });
}

/** Ends a delegation now: by its delegator, or an admin. */
export async function revokeDelegation(db: DbOrTx, actor: Actor, id: string, opts: { now: Date; ip?: string | null }) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const admin = can(actor, { action: 'staff.role', role: 'admin' });
  const [row] = await db
    .update(staffDelegations)
    .set({ revokedAt: opts.now, revokedBy: actor.id })
    .where(and(eq(staffDelegations.id, id), isNull(staffDelegations.revokedAt), admin ? undefined : eq(staffDelegations.delegatorId, actor.id)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND');
  await audit(db, { action: 'delegation.revoked', actorId: actor.id, targetType: 'delegation', targetId: row.id, ip: opts.ip ?? null, detail: { delegator: row.delegatorId, substitute: row.substituteId } });
  return row;
}

export type DelegationRow = {
  id: string;
  delegatorId: string;
  delegatorName: string;
  substituteId: string;
  substituteName: string;
  role: string;
  module: string;
  startsOn: string;
  endsOn: string;
  reason: string | null;
  revokedAt: Date | null;
  /** active | upcoming | expired | revoked, at the request's time. */
  state: 'active' | 'upcoming' | 'expired' | 'revoked';
};

/** The delegations the actor gave and received (an admin: everyone's), newest first. */
export async function listDelegations(db: DbOrTx, actor: Actor, now: Date): Promise<DelegationRow[]> {
  if (actor.kind !== 'staff') return [];
  const delegator = aliasedTable(users, 'delegator');
  const substitute = aliasedTable(users, 'substitute');
  const admin = can(actor, { action: 'staff.role', role: 'admin' });
  const rows = await db
    .select({ d: staffDelegations, delegatorName: delegator.name, substituteName: substitute.name })
    .from(staffDelegations)
    .innerJoin(delegator, eq(delegator.id, staffDelegations.delegatorId))
    .innerJoin(substitute, eq(substitute.id, staffDelegations.substituteId))
    .where(admin ? undefined : or(eq(staffDelegations.delegatorId, actor.id), eq(staffDelegations.substituteId, actor.id)))
    .orderBy(desc(staffDelegations.createdAt))
    .limit(500);
  const today = beijingDay(now);
  return rows.map(({ d, delegatorName, substituteName }) => ({
    id: d.id,
    delegatorId: d.delegatorId,
    delegatorName,
    substituteId: d.substituteId,
    substituteName,
    role: d.role,
    module: d.module,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    reason: d.reason,
    revokedAt: d.revokedAt,
    state: d.revokedAt ? 'revoked' : today < d.startsOn ? 'upcoming' : today > d.endsOn ? 'expired' : 'active',
  }));
}

export const DELEGATION_STATES = ['active', 'upcoming', 'expired', 'revoked'] as const;

/** 代理设置's export: the same delegations as the list (an admin: everyone's), one state or all; staff only. */
export async function exportDelegations(db: DbOrTx, actor: Actor, now: Date, state?: DelegationRow['state']): Promise<DelegationRow[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const rows = await listDelegations(db, actor, now);
  return state ? rows.filter((r) => r.state === state) : rows;
}

/** The substitute candidates for each role the actor holds (for the form). */
export async function substituteCandidates(db: DbOrTx, actor: Actor): Promise<Array<{ role: StaffRole; module: string; candidates: Array<{ id: string; name: string }> }>> {
  const roles = delegableRoles(actor);
  const lists = await Promise.all(roles.map((r) => roleHolders(db, r.role, r.module)));
  return roles.map((r, i) => ({ ...r, candidates: lists[i].filter((c) => actor.kind === 'staff' && c.id !== actor.id) }));
}

