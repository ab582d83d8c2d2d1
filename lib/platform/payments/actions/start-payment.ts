'use server';
import { bindAction } from '../../auth/actions';
import { startPaymentDef } from '../checkout';

/** Sends the payer to the provider's cashier: the client navigates to `redirectUrl`. */
export async function startPaymentAction(input: { orderId: string; returnUrl: string }) {
  return bindAction(startPaymentDef)(input);
}
