'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { unpublishExamDef } from '../services/unpublish-exam';

export async function unpublishExamAction(input: { id: string }) {
  return bindAction(unpublishExamDef)(input);
}
