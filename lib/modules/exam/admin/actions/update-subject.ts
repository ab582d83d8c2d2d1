'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { UpdateSubjectInput } from '../schemas';
import { updateSubjectDef } from '../services/update-subject';

export async function updateSubjectAction(input: UpdateSubjectInput) {
  return bindAction(updateSubjectDef)(input);
}
