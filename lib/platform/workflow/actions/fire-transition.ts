'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { fireTransitionDef } from '../action-defs';
import type { fireTransitionSchema } from '../schemas';

export async function fireTransitionAction(input: z.input<typeof fireTransitionSchema>) {
  return bindAction(fireTransitionDef)(input);
}
