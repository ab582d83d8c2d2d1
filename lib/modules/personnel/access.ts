import { allows, type Access } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';

/** Module C's own people: individuals who may use the personnel module. */
export const PERSONNEL_APPLICANT = { kind: 'applicant', module: 'personnel' } as const satisfies Access;

/** Who runs the exams of module C (plans, results, certificate issue): its exam administrators, and admins. */
export const PERSONNEL_EXAM_ADMIN = { kind: 'staff', roles: ['exam_admin', 'admin'], module: 'personnel' } as const satisfies Access;

/** For pages and navigation (the actions refuse everyone else regardless). */
export const canAdministerPersonnelExams = (actor: Actor) => allows(PERSONNEL_EXAM_ADMIN, actor);
