'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { UpdateExamInput } from '../schemas';
import { updateExamDef } from '../services/update-exam';

export async function updateExamAction(input: UpdateExamInput) {
  return bindAction(updateExamDef)(input);
}
