import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Check } from 'lucide-react';
import { NoticeAcceptance } from '@/components/exam/registration-forms';
import { RefundSummary } from '@/components/exam/refund-summary';
import { formatFen as yuan } from '@/lib/modules/exam/money';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { registrationOpen } from '@/lib/modules/exam/catalog';
import { frozenReason, registrationProgress } from '@/lib/modules/exam/registration/services/registration';
import { registrationArea } from '@/lib/modules/exam/registration/services/candidate-views';
import { cn } from '@/lib/utils';
import { loadCandidateExam } from './load';

const STEP_HREF = { info: 'info', subjects: 'subjects', area: 'area', payment: 'pay' } as const;

/** The process page (信息维护 → 选择科目 → 选择考区 → 网上缴费), each step marked done or not. */
export default async function ExamProcessPage({ params, searchParams }: { params: Promise<{ examId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { examId } = await params;
  const savedParam = (await searchParams).saved;
  // After 保存 on a step page the candidate comes back here (seed 003: 保存成功后跳转到报考流程页面).
  const saved = savedParam === 'info' || savedParam === 'subjects' || savedParam === 'area' ? savedParam : null;
  const { db, exam, registration, refunded } = await loadCandidateExam(examId, `/portal/exam/${examId}`);
  const t = await getTranslations('exam');
  if (!registration) {
    const open = registrationOpen(exam);
    return (
      <div className="flex max-w-3xl flex-col gap-4">
        <Link href="/portal/exam" className="text-sm text-primary">
          {t('process.back')}
        </Link>
        {refunded?.refund && (
          <Card>
            <CardHeader>
              <h1 className="text-xl font-semibold">{exam.name}</h1>
              <CardTitle className="mt-2">{t('refundSummary.title')}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <RefundSummary refund={refunded.refund} order={refunded.order} />
              <Link href={`/portal/exam/${exam.id}/registration`} className="text-sm text-primary hover:underline">
                {t('home.view')}
              </Link>
            </CardContent>
          </Card>
        )}
        {(open || !refunded) && (
          <Card>
            <CardHeader>
              {!refunded && <h1 className="text-xl font-semibold">{exam.name}</h1>}
              <CardTitle className="mt-2">{t('process.noticeTitle')}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <div
                // A scroll box: focusable and named, so the notice can be read and scrolled with the keyboard.
                tabIndex={0}
                role="region"
                aria-label={t('process.noticeTitle')}
                data-print-scroll
                className="max-h-96 overflow-y-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
                data-testid="candidate-notice"
              >
                {exam.notice}
              </div>
              {open ? <NoticeAcceptance examId={exam.id} /> : <p className="text-sm text-danger">{t('errors.windowClosed')}</p>}
            </CardContent>
          </Card>
        )}
      </div>
    );
  }
  const progress = await registrationProgress(db, registration);
  const area = await registrationArea(db, registration);
  const frozen = frozenReason(registration, exam);
  const editable = frozen === null;
  const order = ['info', 'subjects', 'area', 'payment'] as const;
  // What each step's button says: fill in, change (while editable), view (frozen), pay (an unpaid order).
  const action = (k: (typeof order)[number], done: boolean) => {
    if (k === 'payment') return registration.status === 'paid' ? 'view' : registration.status === 'ordered' ? 'pay' : 'go';
    if (!editable) return done ? 'view' : null;
    return done ? 'edit' : 'go';
  };
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/portal/exam" className="text-sm text-primary">
          {t('process.back')}
        </Link>
        <Link href={`/portal/exam/${exam.id}/registration`} className="text-sm text-primary hover:underline">
          {t('home.view')}
        </Link>
      </div>
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">{exam.name}</h1>
          <CardTitle className="mt-1">{t('process.title')}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ol className="grid gap-2 sm:grid-cols-4" data-testid="exam-steps">
            {order.map((k, i) => {
              const done = progress.steps[k];
              const act = action(k, done);
              return (
                <li key={k} data-done={done || undefined} className={cn('flex flex-col gap-2 rounded-md border p-3', done ? 'border-primary bg-primary-soft/40' : 'border-slate-200')}>
                  <span className="flex items-center gap-2 text-sm font-medium">
                    <span className={cn('flex h-6 w-6 items-center justify-center rounded-full text-xs', done ? 'bg-primary text-white' : 'bg-slate-200 text-slate-600')}>{done ? <Check className="h-3.5 w-3.5" aria-hidden /> : i + 1}</span>
                    {t(`process.steps.${k}`)}
                  </span>
                  <span className="text-xs text-muted-foreground">{done ? t('process.done') : t('process.todo')}</span>
                  {act && (
                    <Button asChild size="sm" variant={act === 'go' || act === 'pay' ? 'default' : 'outline'}>
                      <Link href={`/portal/exam/${exam.id}/${STEP_HREF[k]}`}>
                        {t(`process.${act}`)}
                        <span className="sr-only"> {t(`process.steps.${k}`)}</span>
                      </Link>
                    </Button>
                  )}
                </li>
              );
            })}
          </ol>
          {saved && (
            <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="step-saved">
              {t(`process.saved.${saved}`)}
            </p>
          )}
          {frozen && (
            <p className="text-sm text-muted-foreground" data-testid="frozen-reason">
              {t(`frozen.${frozen}`)}
            </p>
          )}
          {progress.subjects.length > 0 && (
            <div className="text-sm">
              <h2 className="font-medium">{t('process.chosenSubjects')}</h2>
              <ul className="mt-1 list-disc pl-5">
                {progress.subjects.map((s) => (
                  <li key={s.id}>
                    {s.code} {s.name} {yuan(s.feeFen)}
                  </li>
                ))}
              </ul>
              <p className="mt-1 font-semibold">{t('process.total', { amount: yuan(progress.totalFen) })}</p>
            </div>
          )}
          {area && <p className="text-sm">{t('process.chosenArea', { name: area.name })}</p>}
        </CardContent>
      </Card>
    </div>
  );
}
