import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { notices, type Notice } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Access, StaffActor } from '@/lib/platform/auth/action-core';
import type { Actor, StaffRole } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { MODULE_KEYS, type ModuleKey } from '@/lib/platform/modules';
import { isUuid } from '@/lib/platform/schemas';

/**
 * Who publishes: an admin anything; a reviewer or review planner the notices
 * of the modules they hold (a role granted for every module reaches every
 * module). Platform-wide notices (module null) are the admins' alone.
 *
 * The action gate lets in any staff member holding one of these roles; which
 * notice they may touch is decided here, in the query.
 */
export const MODULE_PUBLISHER_ROLES: StaffRole[] = ['reviewer', 'review_planner'];
export const PUBLISH_ACCESS: Extract<Access, { kind: 'staff' }> = { kind: 'staff', roles: ['admin', ...MODULE_PUBLISHER_ROLES] };


/** Domain functions are callable without the gate (tests, jobs): they refuse non-staff themselves. */
export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return actor;
}

const isAdmin = (actor: Actor) => actor.kind === 'staff' && actor.roles.some((r) => r.role === 'admin');

/** The modules whose notices `actor` may publish: 'all' (admins: platform-wide too), or a list (possibly empty). */
export function publishableModules(actor: Actor): { platform: boolean; modules: ModuleKey[] } {
  if (actor.kind !== 'staff') return { platform: false, modules: [] };
  if (isAdmin(actor)) return { platform: true, modules: [...MODULE_KEYS] };
  const grants = actor.roles.filter((r) => MODULE_PUBLISHER_ROLES.includes(r.role));
  if (grants.some((r) => r.module === '*')) return { platform: false, modules: [...MODULE_KEYS] };
  return { platform: false, modules: MODULE_KEYS.filter((m) => grants.some((r) => r.module === m)) };
}

export function mayPublishIn(actor: Actor, module: string | null): boolean {
  const p = publishableModules(actor);
  return module === null ? p.platform : (p.modules as string[]).includes(module);
}

/** The notices `actor` may edit, as a condition over `notices`; null when none. */
export function editableScope(actor: Actor): SQL | null {
  const p = publishableModules(actor);
  if (p.platform) return sql`true`;
  if (p.modules.length === MODULE_KEYS.length) return isNotNull(notices.module);
  return p.modules.length ? inArray(notices.module, p.modules) : null;
}

/**
 * The notice `id` if `actor` may edit it, locked for the rest of the
 * transaction when `lock` is set. Another module's notice is FORBIDDEN (staff
 * may know it exists: it is on the public site or will be); an unknown id is
 * NOT_FOUND.
 */
export async function loadEditable(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<Notice> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  const scope = editableScope(actor);
  if (scope) {
    const q = db.select().from(notices).where(and(eq(notices.id, id), scope));
    const [row] = opts.lock ? await q.for('update') : await q;
    if (row) return row;
  }
  const [exists] = await db.select({ id: notices.id }).from(notices).where(eq(notices.id, id));
  throw new AppError(exists ? 'FORBIDDEN' : 'NOT_FOUND', exists ? { messageKey: 'publications.errors.notYourModule' } : {});
}

/** Refuses a module the actor may not publish in (a reviewer moving a notice to another module or platform-wide). */
export function assertMayPublishIn(actor: Actor, module: string | null): void {
  if (!mayPublishIn(actor, module)) {
    throw new AppError('FORBIDDEN', { messageKey: module === null ? 'publications.errors.platformAdminOnly' : 'publications.errors.notYourModule', fieldErrors: { module: [module === null ? 'publications.errors.platformAdminOnly' : 'publications.errors.notYourModule'] } });
  }
}
