'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import type { bulkAssignSchema, bulkTransitionSchema } from '../bulk-schemas';
import { bulkAssignDef, bulkTransitionDef } from '../services/bulk';

export async function bulkTransitionAction(input: z.input<typeof bulkTransitionSchema>) {
  return bindAction(bulkTransitionDef)(input);
}

export async function bulkAssignAction(input: z.input<typeof bulkAssignSchema>) {
  return bindAction(bulkAssignDef)(input);
}
