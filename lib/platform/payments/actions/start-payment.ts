'use server';
import { bindAction } from '../../auth/actions';
import { startPaymentDef } from '../checkout';

/** Sends the payer to the provider's cashier (or, with provider 'bank_transfer', the bank-transfer page): the client navigates to `redirectUrl`. */
export async function startPaymentAction(input: { orderId: string; returnUrl: string; provider?: 'bank_transfer' }) {
  return bindAction(startPaymentDef)(input);
}
