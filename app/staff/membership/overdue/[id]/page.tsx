import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { ExtendDueForm } from '@/components/membership/overdue/extend-due-form';
import { ACTION_TONE, DaysBadge, stageLabel } from '@/components/membership/overdue/present';
import { ReverseStageButton } from '@/components/membership/overdue/reverse-stage-button';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { canManageMembership } from '@/lib/modules/membership/access';
import { extensionBounds } from '@/lib/modules/membership/overdue/handling';
import { nsT, stageName } from '@/lib/modules/membership/overdue/present';
import { overdueDetail, type StageRow } from '@/lib/modules/membership/overdue/queries';
import { ANNUAL_REVIEW_KIND } from '@/lib/modules/membership/overdue/review';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('qualificationOverdue.staff'))('title') };
}

const STATE_TONE = { fired: 'warning', reversed: 'neutral', passed: 'neutral', upcoming: 'primary' } as const;

/** 年审逾期 → 处理: one qualification's cycle stage by stage (reverse a fired stage), the due-date extension, earlier cycles and its annual reviews. */
export default async function OverdueDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/membership/overdue/${id}` });
  if (!canManageMembership(actor)) return <Forbidden />;
  const all = await getTranslations();
  const t = nsT(all);
  const f = await getFormatter();
  const d = await overdueDetail(await getDb(), actor, id);
  if (!d) notFound();
  const time = (x: Date) => f.dateTime(x, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = (x: Date) => f.dateTime(x, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const bounds = extensionBounds(d.dueOn);
  const configured = new Set(d.plan.map((p) => p.key));
  const unconfigured = d.stages.filter((s) => !configured.has(s.stage));
  const rowOf = (stageId?: string) => d.stages.find((s) => s.id === stageId);

  const reversal = (s: StageRow) => (s.reversedAt ? <p className="text-xs text-muted-foreground">{t('staff.detail.reversedBy', { name: s.reversedBy ?? '—', time: time(s.reversedAt), reason: s.reverseReason ?? '' })}</p> : null);

  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <Link href="/staff/membership/overdue" className="inline-flex items-center gap-1 text-sm text-primary hover:underline">
          <ArrowLeft className="h-4 w-4" aria-hidden />
          {t('staff.detail.back')}
        </Link>
        <h1 className="mt-1 text-lg font-semibold">{d.company}</h1>
      </div>

      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('staff.detail.overview')}</h2>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3" data-testid="overdue-overview">
            <div>
              <dt className="text-muted-foreground">{t('staff.creditCode')}</dt>
              <dd className="font-mono">{d.creditCode ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('staff.level')}</dt>
              <dd>{d.level}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('staff.certificate')}</dt>
              <dd className="flex items-center gap-1">
                {d.certificate ? (
                  <>
                    <span className="font-mono">{d.certificate.number}</span>
                    <Badge tone={d.certificate.status === 'valid' ? 'success' : d.certificate.status === 'suspended' ? 'danger' : 'neutral'}>{t(`staff.certificateStatus.${d.certificate.status as 'valid'}`)}</Badge>
                  </>
                ) : (
                  t('staff.noCertificate')
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('staff.dueOn')}</dt>
              <dd className="flex items-center gap-2">
                {d.dueOn} <DaysBadge t={t} days={d.daysOverdue} />
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('staff.status')}</dt>
              <dd className="flex items-center gap-2" data-testid="overdue-status">
                <Badge tone={d.status === 'suspended' ? 'danger' : 'success'}>{t(`staff.statuses.${d.status}`)}</Badge>
                {d.suspendedAt && <span className="text-xs text-muted-foreground">{t('staff.detail.suspendedAt')} {time(d.suspendedAt)}</span>}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('staff.review')}</dt>
              <dd>{d.reviewSubmitted ? <Badge tone="success">{t('staff.reviewSubmitted')}</Badge> : <Badge tone="neutral">{t('staff.reviewMissing')}</Badge>}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('staff.detail.validUntil')}</dt>
              <dd>{day(d.validUntil)}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('staff.detail.plan', { dueOn: d.dueOn })}</h2>
          <p className="text-sm text-muted-foreground">{t('staff.detail.planIntro')}</p>
        </CardHeader>
        <CardContent>
          <Table stack data-testid="overdue-plan" className="text-[13px]">
            <thead>
              <tr>
                <Th>{t('staff.detail.stage')}</Th>
                <Th>{t('staff.detail.day')}</Th>
                <Th>{t('staff.detail.state')}</Th>
                <Th>
                  <span className="sr-only">{t('staff.handle')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {d.plan.map((p) => {
                const row = rowOf(p.stageId);
                const name = stageName(t, p);
                return (
                  <tr key={p.key} data-testid="overdue-plan-row" data-stage={p.key} data-state={p.state}>
                    <Td label={t('staff.detail.stage')} className="py-1.5">
                      <Badge tone={ACTION_TONE[p.action]}>{name}</Badge>
                      <span className="ml-1 font-mono text-[11px] text-muted-foreground">{p.key}</span>
                    </Td>
                    <Td label={t('staff.detail.day')} className="whitespace-nowrap py-1.5">{p.day}</Td>
                    <Td label={t('staff.detail.state')} className="py-1.5">
                      <Badge tone={STATE_TONE[p.state]}>{t(`staff.detail.states.${p.state}`)}</Badge>
                      {p.firedAt && <span className="ml-1 text-xs text-muted-foreground">{t('staff.detail.firedAt', { time: time(p.firedAt) })}</span>}
                      {p.state === 'passed' && <span className="ml-1 text-xs text-muted-foreground">{t('staff.detail.passedHint')}</span>}
                      {row && reversal(row)}
                    </Td>
                    <Td className="py-1.5">{row && !row.reversedAt && <ReverseStageButton stageId={row.id} stageName={name} action={row.action} />}</Td>
                  </tr>
                );
              })}
              {unconfigured.map((s) => (
                <tr key={s.id} data-testid="overdue-plan-row" data-stage={s.stage} data-state={s.reversedAt ? 'reversed' : 'fired'}>
                  <Td label={t('staff.detail.stage')} className="py-1.5">
                    <Badge tone={ACTION_TONE[s.action]}>{stageLabel(t, s)}</Badge>
                    <span className="ml-1 text-[11px] text-muted-foreground">{t('staff.detail.unconfigured')}</span>
                  </Td>
                  <Td label={t('staff.detail.day')} className="py-1.5">—</Td>
                  <Td label={t('staff.detail.state')} className="py-1.5">
                    <Badge tone={s.reversedAt ? 'neutral' : 'warning'}>{t(`staff.detail.states.${s.reversedAt ? 'reversed' : 'fired'}`)}</Badge>
                    <span className="ml-1 text-xs text-muted-foreground">{t('staff.detail.firedAt', { time: time(s.firedAt) })}</span>
                    {reversal(s)}
                  </Td>
                  <Td className="py-1.5">{!s.reversedAt && <ReverseStageButton stageId={s.id} stageName={stageLabel(t, s)} action={s.action} />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('staff.detail.extend')}</h2>
        </CardHeader>
        <CardContent>
          <ExtendDueForm qualificationId={d.qualificationId} dueOn={d.dueOn} min={bounds.min} max={bounds.max} suspended={d.status === 'suspended'} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('staff.detail.reviews')}</h2>
        </CardHeader>
        <CardContent>
          {d.reviews.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('staff.detail.noReviews')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {d.reviews.map((r) => (
                <li key={r.id} className="flex items-center justify-between py-2">
                  <Link href={`/staff/applications/${r.id}`} className="font-mono text-primary hover:underline">
                    {r.number}
                  </Link>
                  <span className="flex items-center gap-2 text-xs text-muted-foreground">
                    {r.submittedAt && `${t('staff.detail.submittedAt')} ${time(r.submittedAt)}`}
                    <Badge tone="neutral">{stateLabel(all, ANNUAL_REVIEW_KIND, r.status)}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      {d.history.length > 0 && (
        <Card>
          <CardHeader>
            <h2 className="text-sm font-semibold">{t('staff.detail.history')}</h2>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {d.history.map((c) => (
              <section key={c.cycleDueOn}>
                <h3 className="mb-1 text-sm font-medium">{t('staff.detail.cycle', { dueOn: c.cycleDueOn })}</h3>
                <ul className="flex flex-col gap-1 text-sm">
                  {c.stages.map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center gap-2">
                      <Badge tone={s.reversedAt ? 'neutral' : ACTION_TONE[s.action]}>{stageLabel(t, s)}</Badge>
                      <span className="text-xs text-muted-foreground">{t('staff.detail.firedAt', { time: time(s.firedAt) })}</span>
                      {reversal(s)}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </CardContent>
        </Card>
      )}
    </div>
  );
}
