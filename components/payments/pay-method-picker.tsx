'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { startPaymentAction } from '@/lib/platform/payments/actions/start-payment';
import { isMobileUserAgent, type PayChannel, type PayDevice } from '@/lib/platform/payments/methods';
import { cn } from '@/lib/utils';

const PHONE_WIDTH = '(max-width: 767px)';

/** A phone: a narrow screen or a phone's user agent (H5 / WAP pay); otherwise a desktop (QR code / page pay). */
function currentDevice(): PayDevice {
  if (typeof window === 'undefined') return 'desktop';
  return window.matchMedia(PHONE_WIDTH).matches || isMobileUserAgent(navigator.userAgent) ? 'mobile' : 'desktop';
}

function subscribeDevice(onChange: () => void): () => void {
  const mq = window.matchMedia(PHONE_WIDTH);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

const BRAND: Record<PayChannel, { mark: string; ring: string; bg: string }> = {
  wechat: { mark: 'bg-[#047a3c]', ring: 'peer-checked:border-[#047a3c] peer-checked:ring-[#047a3c]', bg: 'peer-checked:bg-[#047a3c]/5' },
  alipay: { mark: 'bg-[#0958d9]', ring: 'peer-checked:border-[#0958d9] peer-checked:ring-[#0958d9]', bg: 'peer-checked:bg-[#0958d9]/5' },
};

/**
 * The cashier step: the payer chooses 微信支付 or 支付宝 and goes to pay. On a
 * phone the platform's H5 / WAP cashier opens; on a desktop WeChat shows a QR
 * code on our page and Alipay its computer-website cashier. The method is
 * recorded on the order by the server.
 */
export function PayMethodPicker({ orderId, returnUrl, label, channels }: { orderId: string; returnUrl: string; label?: string; channels: PayChannel[] }) {
  const t = useTranslations('paymentMethods.picker');
  const [channel, setChannel] = React.useState<PayChannel | undefined>(channels[0]);
  // The hints follow the device (the server renders the desktop ones).
  const device = React.useSyncExternalStore(subscribeDevice, currentDevice, () => 'desktop' as PayDevice);
  const [pending, start] = React.useTransition();
  const [error, setError] = React.useState<string>();
  const name = React.useId();

  if (!channels.length) return <FormAlert message={t('none')} tone="info" />;
  return (
    <div className="flex w-full flex-col gap-3" data-testid="pay-method-picker">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('legend')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {channels.map((c) => (
            <label key={c} className="relative block cursor-pointer">
              <input type="radio" name={name} value={c} checked={channel === c} onChange={() => setChannel(c)} className="peer sr-only" />
              <span
                className={cn(
                  'flex items-center gap-3 rounded-md border border-border bg-background px-3 py-2.5 ring-offset-2 peer-focus-visible:ring-2 peer-focus-visible:ring-ring peer-checked:ring-1',
                  BRAND[c].ring,
                  BRAND[c].bg,
                )}
              >
                <span aria-hidden className={cn('flex size-8 shrink-0 items-center justify-center rounded-md text-sm font-bold text-white', BRAND[c].mark)}>
                  {c === 'wechat' ? '微' : '支'}
                </span>
                <span className="flex flex-col">
                  <span className="font-medium">{t(c)}</span>
                  <span className="text-xs text-muted-foreground">{t(`${c}${device === 'mobile' ? 'Mobile' : 'Desktop'}`)}</span>
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Button
        type="button"
        className="self-start"
        disabled={pending || !channel}
        aria-busy={pending}
        onClick={() =>
          start(async () => {
            setError(undefined);
            const r = await startPaymentAction({ orderId, returnUrl, channel, device: currentDevice() });
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
