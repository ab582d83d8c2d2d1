'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { requestExamRefundDef } from '../services/order';

export async function requestExamRefundAction(input: z.input<(typeof requestExamRefundDef)['schema']>) {
  return bindAction(requestExamRefundDef)(input);
}
