'use server';
import { bindAction } from '../../auth/actions';
import { refundLatePaymentDef } from '../refunds';

export async function refundLatePaymentAction(input: { orderId: string }) {
  return bindAction(refundLatePaymentDef)(input);
}
