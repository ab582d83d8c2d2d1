'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { deleteAreaDef } from '../services/delete-area';

export async function deleteAreaAction(input: { id: string }) {
  return bindAction(deleteAreaDef)(input);
}
