import { availableChannels } from '@/lib/platform/payments/providers';
import { PayMethodPicker } from './pay-method-picker';

/**
 * The cashier step of a module's payment page (a server component): the
 * methods this installation offers (the sandbox plays both; otherwise the
 * configured platforms), then the payer's choice.
 *   <PayMethods orderId returnUrl="/portal/exam/…/pay" />
 */
export function PayMethods({ orderId, returnUrl, label }: { orderId: string; returnUrl: string; label?: string }) {
  return <PayMethodPicker orderId={orderId} returnUrl={returnUrl} label={label} channels={availableChannels()} />;
}
