'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { useHydrated } from '@/components/forms/use-hydrated';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { placeOrderAction } from '@/lib/modules/exam/registration/actions/place-order';
import { requestExamRefundAction } from '@/lib/modules/exam/registration/actions/request-refund';

/** The confirm page's last step: "我确认以上报考信息无误", then the order (area and subjects freeze). */
export function ConfirmAndOrder({ registrationId }: { registrationId: string }) {
  const t = useTranslations('exam.pay');
  const router = useRouter();
  const hydrated = useHydrated();
  const [ticked, setTicked] = React.useState(false);
  const [error, setError] = React.useState<string>();
  const [pending, start] = React.useTransition();
  return (
    <form
      method="post"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ticked) return setError(t('confirmRequired'));
        start(async () => {
          const r = await placeOrderAction({ registrationId });
          if (!r.ok) setError(r.message);
          else router.refresh();
        });
      }}
    >
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" className="h-4 w-4" checked={ticked} onChange={(e) => setTicked(e.target.checked)} />
        {t('confirmTick')}
      </label>
      <FormAlert message={error} />
      <div>
        <Button type="submit" disabled={!hydrated || pending}>
          {t('placeOrder')}
        </Button>
      </div>
    </form>
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
