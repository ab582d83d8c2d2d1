import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { eq } from 'drizzle-orm';
import { ConfirmAndOrder, RefundButton } from '@/components/exam/order-step';
import { areaChangeOpen, refundOpen } from '@/lib/modules/exam/catalog';
import { formatFen as yuan } from '@/lib/modules/exam/money';
import { FormAlert } from '@/components/forms/field';
import { CancelOrderButton, ConfirmPaymentButton, PayButton } from '@/components/payments/order-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { examAreas, orders, refunds } from '@/db/schema';
import { EXAM_REFUND_SCOPE, liveOrder } from '@/lib/modules/exam/registration/services/order';
import { registrationProgress } from '@/lib/modules/exam/registration/services/registration';
import type { RegistrationInfo } from '@/lib/modules/exam/registration/schemas';
import { and, desc } from 'drizzle-orm';
import { loadCandidateExam } from '../load';

const requestTime = () => Date.now();

/**
 * 网上缴费: the confirm page (all data + "我确认以上报考信息无误") → the order →
 * the cashier → back here with "支付完毕". After payment: receipt, change of
 * area, refund, admission ticket.
 */
export default async function ExamPayPage({ params, searchParams }: { params: Promise<{ examId: string }>; searchParams: Promise<{ payResult?: string }> }) {
  const { examId } = await params;
  const { payResult } = await searchParams;
  const { db, exam, registration } = await loadCandidateExam(examId, `/portal/exam/${examId}/pay`);
  if (!registration || !['area', 'ordered', 'paid'].includes(registration.status) || !registration.areaId) redirect(`/portal/exam/${examId}`);
  const t = await getTranslations('exam');
  const f = await getFormatter();
  const [progress, [area], order] = await Promise.all([
    registrationProgress(db, registration),
    db.select().from(examAreas).where(eq(examAreas.id, registration.areaId)),
    liveOrder(db, registration.id),
  ]);
  const [refund] = order ? await db.select().from(refunds).where(eq(refunds.orderId, order.id)) : [];
  // One exam refund per person, ever: once used, no refund is offered again.
  const [usedRefund] = await db.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.userId, registration.userId), eq(refunds.scope, EXAM_REFUND_SCOPE)));
  const info = registration.info as RegistrationInfo;
  const now = requestTime();
  const self = `/portal/exam/${examId}/pay`;
  // The order that was paid for this registration (for the receipt), also after a refund request.
  const [paidOrder] = registration.status === 'paid' ? await db.select().from(orders).where(and(eq(orders.subjectId, registration.id), eq(orders.status, 'paid'))).orderBy(desc(orders.createdAt)).limit(1) : [];

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <Link href={`/portal/exam/${examId}`} className="text-sm text-primary">
        {t('pay.back')}
      </Link>
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">{t('pay.title')}</h1>
          <p className="text-sm text-muted-foreground">{exam.name}</p>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <dl className="grid grid-cols-2 gap-2 text-sm" data-testid="registration-summary">
            <div>
              <dt className="text-xs text-muted-foreground">{t('info.mobile')}</dt>
              <dd>{info.mobile}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('info.email')}</dt>
              <dd>{info.email}</dd>
            </div>
            <div className="col-span-2">
              <dt className="text-xs text-muted-foreground">{t('info.address')}</dt>
              <dd>{info.address}</dd>
            </div>
            <div className="col-span-2">
              <dt className="text-xs text-muted-foreground">{t('process.chosenSubjects')}</dt>
              <dd>
                <ul className="list-disc pl-5">
                  {progress.subjects.map((s) => (
                    <li key={s.id}>
                      {s.code} {s.name} {yuan(s.feeFen)}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('area.title')}</dt>
              <dd>{area?.name}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('pay.amount')}</dt>
              <dd className="text-base font-semibold" data-testid="pay-amount">
                {yuan(progress.totalFen)}
              </dd>
            </div>
          </dl>

          {registration.status === 'area' && <ConfirmAndOrder registrationId={registration.id} />}

          {registration.status === 'ordered' && order && (
            <div className="flex flex-col gap-3 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="unpaid-order">
              <p className="text-sm">
                {t('pay.orderLine', { number: order.number, amount: yuan(order.amountFen), until: f.dateTime(order.expiresAt, 'datetime') })}
              </p>
              {payResult === 'failed' && <FormAlert message={t('pay.failed')} />}
              <div className="flex flex-wrap items-start gap-3">
                <PayButton orderId={order.id} returnUrl={self} />
                <ConfirmPaymentButton orderId={order.id} />
                <CancelOrderButton orderId={order.id} description={t('pay.cancelBody')} />
              </div>
            </div>
          )}

          {registration.status === 'paid' && (
            <div className="flex flex-col gap-3" data-testid="paid-registration">
              <p className="flex items-center gap-2 text-sm">
                <Badge tone="success">{t('pay.paid')}</Badge>
                {refund && <Badge tone={refund.status === 'failed' ? 'danger' : 'warning'}>{t(`pay.refundStatus.${refund.status === 'processing' ? 'requested' : refund.status}` as never)}</Badge>}
              </p>
              <div className="flex flex-wrap gap-2">
                {paidOrder && (
                  <Button asChild size="sm" variant="outline">
                    <a href={`/api/payments/orders/${paidOrder.id}/receipt`} target="_blank" rel="noopener">
                      {t('pay.receipt')}
                    </a>
                  </Button>
                )}
                {exam.ticketsReleasedAt && (
                  <Button asChild size="sm" variant="outline">
                    <a href={`/api/exam/registrations/${registration.id}/ticket`} target="_blank" rel="noopener">
                      {t('pay.ticket')}
                    </a>
                  </Button>
                )}
                {areaChangeOpen(exam, new Date(now)) && (
                  <Button asChild size="sm" variant="outline">
                    <Link href={`/portal/exam/${examId}/change-area`}>{t('pay.changeArea')}</Link>
                  </Button>
                )}
              </div>
              {!refund && !usedRefund && refundOpen(exam, new Date(now)) && <RefundButton registrationId={registration.id} amount={yuan(progress.totalFen)} />}
              {!refund && usedRefund && <p className="text-sm text-muted-foreground">{t('pay.refundUsed')}</p>}
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
