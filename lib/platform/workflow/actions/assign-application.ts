'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { assignApplicationDef } from '../action-defs';
import type { assignSchema } from '../schemas';

export async function assignApplicationAction(input: z.input<typeof assignSchema>) {
  return bindAction(assignApplicationDef)(input);
}
