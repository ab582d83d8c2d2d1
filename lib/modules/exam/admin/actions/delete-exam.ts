'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { deleteExamDef } from '../services/delete-exam';

export async function deleteExamAction(input: { id: string }) {
  return bindAction(deleteExamDef)(input);
}
