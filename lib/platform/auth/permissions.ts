import type { ModuleKey } from '../modules';
import { MODULES } from '../modules';
import type { Actor, StaffRole } from './actor';

/**
 * The single permission check used by actions, route handlers and pages.
 * Layouts use it to hide what an actor cannot use; the server refuses it regardless.
 */
export type Permission =
  | { action: 'module.use'; module: ModuleKey }
  | { action: 'staff.role'; role: StaffRole; module?: ModuleKey }
  | { action: 'staff.any' }
  | { action: 'org.manageSubAccounts' }
  | { action: 'mailbox.view' };

const audienceOf = (m: ModuleKey) => MODULES.find((x) => x.key === m)!.audience;

export function can(actor: Actor, p: Permission): boolean {
  switch (p.action) {
    case 'module.use':
      if (actor.kind === 'individual') return audienceOf(p.module) === 'individual';
      if (actor.kind === 'organization') return audienceOf(p.module) === 'organization' && (actor.isMain || actor.modules.includes(p.module));
      return false;
    case 'staff.role':
      return actor.kind === 'staff' && actor.roles.some((r) => r.role === p.role && (r.module === '*' || !p.module || r.module === p.module));
    case 'staff.any':
    case 'mailbox.view':
      return actor.kind === 'staff';
    case 'org.manageSubAccounts':
      return actor.kind === 'organization' && actor.isMain;
  }
}

/** The modules an actor may open, in display order. */
export function usableModules(actor: Actor): ModuleKey[] {
  return MODULES.map((m) => m.key).filter((k) => can(actor, { action: 'module.use', module: k }));
}
