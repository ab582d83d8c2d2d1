'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { saveDraftDef } from '../action-defs';
import type { saveDraftSchema } from '../schemas';

export async function saveDraftAction(input: z.input<typeof saveDraftSchema>) {
  return bindAction(saveDraftDef)(input);
}
