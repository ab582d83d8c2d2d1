'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import type { findAccountSchema, requestFindAccountCodeSchema } from '../recover-schemas';
import { findAccountDef, requestFindAccountCodeDef } from '../services/recover-account';

export async function requestFindAccountCodeAction(input: z.input<typeof requestFindAccountCodeSchema>) {
  return bindAction(requestFindAccountCodeDef)(input);
}
export async function findAccountAction(input: z.input<typeof findAccountSchema>) {
  return bindAction(findAccountDef)(input);
}
