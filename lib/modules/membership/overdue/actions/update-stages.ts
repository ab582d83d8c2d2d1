'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { OverdueStagesInput } from '../stages';
import { updateOverdueStagesDef } from '../services/update-stages';

export async function updateOverdueStagesAction(input: OverdueStagesInput) {
  return bindAction(updateOverdueStagesDef)(input);
}
