import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PublicHeader } from '@/components/layout/public-header';
import { SiteFooter } from '@/components/layout/site-footer';
import { BankTransferPanel } from '@/components/payments/bank-transfer';
import { shownSlot } from '@/components/forms/shown-slot';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { BANK_TRANSFER_SLOT, personalSlot } from '@/lib/platform/documents/slots';
import { isAppError } from '@/lib/platform/errors';
import { bankTransferForPayer, screenshotsForOrder } from '@/lib/platform/payments/bank-transfer';
import { safeRedirectPath } from '@/lib/platform/safe-redirect';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('bankTransfer.pay'))('title'), robots: { index: false } };
}

type Search = Record<string, string | string[] | undefined>;

/**
 * 银行转账 for an order of the signed-in payer (an individual or an
 * organization account): a module sends its payer here with
 * bankTransferPath(order.number) or <PayButton provider="bank_transfer">.
 * Anyone else's order is "not found".
 */
export default async function BankTransferPage({ params, searchParams }: { params: Promise<{ orderNumber: string }>; searchParams: Promise<Search> }) {
  const { orderNumber } = await params;
  const search = await searchParams;
  const actor = await requireActor({ next: `/pay/transfer/${encodeURIComponent(orderNumber)}` });
  const db = await getDb();
  let view;
  try {
    view = await bankTransferForPayer(db, actor, orderNumber);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const initialDocuments = await screenshotsForOrder(db, actor, view.orderId);
  const slot = shownSlot(await getTranslations(), personalSlot(BANK_TRANSFER_SLOT)!);

  return (
    <div className="flex min-h-dvh flex-col">
      <PublicHeader />
      <main id="main" tabIndex={-1} className="outline-none mx-auto w-full max-w-4xl flex-1 px-4 py-6">
        <BankTransferPanel
          view={{
            ...view,
            expiresAt: view.expiresAt.toISOString(),
            transfers: view.transfers.map((x) => ({ id: x.id, status: x.status, reason: x.reason, mobileMasked: x.mobileMasked, fileName: x.fileName, createdAt: x.createdAt.toISOString() })),
          }}
          slot={slot}
          initialDocuments={initialDocuments}
          returnUrl={safeRedirectPath(search.return, '/portal')}
        />
      </main>
      <SiteFooter />
    </div>
  );
}
