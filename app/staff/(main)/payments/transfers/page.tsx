import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ExternalLink } from 'lucide-react';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { BankTransferDecision } from '@/components/payments/staff-bank-transfer-actions';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { listWaitingTransfers } from '@/lib/platform/payments/bank-transfer';
import { formatFen } from '@/lib/platform/payments/money';
import { canSeePayments } from '@/lib/platform/payments/queries';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('bankTransfer.staff'))('title') };
}

/**
 * 银行转账确认: transfers waiting for finance, oldest first, each with its
 * screenshot (through the authorized file route), amount, order number,
 * payer and mobile (masked). Finance confirms (→ the order is paid) or returns
 * with a reason; admins see the list read-only.
 */
export default async function StaffBankTransfersPage() {
  const actor = await requireActor({ staff: true, next: '/staff/payments/transfers' });
  if (!canSeePayments(actor)) return <Forbidden />;
  const isFinance = can(actor, { action: 'staff.role', role: 'finance' });
  const t = await getTranslations('bankTransfer.staff');
  const f = await getFormatter();
  const rows = await listWaitingTransfers(await getDb(), actor);

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-base font-semibold">{t('title')}</h1>
          <p className="max-w-3xl text-sm text-muted-foreground">{t('intro')}</p>
          {!isFinance && <p className="text-sm text-muted-foreground">{t('readOnly')}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ExportButton href="/staff/payments/transfers/export" fallbackName="bank-transfers.xlsx" testId="transfers-export" />
          <Button asChild size="sm" variant="outline">
            <Link href="/staff/payments">{t('backToPayments')}</Link>
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>
        ) : (
          <Table stack data-testid="bank-transfers" className="text-[13px]">
            <thead>
              <tr>
                <Th>{t('screenshot')}</Th>
                <Th>{t('number')}</Th>
                <Th>{t('payer')}</Th>
                <Th>{t('for')}</Th>
                <Th className="text-right">{t('amount')}</Th>
                <Th>{t('mobile')}</Th>
                <Th>{t('submittedAt')}</Th>
                {isFinance && <Th>{t('actions')}</Th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const href = `/api/files/${r.documentId}`;
                const amount = formatFen(r.amountFen);
                return (
                  <tr key={r.id} data-number={r.orderNumber}>
                    <Td label={t('screenshot')} className="py-2">
                      <a href={href} target="_blank" rel="noopener noreferrer" className="flex w-36 flex-col gap-1 text-xs text-primary hover:underline">
                        {/* eslint-disable-next-line @next/next/no-img-element -- an authorized redirect to a short-lived presigned URL: next/image cannot optimize it */}
                        <img src={href} alt={`${t('screenshot')} ${r.orderNumber}`} className="max-h-40 w-36 rounded border border-border object-contain" loading="lazy" />
                        <span className="flex items-center gap-1">
                          <ExternalLink className="h-3 w-3" aria-hidden />
                          {t('viewFull')}
                        </span>
                      </a>
                    </Td>
                    <Td label={t('number')} className="whitespace-nowrap py-2 font-mono text-xs">{r.orderNumber}</Td>
                    <Td label={t('payer')} className="py-2">
                      <div>{r.payerMasked}</div>
                      {r.username && <div className="font-mono text-[11px] text-muted-foreground">{r.username}</div>}
                    </Td>
                    <Td label={t('for')} className="max-w-56 py-2">{r.title}</Td>
                    <Td label={t('amount')} className="whitespace-nowrap py-2 text-right font-semibold tabular-nums">{amount}</Td>
                    <Td label={t('mobile')} className="whitespace-nowrap py-2 font-mono">{r.mobileMasked}</Td>
                    <Td label={t('submittedAt')} className="whitespace-nowrap py-2">{f.dateTime(r.createdAt, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })}</Td>
                    {isFinance && (
                      <Td label={t('actions')} className="py-2">
                        <BankTransferDecision transferId={r.id} orderNumber={r.orderNumber} amount={amount} />
                      </Td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
