'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { acceptExamNoticeDef } from '../services/registration';

export async function acceptNoticeAction(input: z.input<(typeof acceptExamNoticeDef)['schema']>) {
  return bindAction(acceptExamNoticeDef)(input);
}
