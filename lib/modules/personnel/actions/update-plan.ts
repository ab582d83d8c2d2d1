'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { UpdatePlanInput } from '../plans/schemas';
import { updatePlanDef } from '../plans/services/plans';

export async function updatePlanAction(input: UpdatePlanInput) {
  return bindAction(updatePlanDef)(input);
}
