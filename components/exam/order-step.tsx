'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { TickToProceed } from '@/components/forms/tick-to-proceed';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { placeOrderAction } from '@/lib/modules/exam/registration/actions/place-order';
import { requestExamRefundAction } from '@/lib/modules/exam/registration/actions/request-refund';

/** The confirm page's last step: "我确认以上报考信息无误", then the order (area and subjects freeze). */
export function ConfirmAndOrder({ registrationId }: { registrationId: string }) {
  const t = useTranslations('exam.pay');
  const router = useRouter();
  return (
    <TickToProceed
      tickLabel={t('confirmTick')}
      buttonLabel={t('placeOrder')}
      requiredMessage={t('confirmRequired')}
      onProceed={async () => {
        const r = await placeOrderAction({ registrationId });
        if (!r.ok) return r.message;
        router.refresh();
      }}
    />
  );
}

/** 退费: one refund per person, ever; the dialog says so before anything happens. */
export function RefundButton({ registrationId, amount }: { registrationId: string; amount: string }) {
  const t = useTranslations('exam.pay');
  const router = useRouter();
  const [result, setResult] = React.useState<{ ok: boolean; text: string }>();
  const [pending, start] = React.useTransition();
  return (
    <div className="flex flex-col gap-2">
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
      <div>
        <ConfirmDialog
          trigger={
            <Button type="button" variant="outline" disabled={pending}>
              {t('refund')}
            </Button>
          }
          title={t('refundTitle')}
          description={t('refundBody', { amount })}
          confirmLabel={t('refundConfirm')}
          cancelLabel={t('refundKeep')}
          onConfirm={() =>
            start(async () => {
              const r = await requestExamRefundAction({ registrationId });
              setResult(r.ok ? { ok: true, text: t('refundRequested') } : { ok: false, text: r.message });
              if (r.ok) router.refresh();
            })
          }
        />
      </div>
    </div>
  );
}
