'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/forms/field';
import { sandboxPayAction } from '@/lib/platform/payments/actions/sandbox-pay';

/**
 * The sandbox cashier's three buttons (in the colours of the platform it plays), and its test lever (lose the notification). A plain form post (works without
 * JavaScript); the pressed button is the outcome, the signed request travels
 * in hidden fields exactly as the merchant signed it.
 */
export function SandboxCashierForm({ orderNumber, params, brand = 'alipay', payLabel }: { orderNumber: string; params: Record<string, string>; brand?: 'wechat' | 'alipay'; payLabel?: string }) {
  const t = useTranslations('payments.sandbox');
  const [state, action, pending] = useActionState(sandboxPayAction, undefined);
  return (
    <form action={action} className="flex flex-col gap-3" aria-busy={pending}>
      <input type="hidden" name="orderNumber" value={orderNumber} />
      {Object.entries(params).map(([k, v]) => (
        <input key={k} type="hidden" name={`p_${k}`} value={v} />
      ))}
      <FormAlert message={state?.error} />
      <label className="flex items-start gap-2 rounded-md border border-dashed border-amber-300 px-3 py-2 text-sm">
        <input type="checkbox" name="dropNotify" className="mt-0.5 h-4 w-4" aria-describedby="drop-notify-hint" />
        <span>
          {t('dropNotify')}
          <span id="drop-notify-hint" className="block text-xs text-muted-foreground">
            {t('dropNotifyHint')}
          </span>
        </span>
      </label>
      <Button
        type="submit"
        name="outcome"
        value="pay"
        size="lg"
        disabled={pending}
        className={brand === 'wechat' ? 'w-full bg-[#047a3c] hover:bg-[#047a3c]/90' : 'w-full bg-[#0958d9] hover:bg-[#003eb3]'}
      >
        {payLabel ?? t('pay')}
      </Button>
      <div className="grid grid-cols-2 gap-3">
        <Button type="submit" name="outcome" value="fail" variant="outline" disabled={pending}>
          {t('fail')}
        </Button>
        <Button type="submit" name="outcome" value="abandon" variant="ghost" disabled={pending}>
          {t('abandon')}
        </Button>
      </div>
    </form>
  );
}
