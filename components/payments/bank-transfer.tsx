'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { Landmark } from 'lucide-react';
import { Field, FormAlert } from '@/components/forms/field';
import { UploadField } from '@/components/forms/upload-field';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import type { ShownSlot } from '@/lib/platform/documents/slots';
import { submitBankTransferAction } from '@/lib/platform/payments/actions/submit-bank-transfer';
import type { BankTransferState } from '@/lib/platform/payments/bank-transfer';
import type { PayeeAccount } from '@/lib/platform/payments/bank-account';
import { formatFen } from '@/lib/platform/payments/money';

/** What the page hands over (dates as ISO strings). */
export type BankTransferPanelView = {
  orderId: string;
  number: string;
  title: string;
  amountFen: number;
  expiresAt: string;
  payee: PayeeAccount;
  memo: string;
  state: BankTransferState;
  transfers: Array<{ id: string; status: string; reason: string | null; mobileMasked: string; fileName: string; createdAt: string }>;
};

const STATE_TONE: Record<BankTransferState, 'neutral' | 'primary' | 'success' | 'warning' | 'danger'> = {
  open: 'warning',
  waiting: 'primary',
  rejected: 'danger',
  paid: 'success',
  closed: 'neutral',
};
const TRANSFER_TONE: Record<string, 'neutral' | 'primary' | 'success' | 'danger'> = { submitted: 'primary', confirmed: 'success', rejected: 'danger' };

const when = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false } as const;

/**
 * 银行转账 for one order: the amount and the payee account with the order
 * number as the memo; then the transfer screenshot (the documents upload with
 * progress and content check), a contact mobile and 立即提交; then the status —
 * waiting for finance, returned with the reason (upload again), or paid.
 */
