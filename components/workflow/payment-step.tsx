import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ConfirmPaymentButton } from '@/components/payments/order-actions';
import { PayMethods } from '@/components/payments/pay-methods';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { Application, Order } from '@/db/schema';
import { formatFen } from '@/lib/platform/payments/money';
import { bankTransferPath } from '@/lib/platform/payments/providers/bank-transfer';
import type { PaymentStepDef } from '@/lib/platform/workflow/define';

/**
 * An application's payment step on the applicant's page: the order the step
 * opened (amount, state, deadline) and the way to pay it — the online
 * cashier, or a bank transfer with its slip — as the kind's state declares.
 */
export async function PaymentStep({ app, order, step }: { app: Application; order: Order | null; step: PaymentStepDef | undefined }) {
  if (!order) return null;
  const t = await getTranslations('workflow.payment');
  const tPay = await getTranslations('payments');
  const f = await getFormatter();
  const self = `/portal/applications/${app.id}`;
  return (
    <section aria-labelledby="payment-step-title" className="flex flex-col gap-3 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="payment-step">
      <h2 id="payment-step-title" className="text-sm font-semibold">
        {t('title')}
      </h2>
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-muted-foreground">{t('order', { number: '' }).trim()}</dt>
          <dd className="font-mono">{order.number}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">{t('amount')}</dt>
          <dd className="font-semibold" data-testid="payment-amount">
            {formatFen(order.amountFen)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">{t('status')}</dt>
          <dd>
            <Badge tone={order.status === 'paid' ? 'success' : order.status === 'unpaid' ? 'warning' : 'neutral'}>{tPay(`status.${order.status}` as never)}</Badge>
          </dd>
        </div>
      </dl>
      {order.status === 'unpaid' && step && (
        <>
          <p className="text-sm">{t('expires', { until: f.dateTime(order.expiresAt, 'datetime') })}</p>
          {step.method === 'bank_transfer' ? (
            <Button asChild className="self-start">
              <Link href={`${bankTransferPath(order.number)}?return=${encodeURIComponent(self)}`}>{t('transfer')}</Link>
            </Button>
          ) : (
            <div className="flex flex-wrap items-start gap-3">
              <PayMethods orderId={order.id} returnUrl={self} label={t('pay')} />
              <ConfirmPaymentButton orderId={order.id} />
            </div>
          )}
        </>
      )}
      {order.status === 'paid' && (
        <a className="self-start text-sm text-primary hover:underline" href={`/api/payments/orders/${order.id}/receipt`} target="_blank" rel="noopener" data-prefetch="false">
          {t('receipt')}
        </a>
      )}
    </section>
  );
}
