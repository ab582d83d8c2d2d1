import { allows, type Access } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { MEMBERSHIP_STAFF_ACCESS } from '../access';

/**
 * Who keeps an enterprise's technical staff roster and enrolls it in training
 * (技术培训): the organization's main account, or a sub-account granted the
 * 'membership' module. Individuals never (module B's audience is organizations).
 */
export const ROSTER_ACCESS = { kind: 'applicant', module: 'membership' } as const satisfies Access;

/** Who runs the training courses (create, edit, open, close; enrollment lists and exports; the 报名须知): admins and module-B reviewers. */
export const TRAINING_STAFF_ACCESS = MEMBERSHIP_STAFF_ACCESS;

export type EnterpriseActor = Extract<Actor, { kind: 'organization' }>;
export type TrainingStaffActor = Extract<Actor, { kind: 'staff' }>;

/** For pages and navigation (the actions and read models refuse everyone else regardless). */
export const canUseRoster = (actor: Actor): boolean => actor.kind === 'organization' && allows(ROSTER_ACCESS, actor);
export const canManageTraining = (actor: Actor): boolean => actor.kind === 'staff' && allows(TRAINING_STAFF_ACCESS, actor);

/** The enterprise acting, or FORBIDDEN (UNAUTHENTICATED when signed out): every roster read and write scopes by its `orgId`. */
export function requireEnterprise(actor: Actor): EnterpriseActor {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'organization' || !canUseRoster(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

export function requireTrainingStaff(actor: Actor): TrainingStaffActor {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff' || !canManageTraining(actor)) throw new AppError('FORBIDDEN');
  return actor;
}
