'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { bulkClaimDef } from '../action-defs';

export async function bulkClaimAction(input: { ids: string[] }) {
  return bindAction(bulkClaimDef)(input);
}
