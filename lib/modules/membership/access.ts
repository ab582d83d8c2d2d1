import { allows, type Access } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';

/** Who keeps module B's settings (dues per grade, membership term): an admin, or a reviewer of module B. */
export const MEMBERSHIP_STAFF_ACCESS = { kind: 'staff', roles: ['admin', 'reviewer'], module: 'membership' } as const satisfies Access;

/** For pages and navigation (the action refuses everyone else regardless). */
export const canManageMembership = (actor: Actor) => allows(MEMBERSHIP_STAFF_ACCESS, actor);
