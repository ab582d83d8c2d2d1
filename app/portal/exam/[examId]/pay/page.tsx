import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ConfirmAndOrder, RefundButton } from '@/components/exam/order-step';
import { RefundSummary } from '@/components/exam/refund-summary';
import { formatFen as yuan } from '@/lib/modules/exam/money';
import { FormAlert } from '@/components/forms/field';
import { CancelOrderButton, ConfirmPaymentButton } from '@/components/payments/order-actions';
import { PayMethods } from '@/components/payments/pay-methods';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { paymentView, registrationDetails } from '@/lib/modules/exam/registration/services/candidate-views';
import { RegistrationDetails } from '@/components/exam/registration-details';
import { registrationProgress } from '@/lib/modules/exam/registration/services/registration';
import { loadCandidateExam } from '../load';

const requestTime = () => new Date();

/**
 * 网上缴费: the confirm page (all data + "我确认以上报考信息无误") → the order →
 * the cashier → back here with "支付完毕". After payment: receipt, change of
 * area, refund, admission ticket.
 */
export default async function ExamPayPage({ params, searchParams }: { params: Promise<{ examId: string }>; searchParams: Promise<{ payResult?: string; changed?: string }> }) {
  const { examId } = await params;
  const { payResult, changed } = await searchParams;
  const { db, exam, registration } = await loadCandidateExam(examId, `/portal/exam/${examId}/pay`);
  if (!registration || !['area', 'ordered', 'paid'].includes(registration.status) || !registration.areaId) redirect(`/portal/exam/${examId}`);
  const t = await getTranslations('exam');
  const f = await getFormatter();
  // What is offered (refund, change of area) follows the same rules the mutations apply.
  const [progress, view, details] = await Promise.all([registrationProgress(db, registration), paymentView(db, exam, registration, requestTime()), registrationDetails(db, registration)]);
  const { order, refund, refundUsed, paidOrder } = view;
  const self = `/portal/exam/${examId}/pay`;

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
          <RegistrationDetails details={details} testId="registration-summary" />

          {registration.status === 'area' && <ConfirmAndOrder registrationId={registration.id} />}

          {registration.status === 'ordered' && order && (
            <div className="flex flex-col gap-3 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="unpaid-order">
              <p className="text-sm">
                {t('pay.orderLine', { number: order.number, amount: yuan(order.amountFen), until: f.dateTime(order.expiresAt, 'datetime') })}
              </p>
              {payResult === 'failed' && <FormAlert message={t('pay.failed')} />}
              <div className="flex flex-wrap items-start gap-3">
                <PayMethods orderId={order.id} returnUrl={self} />
                <ConfirmPaymentButton orderId={order.id} />
                <CancelOrderButton orderId={order.id} description={t('pay.cancelBody')} />
              </div>
            </div>
          )}

          {registration.status === 'paid' && (
            <div className="flex flex-col gap-3" data-testid="paid-registration">
              {changed === 'area' && view.area && (
                <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="area-changed">
                  {t('pay.areaChanged', { name: view.area.name })}
                </p>
              )}
              <p className="flex items-center gap-2 text-sm">
                <Badge tone="success">{t('pay.paid')}</Badge>
              </p>
              {refund && <RefundSummary refund={refund} order={null} />}
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
                {view.canChangeArea && (
                  <Button asChild size="sm" variant="outline">
                    <Link href={`/portal/exam/${examId}/change-area`}>{t('pay.changeArea')}</Link>
                  </Button>
                )}
              </div>
              {view.canRefund && <RefundButton registrationId={registration.id} amount={yuan(progress.totalFen)} />}
              {!refund && refundUsed && <p className="text-sm text-muted-foreground">{t('pay.refundUsed')}</p>}
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
