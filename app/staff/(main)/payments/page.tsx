import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, FileText } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { RefundLatePaymentButton, RetryRefundButton } from '@/components/payments/staff-refund-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { countWaitingTransfers } from '@/lib/platform/payments/bank-transfer';
import { formatFen } from '@/lib/platform/payments/money';
import { canSeePayments, listOrders, listRefunds, listUnsettledPayments, orderTotals } from '@/lib/platform/payments/queries';
import { ORDER_STATUS_KEYS, parseOrderFilter, REFUND_STATUS_KEYS, type OrderFilterParams } from '@/lib/platform/payments/schemas';

export async function generateMetadata() {
  return { title: (await getTranslations('payments.staff'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

function queryString(p: OrderFilterParams, extra: { after?: string } = {}): string {
  const entries = Object.entries({ status: p.status, from: p.from, to: p.to, q: p.q, refund: p.refund, after: extra.after });
  return new URLSearchParams(entries.filter((e): e is [string, string] => Boolean(e[1]))).toString();
}

const ORDER_TONE: Record<string, 'neutral' | 'primary' | 'success' | 'warning' | 'danger'> = {
  unpaid: 'warning',
  paid: 'success',
  cancelled: 'neutral',
  expired: 'neutral',
  refund_requested: 'primary',
  refunded: 'danger',
};
const REFUND_TONE: Record<string, 'neutral' | 'primary' | 'success' | 'warning' | 'danger'> = { requested: 'primary', processing: 'primary', refunded: 'success', failed: 'danger' };

/** 支付与退费: orders (filters, totals, Excel export), refunds (retry failed ones), late payments to return. Finance and admins. */
export default async function StaffPaymentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor({ staff: true, next: '/staff/payments' });
  if (!canSeePayments(actor)) return <Forbidden />;
  const isFinance = can(actor, { action: 'staff.role', role: 'finance' });
  const t = await getTranslations('payments');
  const tm = await getTranslations('paymentMethods');
  const tc = await getTranslations('common');
  const f = await getFormatter();
  const params = parseOrderFilter(await searchParams);
  const db = await getDb();
  const [{ items, next }, totals, refundRows, unsettled, waitingTransfers] = await Promise.all([
    listOrders(db, actor, params),
    orderTotals(db, actor, params),
    listRefunds(db, actor, params),
    listUnsettledPayments(db, actor),
    countWaitingTransfers(db, actor),
  ]);
  const tTransfer = await getTranslations('bankTransfer.staff');
  const qs = queryString(params);
  const when = (d: Date | null) =>
    d ? f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }) : '';
  const provider = (p: string | null) => (p ? (t.has(`providers.${p}` as never) ? t(`providers.${p}` as never) : p) : '');

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-base font-semibold">{t('staff.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('staff.intro')}</p>
          <div>
            <Button asChild size="sm" variant={waitingTransfers ? 'default' : 'outline'}>
              <Link href="/staff/payments/transfers" data-testid="bank-transfers-link">
                {tTransfer('link', { count: waitingTransfers })}
              </Link>
            </Button>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form method="get" role="search" aria-label={t('staff.filters')} className="flex flex-wrap items-end gap-3" data-testid="payments-filters">
            <div className="flex flex-col gap-1">
              <Label htmlFor="pay-status">{t('staff.status')}</Label>
              <Select id="pay-status" name="status" defaultValue={params.status ?? ''} className="h-8">
                <option value="">{t('staff.allStatuses')}</option>
                {ORDER_STATUS_KEYS.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="pay-from">{t('staff.from')}</Label>
              <Input id="pay-from" name="from" type="date" defaultValue={params.from ?? ''} className="h-8" />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="pay-to">{t('staff.to')}</Label>
              <Input id="pay-to" name="to" type="date" defaultValue={params.to ?? ''} className="h-8" />
            </div>
            <div className="flex min-w-56 flex-col gap-1">
              <Label htmlFor="pay-q">{t('staff.query')}</Label>
              <Input id="pay-q" name="q" defaultValue={params.q ?? ''} placeholder={t('staff.queryPlaceholder')} className="h-8" />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="pay-refund">{t('staff.refundStatus')}</Label>
              <Select id="pay-refund" name="refund" defaultValue={params.refund ?? ''} className="h-8">
                <option value="">{t('staff.allRefunds')}</option>
                {REFUND_STATUS_KEYS.map((s) => (
                  <option key={s} value={s}>
                    {t(`refundStatus.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" size="sm">
              {tc('search')}
            </Button>
            <Button asChild size="sm" variant="outline">
              <Link href="/staff/payments">{tc('reset')}</Link>
            </Button>
            {/* A plain link: the route handler answers with an attachment. */}
            <Button asChild size="sm" variant="outline" className="ml-auto">
              <a href={`/staff/payments/export${qs ? `?${qs}` : ''}`} download data-testid="payments-export">
                <Download className="h-4 w-4" aria-hidden />
                {t('staff.export')}
              </a>
            </Button>
          </form>

          {totals.length > 0 && (
            <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground" data-testid="payments-totals">
              {totals.map((s) => (
                <span key={s.status}>
                  {t(`status.${s.status as (typeof ORDER_STATUS_KEYS)[number]}`)}：{t('staff.totalLine', { count: s.count, amount: formatFen(s.amountFen) })}
                </span>
              ))}
            </p>
          )}

          {items.length === 0 ? (
            <p className="py-8 text-center text-sm text-muted-foreground">{t('staff.empty')}</p>
          ) : (
            <Table stack data-testid="payments-orders" className="text-[13px]">
              <thead>
                <tr>
                  <Th>{t('staff.number')}</Th>
                  <Th className="whitespace-nowrap">{t('staff.payer')}</Th>
                  <Th>{t('staff.for')}</Th>
                  <Th className="text-right">{t('staff.amount')}</Th>
                  <Th>{t('staff.status')}</Th>
                  <Th>{t('staff.channel')}</Th>
                  <Th>{t('staff.createdAt')}</Th>
                  <Th>{t('staff.paidAt')}</Th>
                  <Th>
                    <span className="sr-only">{t('staff.receipt')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr key={o.id} data-number={o.number} data-status={o.status}>
                    <Td label={t('staff.number')} className="whitespace-nowrap py-1.5 font-mono text-xs">{o.number}</Td>
                    <Td label={t('staff.payer')} className="whitespace-nowrap py-1.5">
                      <div>{o.userName}</div>
                      {o.username && <div className="font-mono text-[11px] text-muted-foreground">{o.username}</div>}
                    </Td>
                    <Td label={t('staff.for')} className="max-w-64 py-1.5">{o.title}</Td>
                    <Td label={t('staff.amount')} className="whitespace-nowrap py-1.5 text-right tabular-nums">{formatFen(o.amountFen)}</Td>
                    <Td label={t('staff.status')} className="whitespace-nowrap py-1.5">
                      <div className="flex flex-col items-start gap-1">
                        <Badge tone={ORDER_TONE[o.status] ?? 'neutral'}>{t.has(`status.${o.status}` as never) ? t(`status.${o.status}` as never) : o.status}</Badge>
                        {o.refundStatus && <Badge tone={REFUND_TONE[o.refundStatus] ?? 'neutral'}>{t('staff.refundBadge', { status: t(`refundStatus.${o.refundStatus}` as never) })}</Badge>}
                      </div>
                    </Td>
                    <Td label={t('staff.channel')} className="py-1.5">
                      <div>{provider(o.provider)}</div>
                      {o.payMethod && tm.has(`method.${o.payMethod}` as never) && (
                        <div className="text-[11px] text-muted-foreground" data-testid="pay-method">
                          {tm(`method.${o.payMethod}` as never)}
                        </div>
                      )}
                      {o.tradeNo && <div className="font-mono text-[11px] text-muted-foreground">{o.tradeNo}</div>}
                    </Td>
                    <Td label={t('staff.createdAt')} className="whitespace-nowrap py-1.5">{when(o.createdAt)}</Td>
                    <Td label={t('staff.paidAt')} className="whitespace-nowrap py-1.5">
                      <div>{when(o.paidAt)}</div>
                      {o.paymentSource && (
                        <div className="text-[11px] text-muted-foreground" data-testid="payment-source">
                          {t.has(`paymentSource.${o.paymentSource}` as never) ? t(`paymentSource.${o.paymentSource}` as never) : o.paymentSource}
                        </div>
                      )}
                    </Td>
                    <Td className="py-1.5">
                      {o.tradeNo && ['paid', 'refund_requested', 'refunded'].includes(o.status) && (
                        <a href={`/api/payments/orders/${o.id}/receipt`} target="_blank" rel="noopener" className="inline-flex items-center gap-1 whitespace-nowrap text-primary hover:underline">
                          <FileText className="h-3.5 w-3.5" aria-hidden />
                          {t('staff.receipt')}
                        </a>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <nav aria-label={t('staff.pagination')} className="flex gap-2">
            {params.after && (
              <Button asChild size="sm" variant="outline">
                <Link href={`/staff/payments${qs ? `?${qs}` : ''}`}>{t('staff.firstPage')}</Link>
              </Button>
            )}
            {next && (
              <Button asChild size="sm" variant="outline">
                <Link href={`/staff/payments?${queryString(params, { after: next })}`}>{t('staff.nextPage')}</Link>
              </Button>
            )}
          </nav>
        </CardContent>
      </Card>

      {unsettled.length > 0 && (
        <Card>
          <CardHeader>
            <h2 className="text-base font-semibold">{t('staff.unsettledTitle')}</h2>
            <p className="text-sm text-muted-foreground">{t('staff.unsettledIntro')}</p>
          </CardHeader>
          <CardContent>
            <Table stack data-testid="payments-unsettled" className="text-[13px]">
              <thead>
                <tr>
                  <Th>{t('staff.number')}</Th>
                  <Th className="whitespace-nowrap">{t('staff.payer')}</Th>
                  <Th className="text-right">{t('staff.amount')}</Th>
                  <Th>{t('staff.status')}</Th>
                  <Th>{t('staff.channel')}</Th>
                  <Th>{t('staff.paidAt')}</Th>
                  <Th>
                    <span className="sr-only">{t('staff.actions')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {unsettled.map((u) => (
                  <tr key={u.orderId} data-number={u.number}>
                    <Td label={t('staff.number')} className="font-mono text-xs">{u.number}</Td>
                    <Td label={t('staff.payer')} className="whitespace-nowrap">{u.userName}</Td>
                    <Td label={t('staff.amount')} className="text-right tabular-nums">{formatFen(u.amountFen)}</Td>
                    <Td label={t('staff.status')}>{t(`status.${u.status as 'cancelled' | 'expired'}`)}</Td>
                    <Td label={t('staff.channel')}>
                      <div>{provider(u.provider)}</div>
                      <div className="font-mono text-[11px] text-muted-foreground">{u.tradeNo}</div>
                    </Td>
                    <Td label={t('staff.paidAt')} className="whitespace-nowrap">{when(u.paidAt)}</Td>
                    <Td>{isFinance && <RefundLatePaymentButton orderId={u.orderId} orderNumber={u.number} amount={formatFen(u.amountFen)} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </CardContent>
        </Card>
      )}

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">{t('staff.refundsTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('staff.refundsIntro')}</p>
        </CardHeader>
        <CardContent>
          {refundRows.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t('staff.noRefunds')}</p>
          ) : (
            <Table stack data-testid="payments-refunds" className="text-[13px]">
              <thead>
                <tr>
                  <Th>{t('staff.number')}</Th>
                  <Th className="whitespace-nowrap">{t('staff.payer')}</Th>
                  <Th className="text-right">{t('staff.amount')}</Th>
                  <Th>{t('staff.refundStatus')}</Th>
                  <Th>{t('staff.attempts')}</Th>
                  <Th>{t('staff.failureReason')}</Th>
                  <Th>{t('staff.requestedAt')}</Th>
                  <Th>
                    <span className="sr-only">{t('staff.actions')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {refundRows.map((r) => (
                  <tr key={r.id} data-number={r.orderNumber} data-refund-status={r.status}>
                    <Td label={t('staff.number')} className="font-mono text-xs">{r.orderNumber}</Td>
                    <Td label={t('staff.payer')} className="whitespace-nowrap">{r.userName}</Td>
                    <Td label={t('staff.amount')} className="text-right tabular-nums">{formatFen(r.amountFen)}</Td>
                    <Td label={t('staff.refundStatus')} className="whitespace-nowrap">
                      <Badge tone={REFUND_TONE[r.status] ?? 'neutral'}>{t.has(`refundStatus.${r.status}` as never) ? t(`refundStatus.${r.status}` as never) : r.status}</Badge>
                    </Td>
                    <Td label={t('staff.attempts')} className="tabular-nums">{r.attempts}</Td>
                    <Td label={t('staff.failureReason')} className="max-w-72 break-words text-xs text-muted-foreground">{r.failureReason}</Td>
                    <Td label={t('staff.requestedAt')} className="whitespace-nowrap">{when(r.createdAt)}</Td>
                    <Td>{isFinance && r.status === 'failed' && <RetryRefundButton refundId={r.id} orderNumber={r.orderNumber} amount={formatFen(r.amountFen)} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
