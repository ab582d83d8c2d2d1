import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { AreasEditor } from '@/components/exam-admin/areas-editor';
import { ExamActions } from '@/components/exam-admin/exam-actions';
import { asStatus, examPhase, phaseTone, statusTone } from '@/components/exam-admin/labels';
import { SessionsEditor } from '@/components/exam-admin/sessions-editor';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { areaCityGroups, areaCityLabel } from '@/lib/modules/exam/admin/cities';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { getStaffExam } from '@/lib/modules/exam/admin/services/list-exams';
import { fenToYuanInput, formatFen } from '@/lib/modules/exam/money';
import { dateToShanghaiLocal } from '@/lib/modules/exam/time';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';

export async function generateMetadata() {
  return { title: (await getTranslations('examAdmin'))('detail.title') };
}

const requestTime = () => new Date();

/** One exam: its windows and counts, the publishing steps, and the session / subject / area editors. */
export default async function StaffExamPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/exams/${id}` });
  const t = await getTranslations('examAdmin');
  const tAll = await getTranslations();
  if (!canAdministerExams(actor)) return <Forbidden detail={t('noPermission')} />;
  let data;
  try {
    data = await getStaffExam(await getDb(), actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const f = await getFormatter();
  const sp = await searchParams;
  const { exam } = data;
  const now = requestTime();
  const status = asStatus(exam.status);
  const phase = examPhase(exam, now);
  const range = (a: Date | null, b: Date | null) => (a && b ? `${f.dateTime(a, 'datetime')} – ${f.dateTime(b, 'datetime')}` : t('detail.notSet'));
  const time = (d: Date) => f.dateTime(d, { hour: '2-digit', minute: '2-digit', hour12: false });

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-col gap-2">
          <Link href="/staff/exams" className="text-sm text-primary hover:underline">
            ← {t('form.backToList')}
          </Link>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-base font-semibold">{exam.name}</h1>
            <Badge tone={statusTone[status]} data-testid="exam-status">
              {t(`status.${status}`)}
            </Badge>
            {phase && <Badge tone={phaseTone[phase]}>{t(`phase.${phase}`)}</Badge>}
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {sp.created === '1' && <FormAlert tone="success" message={t('detail.created')} />}
          {sp.saved === '1' && <FormAlert tone="success" message={t('detail.saved')} />}
          <ExamActions
            id={exam.id}
            name={exam.name}
            status={status}
            registrations={data.registrations}
            publishNeeds={data.publishProblems.map((k) => tAll(k as never))}
            ticketsReleased={!!exam.ticketsReleasedAt}
            registrationClosed={now >= exam.registrationClosesAt}
          />
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="exam-summary">
            <Item label={t('detail.period')} value={t('list.period', { start: exam.periodStart, end: exam.periodEnd })} />
            <Item label={t('detail.registration')} value={range(exam.registrationOpensAt, exam.registrationClosesAt)} />
            <Item label={t('detail.refund')} value={range(exam.refundOpensAt, exam.refundClosesAt)} />
            <Item label={t('detail.areaChange')} value={range(exam.areaChangeOpensAt, exam.areaChangeClosesAt)} />
            <Item label={t('detail.orderTtl')} value={t('detail.minutes', { minutes: exam.orderTtlMinutes })} />
            <Item label={t('detail.counts')} value={t('detail.countsValue', { registrations: data.registrations, paid: data.paid })} />
            <Item label={t('detail.tickets')} value={exam.ticketsReleasedAt ? t('detail.ticketsReleasedAt', { time: f.dateTime(exam.ticketsReleasedAt, 'datetime') }) : t('detail.ticketsNotReleased')} />
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('sessions.title')}</CardTitle>
          <p className="text-sm text-muted-foreground">{t('sessions.intro')}</p>
        </CardHeader>
        <CardContent>
          <SessionsEditor
            examId={exam.id}
            frozen={data.frozen}
            period={{ start: exam.periodStart, end: exam.periodEnd }}
            sessions={data.sessions.map((s) => ({
              id: s.id,
              name: s.name,
              startsAt: dateToShanghaiLocal(s.startsAt),
              endsAt: dateToShanghaiLocal(s.endsAt),
              timeLabel: `${f.dateTime(s.startsAt, 'datetime')} – ${time(s.endsAt)}`,
              subjects: s.subjects.map((x) => ({ id: x.id, code: x.code, name: x.name, fee: fenToYuanInput(x.feeFen), feeLabel: formatFen(x.feeFen) })),
            }))}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('areas.title')}</CardTitle>
          <p className="text-sm text-muted-foreground">{t('areas.intro')}</p>
        </CardHeader>
        <CardContent>
          <AreasEditor
            examId={exam.id}
            cities={areaCityGroups()}
            areas={data.areas.map((a) => ({ id: a.id, name: a.name, regionCode: a.regionCode ?? '', cityLabel: areaCityLabel(a.regionCode), capacity: a.capacity, taken: a.taken, remaining: a.remaining }))}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('detail.notice')}</CardTitle>
        </CardHeader>
        <CardContent>
          <div className="flex flex-col gap-3 text-sm leading-6" data-testid="exam-notice">
            {exam.notice.split(/\n{2,}/).map((p, i) => (
              <p key={i} className="whitespace-pre-line">
                {p}
              </p>
            ))}
          </div>
        </CardContent>
      </Card>
    </div>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
