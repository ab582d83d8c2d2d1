'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { saveInfoDef } from '../services/registration';

export async function saveInfoAction(input: z.input<(typeof saveInfoDef)['schema']>) {
  return bindAction(saveInfoDef)(input);
}
