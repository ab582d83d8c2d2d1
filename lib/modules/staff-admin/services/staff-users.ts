import { generatePassword } from '@/lib/platform/auth/password';
import { and, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { sessions, staffRoles, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor, StaffRole } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { hashPassword } from '@/lib/platform/auth/password';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { canonicalGrants, createStaffSchema, setStaffRolesSchema, setStaffStatusSchema, staffIdSchema, type RoleGrant } from '../schemas';

/**
 * Staff accounts and their roles, managed by admins. Every query is scoped to
 * `kind = 'staff'`, so these actions can never touch an applicant's account.
 * Generated passwords are returned once to the calling admin and stored only
 * as an argon2 hash; the member must change it at the first sign-in.
 */
const ADMIN_ONLY: { kind: 'staff'; roles: StaffRole[] } = { kind: 'staff', roles: ['admin'] };

const staffMember = (id: string) => and(eq(users.id, id), eq(users.kind, 'staff'));

export { generatePassword };

export type StaffRow = {
  id: string;
  name: string;
  username: string | null;
  mobile: string | null;
  email: string | null;
  status: 'active' | 'disabled' | 'pending_activation';
  mustChangePassword: boolean;
  createdAt: Date;
  roles: RoleGrant[];
};

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Staff members, newest first, optionally filtered by a part of the name or username. */
export async function listStaff(db: DbOrTx, filters: { q?: string; limit?: number } = {}): Promise<StaffRow[]> {
  const limit = Math.min(Math.max(filters.limit ?? 200, 1), 500);
  const q = filters.q?.trim().slice(0, 64);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      username: users.username,
      mobile: users.mobile,
      email: users.email,
      status: users.status,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.kind, 'staff'), q ? or(ilike(users.name, `%${escapeLike(q)}%`), ilike(users.username, `%${escapeLike(q)}%`)) : undefined))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit);
  const grants = rows.length
    ? await db
        .select({ userId: staffRoles.userId, role: staffRoles.role, module: staffRoles.module })
        .from(staffRoles)
        .where(
          inArray(
            staffRoles.userId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, roles: canonicalGrants(grants.filter((g) => g.userId === r.id) as RoleGrant[]) }));
}

async function rolesOf(tx: DbOrTx, userId: string): Promise<RoleGrant[]> {
  const rows = await tx.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, userId));
  return canonicalGrants(rows as RoleGrant[]);
}

