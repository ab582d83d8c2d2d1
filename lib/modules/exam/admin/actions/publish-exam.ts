'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { publishExamDef } from '../services/publish-exam';

export async function publishExamAction(input: { id: string }) {
  return bindAction(publishExamDef)(input);
}
