'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { placeOrderDef } from '../services/order';

export async function placeOrderAction(input: z.input<(typeof placeOrderDef)['schema']>) {
  return bindAction(placeOrderDef)(input);
}
