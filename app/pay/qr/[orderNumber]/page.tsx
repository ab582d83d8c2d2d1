import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ScanLine } from 'lucide-react';
import { PublicHeader } from '@/components/layout/public-header';
import { SiteFooter } from '@/components/layout/site-footer';
import { ConfirmPaymentButton } from '@/components/payments/order-actions';
import { QrPaymentWatcher } from '@/components/payments/qr-payment-watcher';
import { Button } from '@/components/ui/button';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { formatFen } from '@/lib/platform/payments/money';
import { qrPaymentView } from '@/lib/platform/payments/qr';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('paymentMethods.qr'))('title'), robots: { index: false } };
}

type Search = Record<string, string | string[] | undefined>;

/**
 * 微信扫码支付 (WeChat Pay Native, on a desktop): the order's QR code, which the
 * payer scans with WeChat; the page follows the order and goes back to the
 * module's page once it is paid. "支付完毕" asks the platform at once. In the
 * sandbox, a button plays the phone's scan.
 */
export default async function QrPaymentPage({ params, searchParams }: { params: Promise<{ orderNumber: string }>; searchParams: Promise<Search> }) {
  const { orderNumber } = await params;
  const search = await searchParams;
  const self = `/pay/qr/${encodeURIComponent(orderNumber)}?${new URLSearchParams(Object.entries(search).filter((e): e is [string, string] => typeof e[1] === 'string'))}`;
  const actor = await requireActor({ next: self });
  const db = await getDb();
  const view = await qrPaymentView(db, actor, orderNumber, search);
  if (!view) notFound();
  const t = await getTranslations('paymentMethods.qr');
  const f = await getFormatter();
  const { open } = view;
  const back = `${view.returnUrl}${view.returnUrl.includes('?') ? '&' : '?'}payResult=paid`;

  return (
    <div className="flex min-h-dvh flex-col">
      <PublicHeader />
      <main id="main" className="mx-auto flex w-full max-w-xl flex-1 flex-col gap-4 px-4 py-6">
        <section className="flex flex-col items-center gap-4 rounded-card border border-border bg-white p-6 shadow-sm" aria-labelledby="qr-title" data-testid="wechat-qr-page">
          <h1 id="qr-title" className="flex items-center gap-2 text-xl font-semibold">
            <span aria-hidden className="flex size-7 items-center justify-center rounded-md bg-[#047a3c] text-sm font-bold text-white">
              微
            </span>
            {t('title')}
          </h1>
          <dl className="grid w-full grid-cols-[6rem_1fr] gap-x-3 gap-y-1.5 text-sm">
            <dt className="text-muted-foreground">{t('orderNumber')}</dt>
            <dd className="font-mono">{view.number}</dd>
            <dt className="text-muted-foreground">{t('amount')}</dt>
            <dd className="text-lg font-semibold text-red-700" data-testid="qr-amount">
              {formatFen(view.amountFen)}
            </dd>
            <dt className="text-muted-foreground">{t('expiresAt')}</dt>
            <dd>{f.dateTime(view.expiresAt, 'datetime')}</dd>
          </dl>
          <p className="w-full text-sm text-muted-foreground">{view.title}</p>

          {view.paid ? (
            <div className="flex w-full flex-col items-center gap-3">
              <p role="status" className="w-full rounded-md bg-green-50 px-3 py-2 text-center font-medium text-green-800" data-testid="qr-paid">
                {t('paid')} · {t('paidHint')}
              </p>
              <Button asChild>
                <Link href={back}>{t('back')}</Link>
              </Button>
            </div>
          ) : open ? (
            <>
              {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL */}
              <img src={view.qrImage} alt={t('qrAlt', { number: view.number })} width={240} height={240} className="rounded-md border border-border" data-testid="wechat-qr" />
              <p className="flex items-center gap-2 text-center text-sm">
                <ScanLine className="size-4 text-[#047a3c]" aria-hidden />
                {t('scanHint')}
              </p>
              <p role="status" aria-live="polite" className="text-center text-xs text-muted-foreground">
                {t('waiting')}
              </p>
              {view.sandboxScanPath && (
                <div className="flex w-full flex-col items-center gap-1 rounded-md border border-dashed border-amber-300 bg-amber-50 px-3 py-3">
                  <Button asChild variant="outline">
                    <a href={view.sandboxScanPath} aria-describedby="sandbox-scan-hint">
                      {t('sandboxScan')}
                    </a>
                  </Button>
                  <p id="sandbox-scan-hint" className="text-center text-xs text-amber-900">
                    {t('sandboxScanHint')}
                  </p>
                </div>
              )}
              <div className="flex flex-wrap items-start justify-center gap-3">
                <ConfirmPaymentButton orderId={view.orderId} />
                <Button asChild variant="ghost">
                  <Link href={view.returnUrl}>{t('changeMethod')}</Link>
                </Button>
              </div>
            </>
          ) : (
            <div className="flex w-full flex-col items-center gap-3">
              <p role="status" className="w-full rounded-md border border-border bg-slate-50 px-3 py-2 text-center text-sm">
                {t('closed')}
              </p>
              <Button asChild variant="outline">
                <Link href={view.returnUrl}>{t('back')}</Link>
              </Button>
            </div>
          )}
          <QrPaymentWatcher watching={open && !view.paid} paidTo={view.paid ? back : null} />
        </section>
      </main>
      <SiteFooter />
    </div>
  );
}
