'use server';
import { bindAction } from '../../auth/actions';
import { confirmPaymentDef } from '../checkout';

/** "支付完毕": asks the provider and settles what it reports. */
export async function confirmPaymentAction(input: { orderId: string }) {
  return bindAction(confirmPaymentDef)(input);
}
