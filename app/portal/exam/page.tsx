import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { formatFen } from '@/lib/modules/exam/money';
import { examsForCandidate, photoConfirmed, type CandidateExamState } from '@/lib/modules/exam/registration/services/candidate-views';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

const TONE: Record<CandidateExamState, 'neutral' | 'primary' | 'success' | 'warning' | 'danger'> = {
  none: 'neutral',
  filling: 'warning',
  ordered: 'warning',
  paid: 'success',
  refundRequested: 'warning',
  ticketReady: 'primary',
  ended: 'neutral',
  refunded: 'neutral',
};

/**
 * Module D home: the ID photo, then the exams open for registration and every
 * exam the candidate registered for — also after its registration closed —
 * each with their state (未报考 / 报名中 / 待支付 / 已缴费 / 准考证可打印 /
 * 已退费 with amount and time / 考试已结束) and what can be done from here:
 * register, continue, view the registration, print the admission ticket.
 */
export default async function ExamHome() {
  const actor = await requireActor({ next: '/portal/exam' });
  const t = await getTranslations();
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'exam' })) return <Forbidden detail={t('portal.moduleForbidden', { module: t('modules.exam.name') })} />;
  const f = await getFormatter();
  const db = await getDb();
  const [list, photo] = await Promise.all([examsForCandidate(db, actor.id), photoConfirmed(db, actor.id)]);
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <h1 className="text-xl font-semibold">{t('exam.home.title')}</h1>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>{t('exam.home.photoTitle')}</CardTitle>
          <Button asChild size="sm" variant={photo ? 'outline' : 'default'}>
            <Link href="/portal/exam/photo">{t('exam.home.photoLink')}</Link>
          </Button>
        </CardHeader>
        <CardContent>
          <p className={photo ? 'text-sm text-green-700' : 'text-sm text-amber-700'} data-testid="photo-status">
            {photo ? t('exam.home.photoDone') : t('exam.home.photoMissing')}
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('exam.home.openTitle')}</CardTitle>
          <p className="text-sm text-muted-foreground">{t('exam.home.listHint')}</p>
        </CardHeader>
        <CardContent>
          {list.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t('exam.home.none')}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="open-exams">
              {list.map(({ exam, open, registration, state, refund }) => {
                const live = registration && registration.status !== 'refunded';
                return (
                  <li key={exam.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-state={state} data-exam-id={exam.id}>
                    <div className="flex min-w-0 flex-col gap-1">
                      <span className="font-medium">{exam.name}</span>
                      <span className="text-xs text-muted-foreground">
                        {t('exam.home.window', { from: f.dateTime(exam.registrationOpensAt, 'datetime'), to: f.dateTime(exam.registrationClosesAt, 'datetime') })}
                        {!open && ` ${t('exam.home.closed')}`}
                      </span>
                      <span className="text-xs text-muted-foreground">{t('exam.home.period', { from: exam.periodStart, to: exam.periodEnd })}</span>
                      {refund && (
                        <span className="text-xs text-slate-700" data-testid="exam-refund">
                          {refund.status === 'refunded'
                            ? t('exam.home.refundDone', { amount: formatFen(refund.amountFen), at: f.dateTime(refund.refundedAt ?? refund.requestedAt, 'datetime') })
                            : t('exam.home.refundPending', { amount: formatFen(refund.amountFen), at: f.dateTime(refund.requestedAt, 'datetime') })}
                        </span>
                      )}
                    </div>
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone={TONE[state]} data-testid="exam-state">
                        {t(`exam.home.state.${state}`)}
                      </Badge>
                      {state === 'ticketReady' && registration && (
                        <Button asChild size="sm">
                          {/* A generated file: a plain link (no prefetch), opened in a new tab. */}
                          <a href={`/api/exam/registrations/${registration.id}/ticket`} target="_blank" rel="noopener" data-testid="exam-ticket">
                            {t('exam.pay.ticket')}
                          </a>
                        </Button>
                      )}
                      {registration && (
                        <Button asChild size="sm" variant="outline">
                          <Link href={`/portal/exam/${exam.id}/registration`}>{t('exam.home.view')}</Link>
                        </Button>
                      )}
                      {live ? (
                        <Button asChild size="sm" variant={state === 'filling' || state === 'ordered' ? 'default' : 'outline'}>
                          <Link href={`/portal/exam/${exam.id}`}>{t('exam.home.continue')}</Link>
                        </Button>
                      ) : open ? (
                        <Button asChild size="sm">
                          <Link href={`/portal/exam/${exam.id}`}>{registration ? t('exam.home.registerAgain') : t('exam.home.register')}</Link>
                        </Button>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
