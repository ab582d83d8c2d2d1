'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { SetPlanStatusInput } from '../plans/schemas';
import { setPlanStatusDef } from '../plans/services/plans';

export async function setPlanStatusAction(input: SetPlanStatusInput) {
  return bindAction(setPlanStatusDef)(input);
}
