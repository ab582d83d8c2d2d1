import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { formatFen } from '@/lib/modules/exam/money';

type Refund = { status: string; amountFen: number; requestedAt: Date; refundedAt: Date | null };

/**
 * A registration's refund as the candidate sees it: its state, amount and
 * times, and the receipt of the refunded payment — still readable, marked
 * void (the PDF says so too).
 */
export async function RefundSummary({ refund, order }: { refund: Refund; order: { id: string; number: string } | null }) {
  const t = await getTranslations('exam.refundSummary');
  const f = await getFormatter();
  const done = refund.status === 'refunded';
  return (
    <div className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="refund-summary" data-status={refund.status}>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={done ? 'neutral' : refund.status === 'failed' ? 'danger' : 'warning'}>{t(`status.${done ? 'refunded' : refund.status === 'failed' ? 'failed' : 'requested'}`)}</Badge>
        <span>{t('amount', { amount: formatFen(refund.amountFen) })}</span>
      </p>
      <dl className="grid gap-1 sm:grid-cols-2">
        <div>
          <dt className="inline text-muted-foreground">{t('requestedAt')}</dt> <dd className="inline">{f.dateTime(refund.requestedAt, 'datetime')}</dd>
        </div>
        {refund.refundedAt && (
          <div>
            <dt className="inline text-muted-foreground">{t('refundedAt')}</dt> <dd className="inline">{f.dateTime(refund.refundedAt, 'datetime')}</dd>
          </div>
        )}
      </dl>
      {order && (
        <p>
          {/* A generated file: a plain link, never prefetched. */}
          <a className="text-primary hover:underline" href={`/api/payments/orders/${order.id}/receipt`} target="_blank" rel="noopener" data-testid="void-receipt">
            {t('receipt', { number: order.number })}
          </a>
        </p>
      )}
      {done && <p className="text-muted-foreground">{t('note')}</p>}
    </div>
  );
}
