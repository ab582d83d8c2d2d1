import { defineAction } from '@/lib/platform/auth/action-core';
import { MEMBERSHIP_STAFF_ACCESS } from '../../access';
import { reverseStage } from '../handling';
import { reverseStageSchema } from '../schemas';

/** Reverses a fired stage of an annual review's current cycle, with a reason (admins and module-B reviewers). */
export const reverseOverdueStageDef = defineAction({
  access: MEMBERSHIP_STAFF_ACCESS,
  schema: reverseStageSchema,
  handler: ({ db, actor, input, ip }) => reverseStage(db, actor, { ...input, ip }),
});
