'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { deleteSubjectDef } from '../services/delete-subject';

export async function deleteSubjectAction(input: { id: string }) {
  return bindAction(deleteSubjectDef)(input);
}
