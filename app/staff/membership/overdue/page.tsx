import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, Settings } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { ACTION_TONE, DaysBadge, stageLabel } from '@/components/membership/overdue/present';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canManageMembership } from '@/lib/modules/membership/access';
import { nsT } from '@/lib/modules/membership/overdue/present';
import { listOverdue } from '@/lib/modules/membership/overdue/queries';
import { OVERDUE_TIMINGS, QUALIFICATION_STATES, parseOverdueFilter, type OverdueFilter } from '@/lib/modules/membership/overdue/schemas';
import { STAGE_ACTIONS } from '@/lib/modules/membership/overdue/stages';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('qualificationOverdue.staff'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

function queryString(p: OverdueFilter, page?: number): string {
  const entries = Object.entries({ q: p.q, status: p.status, stage: p.stage, timing: p.timing, page: page && page > 1 ? String(page) : undefined });
  return new URLSearchParams(entries.filter((e): e is [string, string] => Boolean(e[1]))).toString();
}

/** 年审逾期: enterprises whose annual review went through overdue stages (filters, Excel export, a link to handle each). */
export default async function OverdueReviewsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor({ staff: true, next: '/staff/membership/overdue' });
  if (!canManageMembership(actor)) return <Forbidden />;
  const t = nsT(await getTranslations());
  const tc = await getTranslations('common');
  const f = await getFormatter();
  const params = parseOverdueFilter(await searchParams);
  const { items, total, page, pages } = await listOverdue(await getDb(), actor, params);
  const qs = queryString(params);
  const time = (d: Date) => f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">{t('staff.title')}</h1>
          <p className="max-w-3xl text-sm text-muted-foreground">{t('staff.intro')}</p>
        </div>
        <Button asChild size="sm" variant="outline">
          <Link href="/staff/membership/overdue/settings">
            <Settings className="h-4 w-4" aria-hidden />
            {t('staff.settingsLink')}
          </Link>
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form method="get" role="search" aria-label={t('staff.filters')} className="flex flex-wrap items-end gap-3" data-testid="overdue-filters">
          <div className="flex min-w-56 flex-col gap-1">
            <Label htmlFor="overdue-q">{t('staff.query')}</Label>
            <Input id="overdue-q" name="q" defaultValue={params.q ?? ''} placeholder={t('staff.queryPlaceholder')} className="h-8" />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="overdue-status">{t('staff.status')}</Label>
            <Select id="overdue-status" name="status" defaultValue={params.status ?? ''} className="h-8">
              <option value="">{t('staff.allStatuses')}</option>
              {QUALIFICATION_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`staff.statuses.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="overdue-stage">{t('staff.stage')}</Label>
            <Select id="overdue-stage" name="stage" defaultValue={params.stage ?? ''} className="h-8">
              <option value="">{t('staff.allStages')}</option>
              {[...STAGE_ACTIONS, 'none'].map((s) => (
                <option key={s} value={s}>
                  {t(`staff.stageFilter.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="overdue-timing">{t('staff.timing')}</Label>
            <Select id="overdue-timing" name="timing" defaultValue={params.timing ?? ''} className="h-8">
              <option value="">{t('staff.allTimings')}</option>
              {OVERDUE_TIMINGS.map((s) => (
                <option key={s} value={s}>
                  {t(`staff.timings.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" size="sm">
            {tc('search')}
          </Button>
          <Button asChild size="sm" variant="outline">
            <Link href="/staff/membership/overdue">{tc('reset')}</Link>
          </Button>
          <Button asChild size="sm" variant="outline" className="ml-auto">
            <a href={`/staff/membership/overdue/export${qs ? `?${qs}` : ''}`} download data-testid="overdue-export">
              <Download className="h-4 w-4" aria-hidden />
              {t('staff.export')}
            </a>
          </Button>
        </form>

        {items.length === 0 ? (
          <p className="py-8 text-center text-sm text-muted-foreground">{t('staff.empty')}</p>
        ) : (
          <Table stack data-testid="overdue-list" className="text-[13px]">
            <thead>
              <tr>
                <Th>{t('staff.company')}</Th>
                <Th>{t('staff.level')}</Th>
                <Th>{t('staff.certificate')}</Th>
                <Th>{t('staff.dueOn')}</Th>
                <Th>{t('staff.daysOverdue')}</Th>
                <Th>{t('staff.stages')}</Th>
                <Th>{t('staff.review')}</Th>
                <Th>{t('staff.status')}</Th>
                <Th>
                  <span className="sr-only">{t('staff.handle')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.qualificationId} data-testid="overdue-row" data-company={r.company} data-status={r.status}>
                  <Td label={t('staff.company')} className="py-1.5">
                    <div className="font-medium">{r.company}</div>
                    {r.creditCode && <div className="font-mono text-[11px] text-muted-foreground">{r.creditCode}</div>}
                  </Td>
                  <Td label={t('staff.level')} className="whitespace-nowrap py-1.5">{r.level}</Td>
                  <Td label={t('staff.certificate')} className="py-1.5">
                    {r.certificate ? (
                      <div className="flex flex-col items-start gap-0.5">
                        <span className="font-mono text-xs">{r.certificate.number}</span>
                        <Badge tone={r.certificate.status === 'valid' ? 'success' : r.certificate.status === 'suspended' ? 'danger' : 'neutral'}>{t(`staff.certificateStatus.${r.certificate.status as 'valid'}`)}</Badge>
                      </div>
                    ) : (
                      <span className="text-muted-foreground">{t('staff.noCertificate')}</span>
                    )}
                  </Td>
                  <Td label={t('staff.dueOn')} className="whitespace-nowrap py-1.5">{r.dueOn}</Td>
                  <Td label={t('staff.daysOverdue')} className="whitespace-nowrap py-1.5">
                    <DaysBadge t={t} days={r.daysOverdue} />
                  </Td>
                  <Td label={t('staff.stages')} className="py-1.5">
                    {r.stages.length === 0 ? (
                      <span className="text-muted-foreground">{t('staff.noStages')}</span>
                    ) : (
                      <ul className="flex flex-col gap-0.5" data-testid="overdue-stages">
                        {r.stages.map((s) => (
                          <li key={s.id} className="flex flex-wrap items-center gap-1" data-stage={s.stage} data-reversed={s.reversedAt ? 'true' : undefined}>
                            <Badge tone={s.reversedAt ? 'neutral' : ACTION_TONE[s.action]} className={s.reversedAt ? 'line-through' : undefined}>
                              {stageLabel(t, s)}
                            </Badge>
                            <span className="text-[11px] text-muted-foreground">{time(s.firedAt)}</span>
                            {s.reversedAt && <span className="text-[11px] text-muted-foreground">（{t('staff.reversedMark')}）</span>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </Td>
                  <Td label={t('staff.review')} className="whitespace-nowrap py-1.5">{r.reviewSubmitted ? <Badge tone="success">{t('staff.reviewSubmitted')}</Badge> : <Badge tone="neutral">{t('staff.reviewMissing')}</Badge>}</Td>
                  <Td label={t('staff.status')} className="whitespace-nowrap py-1.5">
                    <Badge tone={r.status === 'suspended' ? 'danger' : 'success'}>{t(`staff.statuses.${r.status}`)}</Badge>
                  </Td>
                  <Td className="whitespace-nowrap py-1.5">
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/staff/membership/overdue/${r.qualificationId}`}>{t('staff.handle')}</Link>
                    </Button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <nav aria-label={t('staff.pagination')} className="flex items-center gap-2 text-sm text-muted-foreground">
          <span>{t('staff.pageOf', { page, total })}</span>
          {page > 1 && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/staff/membership/overdue?${queryString(params, page - 1)}`}>{t('staff.prevPage')}</Link>
            </Button>
          )}
          {page < pages && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/staff/membership/overdue?${queryString(params, page + 1)}`}>{t('staff.nextPage')}</Link>
            </Button>
          )}
        </nav>
      </CardContent>
    </Card>
  );
}
