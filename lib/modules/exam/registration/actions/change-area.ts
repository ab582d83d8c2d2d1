'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { changeAreaDef } from '../services/order';

export async function changeAreaAction(input: z.input<(typeof changeAreaDef)['schema']>) {
  return bindAction(changeAreaDef)(input);
}
