'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { chooseAreaDef } from '../services/registration';

export async function chooseAreaAction(input: z.input<(typeof chooseAreaDef)['schema']>) {
  return bindAction(chooseAreaDef)(input);
}
