'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { EvaluationInput } from '../schemas';
import { submitEvaluationDef } from '../services/evaluation';

export async function submitEvaluationAction(input: EvaluationInput) {
  return bindAction(submitEvaluationDef)(input);
}
