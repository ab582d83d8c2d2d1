'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { AddSubjectInput } from '../schemas';
import { addSubjectDef } from '../services/add-subject';

export async function addSubjectAction(input: AddSubjectInput) {
  return bindAction(addSubjectDef)(input);
}
