'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { deleteSessionDef } from '../services/delete-session';

export async function deleteSessionAction(input: { id: string }) {
  return bindAction(deleteSessionDef)(input);
}
