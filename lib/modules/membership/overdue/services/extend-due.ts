import { defineAction } from '@/lib/platform/auth/action-core';
import { MEMBERSHIP_STAFF_ACCESS } from '../../access';
import { extendReviewDue } from '../handling';
import { extendDueSchema } from '../schemas';

/** Moves an annual review's due date later (a new cycle; a suspension is lifted), with a reason (admins and module-B reviewers). */
export const extendReviewDueDef = defineAction({
  access: MEMBERSHIP_STAFF_ACCESS,
  schema: extendDueSchema,
  handler: ({ db, actor, input, ip, now }) => extendReviewDue(db, actor, { ...input, ip, now: now() }),
});
