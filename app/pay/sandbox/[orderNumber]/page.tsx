import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { FlaskConical, ShieldCheck } from 'lucide-react';
import { SandboxCashierForm } from '@/components/payments/sandbox-cashier-form';
import { Button } from '@/components/ui/button';
import { getDb } from '@/db';
import { formatFen } from '@/lib/platform/payments/money';
import { configuredProviderName, SANDBOX } from '@/lib/platform/payments/providers';
import { cashierState, readCashierRequest, sentNotification, type SandboxMethod } from '@/lib/platform/payments/providers/sandbox';
import { cn } from '@/lib/utils';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('payments.sandbox'))('title'), robots: { index: false } };
}

type Search = Record<string, string | string[] | undefined>;

/** How each method looks: WeChat Pay green or Alipay blue, a phone-width page for the phone methods. */
const LOOK: Record<SandboxMethod, { brand: 'wechat' | 'alipay'; kind: 'page' | 'wap' | 'native' | 'h5'; phone: boolean }> = {
  'sandbox.page.pay': { brand: 'alipay', kind: 'page', phone: false },
  'sandbox.wap.pay': { brand: 'alipay', kind: 'wap', phone: true },
  'sandbox.native.pay': { brand: 'wechat', kind: 'native', phone: true },
  'sandbox.h5.pay': { brand: 'wechat', kind: 'h5', phone: true },
};
const COLOR = { wechat: 'bg-[#047a3c]', alipay: 'bg-[#0958d9]' } as const;

/**
 * 模拟支付平台: the sandbox payment platform's cashier (PAYMENT_PROVIDER=sandbox,
 * the default). It shows what the merchant's signed request says — title and
 * amount — and offers to pay, to fail, or to give up. Deliberately outside the
 * site's layout: the payer has "left" for a payment platform.
 */
export default async function SandboxCashierPage({ params, searchParams }: { params: Promise<{ orderNumber: string }>; searchParams: Promise<Search> }) {
  if (configuredProviderName() !== SANDBOX) notFound();
  const { orderNumber } = await params;
  const db = await getDb();
  const request = await readCashierRequest(db, orderNumber, await searchParams);
  const t = await getTranslations('payments.sandbox');
  const tm = await getTranslations('paymentMethods.sandbox');
  const f = await getFormatter();
  const state = request ? await cashierState(db, request) : null;
  const look = LOOK[request?.method ?? 'sandbox.page.pay'];
  // Once paid, the notification the platform sent (a tester may replay it).
  const notification = request && state === 'paid' ? await sentNotification(db, request.orderNumber) : null;

  return (
    <div className={cn('min-h-dvh', look.brand === 'wechat' ? 'bg-[#ededed]' : 'bg-[#f0f4fa]')} data-method={request?.method}>
      <header className={cn(COLOR[look.brand], 'text-white')}>
        <div className={cn('mx-auto flex items-center justify-between gap-3 px-4 py-3', look.phone ? 'max-w-md' : 'max-w-lg')}>
          <p className="flex flex-col">
            <span className="flex items-center gap-2 text-lg font-semibold">
              <ShieldCheck className="size-6" aria-hidden />
              {tm(look.brand === 'wechat' ? 'wechatPlatform' : 'alipayPlatform')}
            </span>
            <span className="text-xs opacity-90">
              {t('platform')} · {tm(look.kind)}
            </span>
          </p>
          <span className="flex items-center gap-1 rounded-full bg-amber-300 px-2.5 py-0.5 text-xs font-semibold text-amber-950">
            <FlaskConical className="size-3.5" aria-hidden />
            {t('badge')}
          </span>
        </div>
      </header>
      <main className={cn('mx-auto flex flex-col gap-4 px-4 py-6', look.phone ? 'max-w-md' : 'max-w-lg')}>
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('notice')}
        </p>
        {!request ? (
          <section className="rounded-card border border-border bg-white p-6 shadow-sm" aria-labelledby="cashier-title">
            <h1 id="cashier-title" className="text-lg font-semibold">
              {t('invalidTitle')}
            </h1>
            <p className="mt-2 text-sm text-muted-foreground">{t('invalidLink')}</p>
          </section>
        ) : (
          <section className="flex flex-col gap-5 rounded-card border border-border bg-white p-6 shadow-sm" aria-labelledby="cashier-title">
            <div className="flex flex-col items-center gap-1 text-center">
              <h1 id="cashier-title" className="text-base text-muted-foreground">
                {request.title}
              </h1>
              <p className="text-4xl font-bold tracking-tight" data-testid="cashier-amount">
                {formatFen(request.amountFen)}
              </p>
            </div>
            <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1.5 text-sm">
              <dt className="text-muted-foreground">{t('orderNumber')}</dt>
              <dd className="font-mono">{request.orderNumber}</dd>
              <dt className="text-muted-foreground">{t('expiresAt')}</dt>
              <dd>{f.dateTime(request.expiresAt, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })}</dd>
            </dl>
            {state !== 'open' ? (
              <div className="flex flex-col gap-3">
                <p role="status" className="rounded-md border border-border bg-slate-50 px-3 py-2 text-center text-sm">
                  {state === 'paid' ? t('alreadyPaid') : t('closed')}
                </p>
                <Button asChild variant="outline">
                  <a href={request.returnUrl}>{t('backToMerchant')}</a>
                </Button>
                {notification && (
                  <details className="rounded-md border border-dashed border-amber-300 px-3 py-2 text-sm" data-testid="sandbox-notification">
                    <summary className="cursor-pointer font-medium">{tm('notificationTitle')}</summary>
                    <p className="mt-1 text-xs text-muted-foreground">{tm('notificationHint')}</p>
                    <dl className="mt-2 flex flex-col gap-1 text-xs">
                      <dt className="text-muted-foreground">{tm('notificationUrl')}</dt>
                      <dd className="break-all font-mono" data-testid="sandbox-notification-url">
                        {new URL(notification.url).pathname}
                      </dd>
                      <dt className="text-muted-foreground">{tm('notificationBody')}</dt>
                      <dd>
                        <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono" tabIndex={0} data-testid="sandbox-notification-body">
                          {notification.body}
                        </pre>
                      </dd>
                    </dl>
                  </details>
                )}
              </div>
            ) : (
              <>
                {look.kind === 'native' && (
                  <p role="status" className="rounded-md bg-[#047a3c]/10 px-3 py-2 text-center text-sm font-medium text-green-800">
                    {tm('scanned')}
                  </p>
                )}
                <SandboxCashierForm orderNumber={request.orderNumber} params={request.params} brand={look.brand} payLabel={look.kind === 'page' ? undefined : tm('confirmPay')} />
              </>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
