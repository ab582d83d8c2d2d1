import { allows, type Access } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';

/** Who keeps the registry: an admin, or a reviewer of module A. */
export const INSTITUTION_STAFF_ACCESS = { kind: 'staff', roles: ['admin', 'reviewer'], module: 'accreditation' } as const satisfies Access;

/** For pages: whether to show the registry (the actions refuse everyone else regardless). */
export const canManageInstitutions = (actor: Actor) => allows(INSTITUTION_STAFF_ACCESS, actor);
