'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { createApplicationDef } from '../action-defs';
import type { createApplicationSchema } from '../schemas';

export async function createApplicationAction(input: z.input<typeof createApplicationSchema>) {
  return bindAction(createApplicationDef)(input);
}
