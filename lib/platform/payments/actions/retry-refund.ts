'use server';
import { bindAction } from '../../auth/actions';
import { retryRefundDef } from '../refunds';

export async function retryRefundAction(input: { refundId: string }) {
  return bindAction(retryRefundDef)(input);
}
