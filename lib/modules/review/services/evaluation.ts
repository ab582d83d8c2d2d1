import { defineAction } from '@/lib/platform/auth/action-core';
import { UNIT_ACCESS } from '../access';
import { submitEvaluation } from '../evaluation';
import { evaluationSchema } from '../schemas';

/** 评审评价: the unit (an account with module E) scores a round's team once. */
export const submitEvaluationDef = defineAction({
  access: UNIT_ACCESS,
  schema: evaluationSchema,
  handler: ({ db, actor, input, now, ip, locale }) => submitEvaluation(db, actor, input, { now: now(), ip, locale }),
});
