'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ReverseStageInput } from '../schemas';
import { reverseOverdueStageDef } from '../services/reverse-stage';

export async function reverseOverdueStageAction(input: ReverseStageInput) {
  return bindAction(reverseOverdueStageDef)(input);
}