export function BankTransferPanel({ view, slot, initialDocuments, returnUrl }: { view: BankTransferPanelView; slot: ShownSlot; initialDocuments: DocumentSummary[]; returnUrl?: string | null }) {
  const t = useTranslations('bankTransfer.pay');
  const f = useFormatter();
  const router = useRouter();
  const [pending, start] = React.useTransition();
  const [screenshot, setScreenshot] = React.useState<DocumentSummary | undefined>(initialDocuments.find((d) => d.status === 'current'));
  const [mobile, setMobile] = React.useState('');
  const [mobileError, setMobileError] = React.useState<string>();
  const [error, setError] = React.useState<string>();
  const [notice, setNotice] = React.useState<string>();
  const onDocumentsChange = React.useCallback((docs: DocumentSummary[]) => setScreenshot(docs.find((d) => d.status === 'current')), []);

  const latest = view.transfers[0];
  const canSubmit = view.state === 'open' || view.state === 'rejected';

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    setMobileError(undefined);
    setNotice(undefined);
    if (!screenshot) {
      setError(t('needScreenshot'));
      return;
    }
    start(async () => {
      const r = await submitBankTransferAction({ orderId: view.orderId, documentId: screenshot.id, mobile });
      if (r.ok) {
        setNotice(t('submitted'));
        router.refresh();
        return;
      }
      const fieldMessage = r.fieldErrors?.mobile?.[0];
      if (fieldMessage) setMobileError(fieldMessage);
      else setError(r.message);
    });
  }

  return (
    <div className="flex flex-col gap-4" data-testid="bank-transfer" data-state={view.state}>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="flex flex-col gap-1">
            <h1 className="flex items-center gap-2 text-lg font-semibold">
              <Landmark className="h-5 w-5 text-primary" aria-hidden />
              {t('title')}
            </h1>
            <p className="max-w-2xl text-sm text-muted-foreground">{t('intro')}</p>
          </div>
          <Badge tone={STATE_TONE[view.state]} data-testid="bank-transfer-state">
            {t(`state.${view.state}`)}
          </Badge>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1.5 text-sm">
            <dt className="text-muted-foreground">{t('orderTitle')}</dt>
            <dd>{view.title}</dd>
            <dt className="text-muted-foreground">{t('orderNumber')}</dt>
            <dd className="font-mono">{view.number}</dd>
            <dt className="text-muted-foreground">{t('amount')}</dt>
            <dd className="text-xl font-bold tabular-nums" data-testid="bank-transfer-amount">
              {formatFen(view.amountFen)}
            </dd>
            {canSubmit && (
              <>
                <dt className="text-muted-foreground">{t('expiresAt')}</dt>
                <dd>{f.dateTime(new Date(view.expiresAt), when)}</dd>
              </>
            )}
          </dl>

          <section aria-labelledby="payee-title" className="rounded-md border border-border bg-slate-50 p-4">
            <h2 id="payee-title" className="mb-2 text-sm font-semibold">
              {t('payeeTitle')}
            </h2>
            <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1.5 text-sm" data-testid="bank-transfer-payee">
              <dt className="text-muted-foreground">{t('accountName')}</dt>
              <dd className="font-medium">{view.payee.accountName}</dd>
              <dt className="text-muted-foreground">{t('bank')}</dt>
              <dd>{view.payee.bank}</dd>
              <dt className="text-muted-foreground">{t('accountNumber')}</dt>
              <dd className="font-mono text-base tracking-wide">{view.payee.accountNumber}</dd>
              <dt className="text-muted-foreground">{t('memo')}</dt>
              <dd className="font-mono text-base font-semibold text-primary" data-testid="bank-transfer-memo">
                {view.memo}
              </dd>
            </dl>
            <p className="mt-2 text-xs text-muted-foreground">{t('memoHint')}</p>
          </section>

          {view.state === 'waiting' && <FormAlert tone="info" message={t('waitingBody')} />}
          {view.state === 'paid' && (
            <FormAlert tone="success" message={t('paidBody')}>
              <div className="mt-2">
                <Button asChild size="sm" variant="outline">
                  <a href={`/api/payments/orders/${view.orderId}/receipt`}>{t('receipt')}</a>
                </Button>
              </div>
            </FormAlert>
          )}
          {view.state === 'closed' && <FormAlert tone="danger" message={t('closedBody')} />}
          {view.state === 'rejected' && latest?.reason && <FormAlert tone="danger" message={t('rejectedBody', { reason: latest.reason })} />}
          {notice && <FormAlert tone="success" message={notice} />}
        </CardContent>
      </Card>

      {canSubmit && (
        <Card>
          <CardHeader>
            <h2 className="text-base font-semibold">{t('formTitle')}</h2>
          </CardHeader>
          <CardContent>
            <form onSubmit={submit} className="flex max-w-xl flex-col gap-4" noValidate data-testid="bank-transfer-form">
              <UploadField slot={slot} initialDocuments={initialDocuments} canDelete={false} onDocumentsChange={onDocumentsChange} />
              <Field id="bank-transfer-mobile" label={t('mobile')} required hint={t('mobileHint')} error={mobileError}>
                <Input
                  type="tel"
                  inputMode="numeric"
                  autoComplete="tel"
                  maxLength={11}
                  placeholder={t('mobilePlaceholder')}
                  value={mobile}
                  onChange={(e) => setMobile(e.target.value.trim())}
                />
              </Field>
              <FormAlert message={error} />
              <div>
                <Button type="submit" disabled={pending}>
                  {pending ? t('submitting') : t('submit')}
                </Button>
              </div>
            </form>
          </CardContent>
        </Card>
      )}

      {view.transfers.length > 0 && (
        <Card>
          <CardHeader>
            <h2 className="text-base font-semibold">{t('historyTitle')}</h2>
          </CardHeader>
          <CardContent>
            <Table stack className="text-[13px]" data-testid="bank-transfer-history">
              <thead>
                <tr>
                  <Th>{t('submittedAt')}</Th>
                  <Th>{t('screenshot')}</Th>
                  <Th>{t('mobile')}</Th>
                  <Th>{t('status')}</Th>
                  <Th>{t('reason')}</Th>
                </tr>
              </thead>
              <tbody>
                {view.transfers.map((x) => (
                  <tr key={x.id} data-status={x.status}>
                    <Td label={t('submittedAt')} className="whitespace-nowrap">{f.dateTime(new Date(x.createdAt), when)}</Td>
                    <Td label={t('screenshot')} className="max-w-48 truncate">{x.fileName}</Td>
                    <Td label={t('mobile')} className="font-mono">{x.mobileMasked}</Td>
                    <Td label={t('status')}>
                      <Badge tone={TRANSFER_TONE[x.status] ?? 'neutral'}>{t.has(`transferStatus.${x.status}` as never) ? t(`transferStatus.${x.status}` as never) : x.status}</Badge>
                    </Td>
                    <Td label={t('reason')} className="max-w-64">{x.reason}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </CardContent>
        </Card>
      )}

      {returnUrl && (
        <div>
          <Button asChild variant="outline">
            <Link href={returnUrl}>{t('back')}</Link>
          </Button>
        </div>
      )}
    </div>
  );
}
