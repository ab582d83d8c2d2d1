'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { cancelOrderAction } from '@/lib/platform/payments/actions/cancel-order';
import { confirmPaymentAction } from '@/lib/platform/payments/actions/confirm-payment';
import { startPaymentAction } from '@/lib/platform/payments/actions/start-payment';

/**
 * The payer's buttons for one order, for a module's payment page:
 *   <PayButton orderId returnUrl="/portal/exam/…/pay?order=…" />   → the provider's cashier
 *   <PayButton orderId returnUrl=… provider="bank_transfer" />       → 银行转账 (/pay/transfer/<number>)
 *   <ConfirmPaymentButton orderId />                                 "支付完毕": query and settle
 *   <CancelOrderButton orderId />                                    with a confirmation
 * Each refreshes the page when done, so the server component shows the new state.
 */

export function PayButton({ orderId, returnUrl, label, provider }: { orderId: string; returnUrl: string; label?: string; provider?: 'bank_transfer' }) {
  const t = useTranslations('payments.order');
  const [pending, start] = React.useTransition();
  const [error, setError] = React.useState<string>();
  return (
    <div className="flex flex-col gap-2">
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(undefined);
            const r = await startPaymentAction({ orderId, returnUrl, provider });
            if (r.ok) window.location.assign(r.data.redirectUrl);
            else setError(r.message);
          })
        }
      >
        {pending ? t('redirecting') : (label ?? t('pay'))}
      </Button>
      <FormAlert message={error} />
    </div>
  );
}

export function ConfirmPaymentButton({ orderId }: { orderId: string }) {
  const t = useTranslations('payments.order');
  const router = useRouter();
  const [pending, start] = React.useTransition();
  const [message, setMessage] = React.useState<{ tone: 'success' | 'info' | 'danger'; text: string }>();
  return (
    <div className="flex flex-col gap-2">
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await confirmPaymentAction({ orderId });
            if (!r.ok) setMessage({ tone: 'danger', text: r.message });
            else setMessage(r.data.paid ? { tone: 'success', text: t('confirmed') } : { tone: 'info', text: t('notYetPaid') });
            router.refresh();
          })
        }
      >
        {pending ? t('checking') : t('confirm')}
      </Button>
      <FormAlert message={message?.text} tone={message?.tone} />
    </div>
  );
}

export function CancelOrderButton({ orderId, description }: { orderId: string; description?: string }) {
  const t = useTranslations('payments.order');
  const router = useRouter();
  const [pending, start] = React.useTransition();
  const [error, setError] = React.useState<string>();
  return (
    <div className="flex flex-col gap-2">
      <ConfirmDialog
        trigger={
          <Button type="button" variant="outline" disabled={pending}>
            {t('cancel')}
          </Button>
        }
        title={t('cancelTitle')}
        description={description ?? t('cancelBody')}
        confirmLabel={t('cancelConfirm')}
        cancelLabel={t('keep')}
        onConfirm={() =>
          start(async () => {
            const r = await cancelOrderAction({ orderId });
            setError(r.ok ? undefined : r.message);
            router.refresh();
          })
        }
      />
      <FormAlert message={error} />
    </div>
  );
}
