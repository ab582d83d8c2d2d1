'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import type { submitPreApplicationSchema } from '../schemas';
import { submitPreApplicationDef } from '../services/submit';

export async function submitPreApplicationAction(input: z.input<typeof submitPreApplicationSchema>) {
  return bindAction(submitPreApplicationDef)(input);
}
