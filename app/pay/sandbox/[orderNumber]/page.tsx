import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { FlaskConical, ShieldCheck } from 'lucide-react';
import { SandboxCashierForm } from '@/components/payments/sandbox-cashier-form';
import { Button } from '@/components/ui/button';
import { getDb } from '@/db';
import { formatFen } from '@/lib/platform/payments/money';
import { configuredProviderName, SANDBOX } from '@/lib/platform/payments/providers';
import { cashierState, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('payments.sandbox'))('title'), robots: { index: false } };
}

type Search = Record<string, string | string[] | undefined>;

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
  const f = await getFormatter();
  const state = request ? await cashierState(db, request) : null;

  return (
    <div className="min-h-dvh bg-[#f0f4fa]">
      <header className="bg-[#1677ff] text-white">
        <div className="mx-auto flex max-w-lg items-center justify-between gap-3 px-4 py-3">
          <p className="flex items-center gap-2 text-lg font-semibold">
            <ShieldCheck className="size-6" aria-hidden />
            {t('platform')}
          </p>
          <span className="flex items-center gap-1 rounded-full bg-amber-300 px-2.5 py-0.5 text-xs font-semibold text-amber-950">
            <FlaskConical className="size-3.5" aria-hidden />
            {t('badge')}
          </span>
        </div>
      </header>
      <main className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-6">
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
              </div>
            ) : (
              <SandboxCashierForm orderNumber={request.orderNumber} params={request.params} />
            )}
          </section>
        )}
      </main>
    </div>
  );
}
