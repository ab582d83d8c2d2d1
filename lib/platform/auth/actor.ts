import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { sessions, staffRoles, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { env } from '../env';
import { isModuleKey, type ModuleKey } from '../modules';

/** Who is calling: resolved on the server from the session, never from client input. */
export type StaffRole = 'admin' | 'reviewer' | 'finance' | 'exam_admin' | 'review_planner' | 'review_leader' | 'issuing_authority';
export const STAFF_ROLES: StaffRole[] = ['admin', 'reviewer', 'finance', 'exam_admin', 'review_planner', 'review_leader', 'issuing_authority'];

type Base = { id: string; name: string; sessionId: string; mustChangePassword: boolean };
export type Actor =
  | { kind: 'anonymous' }
  | (Base & { kind: 'individual' })
  | (Base & { kind: 'organization'; orgId: string; isMain: boolean; modules: ModuleKey[] })
  | (Base & { kind: 'staff'; roles: Array<{ role: StaffRole; module: string }> });

export type SignedInActor = Exclude<Actor, { kind: 'anonymous' }>;
export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** Loads the actor of a session; anonymous when the session was revoked or the account disabled. */
/**
 * The actor of a session row that is live: not revoked, and younger than the
 * absolute lifetime (SESSION_ABSOLUTE_HOURS, default 7 days), however often
 * the browser's token was refreshed meanwhile.
 */
export async function loadActor(db: DbOrTx, userId: string, sessionId: string, opts: { absoluteHours?: number } = {}): Promise<Actor> {
  const absoluteHours = opts.absoluteHours ?? env().SESSION_ABSOLUTE_HOURS;
  const [row] = await db
    .select({ user: users, sessionId: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.createdAt, sql`now() - make_interval(hours => ${absoluteHours})`)));
  if (!row || row.user.status !== 'active') return ANONYMOUS;
  const u = row.user;
  const base: Base = { id: u.id, name: u.name, sessionId, mustChangePassword: u.mustChangePassword };
  if (u.kind === 'individual') return { ...base, kind: 'individual' };
  if (u.kind === 'organization') {
    return { ...base, kind: 'organization', orgId: u.orgId!, isMain: u.isOrgMain, modules: u.modules.filter(isModuleKey) };
  }
  const roles = await db.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, u.id));
  return { ...base, kind: 'staff', roles: roles as Array<{ role: StaffRole; module: string }> };
}

/** A staff member's actor by username, without a session (the queue bench's bare route; scripts). */
export async function staffActorByUsername(db: DbOrTx, username: string): Promise<Extract<Actor, { kind: 'staff' }> | null> {
  if (!username) return null;
  const [u] = await db.select().from(users).where(and(eq(users.username, username), eq(users.kind, 'staff'), eq(users.status, 'active')));
  if (!u) return null;
  const roles = await db.select({ role: staffRoles.role, module: staffRoles.module }).from(staffRoles).where(eq(staffRoles.userId, u.id));
  return { kind: 'staff', id: u.id, name: u.name, sessionId: '', mustChangePassword: false, roles: roles as Array<{ role: StaffRole; module: string }> };
}
