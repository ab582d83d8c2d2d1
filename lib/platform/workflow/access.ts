import { and, eq, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { applications, type Application } from '@/db/schema';
import type { Actor, StaffRole } from '../auth/actor';
import { can, usableModules } from '../auth/permissions';
import type { ModuleKey } from '../modules';
import type { DelegatedGrant } from '../delegation';
import type { AnyKind, Firer } from './define';
import { allKinds } from './registry';

/**
 * Who may see and act on an application. Object access is a WHERE clause, so
 * a list or a lookup never loads what the actor may not see.
 */

/** Applications an applicant may see: their own; for organizations, their org's in modules they may use. */
export function applicantScope(actor: Actor): SQL | undefined {
  if (actor.kind === 'individual') return eq(applications.applicantUserId, actor.id);
  if (actor.kind === 'organization') {
    const modules = usableModules(actor);
    if (modules.length === 0) return undefined;
    return and(eq(applications.orgId, actor.orgId), inArray(applications.module, modules));
  }
  return undefined;
}

/** The staff roles that take part in a kind (any transition or to-do, its viewers), plus admin. */
export function kindStaffRoles(kind: AnyKind): StaffRole[] {
  const roles = new Set<StaffRole>(['admin']);
  for (const t of Object.values(kind.transitions)) if (typeof t.by === 'object') t.by.staff.forEach((r) => roles.add(r));
  for (const s of Object.values(kind.states)) if (typeof s.waitingFor === 'object') s.waitingFor.staff.forEach((r) => roles.add(r));
  kind.staffViewers?.forEach((r) => roles.add(r));
  return [...roles];
}

export function staffMayView(actor: Actor, kind: AnyKind): boolean {
  return kindStaffRoles(kind).some((role) => can(actor, { action: 'staff.role', role, module: kind.module }));
}

/** Kinds a staff member may see (their queue); empty for everyone else. */
export function staffKinds(actor: Actor): string[] {
  if (actor.kind !== 'staff') return [];
  return allKinds()
    .filter((k) => staffMayView(actor, k))
    .map((k) => k.key);
}

/** Applications a staff member may see: the kinds of their roles, in states not hidden from staff. */
export function staffScope(actor: Actor): SQL | undefined {
  if (actor.kind !== 'staff') return undefined;
  const parts = allKinds()
    .filter((k) => staffMayView(actor, k))
    .map((k) => {
      const hidden = Object.entries(k.states)
        .filter(([, s]) => s.hiddenFromStaff)
        .map(([name]) => name);
      return hidden.length ? and(eq(applications.kind, k.key), notInArray(applications.status, hidden)) : eq(applications.kind, k.key);
    });
  return parts.length ? or(...parts) : undefined;
}

/** Any signed-in actor's scope: applicants see theirs, staff the kinds of their roles. */
export function viewScope(actor: Actor): SQL {
  return (actor.kind === 'staff' ? staffScope(actor) : applicantScope(actor)) ?? sql`false`;
}

export function isApplicantOf(actor: Actor, app: Pick<Application, 'applicantUserId' | 'orgId' | 'module'>): boolean {
  if (actor.kind === 'individual') return app.applicantUserId === actor.id;
  if (actor.kind === 'organization') return app.orgId === actor.orgId && can(actor, { action: 'module.use', module: app.module as ModuleKey });
  return false;
}

/**
 * The role under which a staff member fires a transition (recorded on the
 * event), or null. Besides their own roles, the roles they hold now as the
 * active substitute of a colleague (`delegated`, lib/platform/delegation)
 * count; an expired or revoked delegation is not in the list, so it grants nothing.
 */
export function firingRole(actor: Actor, by: Firer, module: string, delegated: readonly DelegatedGrant[] = []): StaffRole | null {
  return firingGrant(actor, by, module, delegated)?.role ?? null;
}

/** The role a staff member fires with and, when it is held only through a delegation, whose. */
export function firingGrant(actor: Actor, by: Firer, module: string, delegated: readonly DelegatedGrant[] = []): { role: StaffRole; via: DelegatedGrant | null } | null {
  if (typeof by !== 'object' || actor.kind !== 'staff') return null;
  const own = by.staff.find((role) => can(actor, { action: 'staff.role', role, module: module as ModuleKey }));
  if (own) return { role: own, via: null };
  const via = delegated.find((g) => by.staff.includes(g.role) && (g.module === '*' || g.module === module));
  return via ? { role: via.role, via } : null;
}
