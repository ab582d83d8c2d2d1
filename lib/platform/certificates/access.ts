import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { certificates } from '@/db/schema';
import type { Actor, StaffRole } from '../auth/actor';
import { can } from '../auth/permissions';

/**
 * Who may see or act on a certificate, as WHERE clauses (a lookup outside the
 * scope finds nothing: NOT_FOUND, the certificate's existence is not given
 * away beyond what the public verification page shows).
 *
 * - holders: an individual their own (holder_user_id); an organization's main
 *   account every certificate of the organization (holder_org_id), a
 *   sub-account only those of the modules it was granted;
 * - staff: admins every certificate; other certificate roles those of the
 *   modules their grant covers (a role granted for '*' covers every module).
 *   Finance has no business with certificates.
 */
export const CERTIFICATE_MANAGER_ROLES: StaffRole[] = ['admin', 'reviewer', 'issuing_authority'];
export const CERTIFICATE_READER_ROLES: StaffRole[] = ['admin', 'reviewer', 'issuing_authority', 'review_planner', 'review_leader', 'exam_admin'];

const NOTHING = sql`false`;

/** The modules a staff member holds through the given roles: 'all', or a list (maybe empty). */
export function staffModules(actor: Actor, roles: StaffRole[]): 'all' | string[] {
  if (actor.kind !== 'staff') return [];
  if (can(actor, { action: 'staff.role', role: 'admin' })) return 'all';
  const grants = actor.roles.filter((r) => roles.includes(r.role));
  if (grants.some((r) => r.module === '*')) return 'all';
  return [...new Set(grants.map((r) => r.module))];
}

function staffScope(actor: Actor, roles: StaffRole[]): SQL {
  const mods = staffModules(actor, roles);
  if (mods === 'all') return sql`true`;
  return mods.length ? inArray(certificates.module, mods) : NOTHING;
}

/** The certificates an applicant holds (own, or the organization's within its granted modules). */
export function holderScope(actor: Actor): SQL {
  if (actor.kind === 'individual') return eq(certificates.holderUserId, actor.id);
  if (actor.kind === 'organization') {
    if (actor.isMain) return eq(certificates.holderOrgId, actor.orgId);
    return actor.modules.length ? and(eq(certificates.holderOrgId, actor.orgId), inArray(certificates.module, actor.modules))! : NOTHING;
  }
  return NOTHING;
}

/** What an actor may read (download, list): holders their own, staff their modules'. */
export function readScope(actor: Actor): SQL {
  if (actor.kind === 'staff') return staffScope(actor, CERTIFICATE_READER_ROLES);
  return holderScope(actor);
}

/** What an actor may renew, replace or void: admins, and reviewers / issuing authorities of the module. */
export function manageScope(actor: Actor): SQL {
  return actor.kind === 'staff' ? staffScope(actor, CERTIFICATE_MANAGER_ROLES) : NOTHING;
}

export function canManageModule(actor: Actor, module: string): boolean {
  const mods = staffModules(actor, CERTIFICATE_MANAGER_ROLES);
  return mods === 'all' || mods.includes(module);
}

/** Whether the staff certificates page is for this actor at all. */
export function canSeeCertificates(actor: Actor): boolean {
  const mods = staffModules(actor, CERTIFICATE_READER_ROLES);
  return mods === 'all' || mods.length > 0;
}
