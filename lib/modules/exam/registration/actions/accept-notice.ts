'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { acceptNoticeDef } from '../services/registration';

export async function acceptNoticeAction(input: z.input<(typeof acceptNoticeDef)['schema']>) {
  return bindAction(acceptNoticeDef)(input);
}
