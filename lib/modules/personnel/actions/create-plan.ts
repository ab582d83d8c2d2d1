'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { PlanFormInput } from '../plans/schemas';
import { createPlanDef } from '../plans/services/plans';

export async function createPlanAction(input: PlanFormInput) {
  return bindAction(createPlanDef)(input);
}
