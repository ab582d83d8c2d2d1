'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { refundLatePaymentAction } from '@/lib/platform/payments/actions/refund-late-payment';
import { retryRefundAction } from '@/lib/platform/payments/actions/retry-refund';

type Result = { ok: true; data: { status: string } } | { ok: false; message: string };

function useRun() {
  const t = useTranslations('payments.staff');
  const router = useRouter();
  const [pending, start] = React.useTransition();
  const [message, setMessage] = React.useState<{ ok: boolean; text: string }>();
  const run = (call: () => Promise<Result>) =>
    start(async () => {
      const r = await call();
      setMessage(r.ok ? { ok: r.data.status === 'refunded', text: t(`refundOutcome.${r.data.status === 'refunded' ? 'refunded' : r.data.status === 'failed' ? 'failed' : 'pending'}`) } : { ok: false, text: r.message });
      router.refresh();
    });
  return { pending, message, run };
}

function Outcome({ message }: { message?: { ok: boolean; text: string } }) {
  if (!message) return null;
  return (
    <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-xs text-green-700' : 'text-xs text-danger'}>
      {message.text}
    </span>
  );
}

/** Finance retries a failed refund (the provider gets the same idempotency key: never paid twice). */
export function RetryRefundButton({ refundId, orderNumber, amount }: { refundId: string; orderNumber: string; amount: string }) {
  const t = useTranslations('payments.staff');
  const { pending, message, run } = useRun();
  return (
    <div className="flex flex-col items-start gap-1">
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="outline" disabled={pending}>
            {t('retry')}
          </Button>
        }
        title={t('retryTitle', { number: orderNumber })}
        description={t('retryBody', { amount })}
        confirmLabel={t('retryConfirm')}
        cancelLabel={t('cancel')}
        danger={false}
        onConfirm={() => run(() => retryRefundAction({ refundId }))}
      />
      <Outcome message={message} />
    </div>
  );
}

/** Finance returns a payment that arrived after its order was released and could not be settled. */
export function RefundLatePaymentButton({ orderId, orderNumber, amount }: { orderId: string; orderNumber: string; amount: string }) {
  const t = useTranslations('payments.staff');
  const { pending, message, run } = useRun();
  return (
    <div className="flex flex-col items-start gap-1">
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="outline" disabled={pending}>
            {t('refundLate')}
          </Button>
        }
        title={t('refundLateTitle', { number: orderNumber })}
        description={t('refundLateBody', { amount })}
        confirmLabel={t('refundLateConfirm')}
        cancelLabel={t('cancel')}
        onConfirm={() => run(() => refundLatePaymentAction({ orderId }))}
      />
      <Outcome message={message} />
    </div>
  );
}
