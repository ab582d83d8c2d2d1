'use server';
import { bindAction } from '../../auth/actions';
import { startPaymentDef } from '../checkout';

/**
 * Sends the payer to the provider's cashier (or, with provider 'bank_transfer', the bank-transfer page; with
 * channel 'wechat' on a desktop, our QR page): the client navigates to `redirectUrl`.
 */
export async function startPaymentAction(input: { orderId: string; returnUrl: string; provider?: 'bank_transfer'; channel?: 'wechat' | 'alipay'; device?: 'desktop' | 'mobile' }) {
  return bindAction(startPaymentDef)(input);
}