async function endSessions(tx: DbOrTx, userId: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

const isAdminGrant = (g: RoleGrant) => g.role === 'admin' && g.module === '*';
const sameGrants = (a: RoleGrant[], b: RoleGrant[]) => JSON.stringify(canonicalGrants(a)) === JSON.stringify(canonicalGrants(b));

export const createStaffDef = defineAction({
  access: ADMIN_ONLY,
  schema: createStaffSchema,
  handler: async ({ db, actor, input, ip }) => {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    try {
      return await db.transaction(async (tx) => {
        const [u] = await tx
          .insert(users)
          .values({ kind: 'staff', name: input.name, username: input.username, mobile: input.mobile, email: input.email, passwordHash, mustChangePassword: true })
          .returning({ id: users.id, username: users.username });
        await tx.insert(staffRoles).values(input.roles.map((g) => ({ userId: u.id, role: g.role, module: g.module })));
        await audit(tx, { action: 'staff.created', actorId: actor.id, targetType: 'user', targetId: u.id, ip, detail: { username: u.username, roles: input.roles } });
        await audit(tx, { action: 'permission.changed', actorId: actor.id, targetType: 'user', targetId: u.id, ip, detail: { username: u.username, from: [], to: input.roles } });
        // The only time the password leaves the server: the admin hands it over, the member changes it at first sign-in.
        return { id: u.id, username: u.username!, password };
      });
    } catch (e) {
      if (isUniqueViolation(e, 'users_username_unique')) throw new AppError('CONFLICT', { messageKey: 'usernameTaken', fieldErrors: { username: ['usernameTaken'] } });
      if (isUniqueViolation(e, 'users_mobile_unique')) throw new AppError('CONFLICT', { messageKey: 'mobileTaken', fieldErrors: { mobile: ['mobileTaken'] } });
      throw e;
    }
  },
});

/** Locks the member's row so concurrent changes to the same member run one after the other. */
async function lockMember(tx: DbOrTx, id: string) {
  const [m] = await tx.select({ id: users.id, username: users.username, status: users.status }).from(users).where(staffMember(id)).for('update');
  if (!m) throw new AppError('NOT_FOUND');
  return m;
}

export const setStaffRolesDef = defineAction({
  access: ADMIN_ONLY,
  schema: setStaffRolesSchema,
  handler: async ({ db, actor, input, ip }) => {
    if (input.id === actor.id && !input.roles.some(isAdminGrant)) throw new AppError('FORBIDDEN', { messageKey: 'cannotRemoveOwnAdmin' });
    return db.transaction(async (tx) => {
      const member = await lockMember(tx, input.id);
      const before = await rolesOf(tx, input.id);
      if (sameGrants(before, input.roles)) return { roles: before, changed: false };
      await tx.delete(staffRoles).where(eq(staffRoles.userId, input.id));
      if (input.roles.length) await tx.insert(staffRoles).values(input.roles.map((g) => ({ userId: input.id, role: g.role, module: g.module })));
      await tx.update(users).set({ updatedAt: sql`now()` }).where(staffMember(input.id));
      await audit(tx, { action: 'permission.changed', actorId: actor.id, targetType: 'user', targetId: input.id, ip, detail: { username: member.username, from: before, to: input.roles } });
      return { roles: input.roles, changed: true };
    });
  },
});

export const setStaffStatusDef = defineAction({
  access: ADMIN_ONLY,
  schema: setStaffStatusSchema,
  handler: async ({ db, actor, input, ip }) => {
    if (input.id === actor.id && input.status === 'disabled') throw new AppError('FORBIDDEN', { messageKey: 'cannotDisableSelf' });
    return db.transaction(async (tx) => {
      const member = await lockMember(tx, input.id);
      await tx.update(users).set({ status: input.status, updatedAt: sql`now()` }).where(staffMember(input.id));
      // A disabled member is signed out everywhere at once.
      const endedSessions = input.status === 'disabled' ? await endSessions(tx, input.id) : 0;
      await audit(tx, {
        action: input.status === 'disabled' ? 'staff.disabled' : 'staff.enabled',
        actorId: actor.id,
        targetType: 'user',
        targetId: input.id,
        ip,
        detail: { username: member.username, from: member.status, to: input.status, endedSessions },
      });
      return { status: input.status };
    });
  },
});

export const resetStaffPasswordDef = defineAction({
  access: ADMIN_ONLY,
  schema: staffIdSchema,
  handler: async ({ db, actor, input, ip }) => {
    // Their own password an admin changes on the password page (which asks for the current one).
    if (input.id === actor.id) throw new AppError('FORBIDDEN', { messageKey: 'cannotResetOwnPassword' });
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    return db.transaction(async (tx) => {
      const member = await lockMember(tx, input.id);
      await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: sql`now()` }).where(staffMember(input.id));
      const endedSessions = await endSessions(tx, input.id);
      await audit(tx, { action: 'staff.password_reset', actorId: actor.id, targetType: 'user', targetId: input.id, ip, detail: { username: member.username, endedSessions } });
      return { id: input.id, username: member.username ?? '', password };
    });
  },
});

/** The staff list for the Excel export: admins only, the page's filter, as on screen; recorded in the audit log. */
export async function exportStaff(db: DbOrTx, actor: Actor, filters: { q?: string }, opts: { ip?: string | null } = {}): Promise<StaffRow[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!can(actor, { action: 'staff.role', role: 'admin' })) throw new AppError('FORBIDDEN');
  const rows = await listStaff(db, { q: filters.q, limit: 500 });
  await audit(db, { action: 'staff.exported', actorId: actor.id, targetType: 'user', ip: opts.ip ?? null, detail: { filter: { q: filters.q?.trim().slice(0, 64) || null }, rows: rows.length } });
  return rows;
}
