'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { AlertDialog } from 'radix-ui';
import { Button, buttonVariants } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { confirmBankTransferAction } from '@/lib/platform/payments/actions/confirm-bank-transfer';
import { rejectBankTransferAction } from '@/lib/platform/payments/actions/reject-bank-transfer';
import { REJECT_REASON_MAX } from '@/lib/platform/payments/bank-transfer-schemas';

/**
 * Finance's two decisions on a bank transfer: 确认到账 (after a confirmation
 * dialog: the order becomes paid, irreversibly) and 退回 (a required reason,
 * sent to the payer). The page refreshes after either.
 */
export function BankTransferDecision({ transferId, orderNumber, amount }: { transferId: string; orderNumber: string; amount: string }) {
  const t = useTranslations('bankTransfer.staff');
  const router = useRouter();
  const [pending, start] = React.useTransition();
  const [message, setMessage] = React.useState<{ ok: boolean; text: string }>();
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState('');
  const [reasonError, setReasonError] = React.useState<string>();
  const reasonId = `reject-reason-${transferId}`;

  const confirm = () =>
    start(async () => {
      const r = await confirmBankTransferAction({ transferId });
      setMessage(r.ok ? { ok: true, text: t(r.data.alreadyConfirmed ? 'alreadyConfirmed' : 'confirmed') } : { ok: false, text: r.message });
      router.refresh();
    });

  const reject = (e: React.FormEvent) => {
    e.preventDefault();
    setReasonError(undefined);
    start(async () => {
      const r = await rejectBankTransferAction({ transferId, reason });
      if (r.ok) {
        setOpen(false);
        setReason('');
        setMessage({ ok: true, text: t('rejected') });
        router.refresh();
      } else if (r.fieldErrors?.reason?.[0]) {
        setReasonError(r.fieldErrors.reason[0]);
      } else {
        setOpen(false);
        setMessage({ ok: false, text: r.message });
        router.refresh();
      }
    });
  };

  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap gap-2">
        <ConfirmDialog
          trigger={
            <Button size="sm" disabled={pending} data-testid="bank-transfer-confirm">
              {t('confirm')}
            </Button>
          }
          title={t('confirmTitle', { number: orderNumber })}
          description={t('confirmBody', { amount })}
          confirmLabel={t('confirmOk')}
          cancelLabel={t('cancel')}
          danger={false}
          onConfirm={confirm}
        />
        <AlertDialog.Root open={open} onOpenChange={setOpen}>
          <AlertDialog.Trigger asChild>
            <Button size="sm" variant="outline" disabled={pending} data-testid="bank-transfer-reject">
              {t('reject')}
            </Button>
          </AlertDialog.Trigger>
          <AlertDialog.Portal>
            <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
            <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-card bg-white p-5 shadow-xl">
              <form onSubmit={reject} noValidate>
                <AlertDialog.Title className="text-base font-semibold">{t('rejectTitle', { number: orderNumber })}</AlertDialog.Title>
                <AlertDialog.Description className="mt-2 text-sm text-muted-foreground">{t('rejectBody')}</AlertDialog.Description>
                <div className="mt-3 flex flex-col gap-1">
                  <label htmlFor={reasonId} className="text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">
                    {t('reasonLabel')}
                  </label>
                  <textarea
                    id={reasonId}
                    required
                    aria-required
                    aria-invalid={reasonError ? true : undefined}
                    aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                    maxLength={REJECT_REASON_MAX}
                    rows={3}
                    value={reason}
                    placeholder={t('reasonPlaceholder')}
                    onChange={(e) => setReason(e.target.value)}
                    className="w-full rounded-md border border-border bg-white px-3 py-2 text-sm placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-primary aria-[invalid=true]:border-danger"
                  />
                  {reasonError && (
                    <p id={`${reasonId}-error`} className="text-sm text-danger">
                      {reasonError}
                    </p>
                  )}
                </div>
                <div className="mt-5 flex justify-end gap-2">
                  <AlertDialog.Cancel className={buttonVariants({ variant: 'outline' })}>{t('cancel')}</AlertDialog.Cancel>
                  <Button type="submit" variant="danger" disabled={pending}>
                    {t('rejectOk')}
                  </Button>
                </div>
              </form>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        </AlertDialog.Root>
      </div>
      {message && (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-xs text-green-700' : 'text-xs text-danger'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
