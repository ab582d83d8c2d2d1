import { allows, type Access } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';

/** The unit side: an organization account with module E (main account, or a sub-account granted it). */
export const UNIT_ACCESS = { kind: 'applicant', module: 'review' } as const satisfies Access;
/** Review staff: planners and leaders (and reviewers of module E, who sit on teams), admins. */
export const REVIEW_STAFF_ACCESS = { kind: 'staff', roles: ['review_planner', 'review_leader', 'reviewer', 'admin'], module: 'review' } as const satisfies Access;
/** Module E settings (number prefix, evaluation criteria): planners and admins. */
export const REVIEW_SETTINGS_ACCESS = { kind: 'staff', roles: ['review_planner', 'admin'], module: 'review' } as const satisfies Access;

export const canSeeReviewStaffPages = (actor: Actor) => allows(REVIEW_STAFF_ACCESS, actor);
export const canManageReviewSettings = (actor: Actor) => allows(REVIEW_SETTINGS_ACCESS, actor);
