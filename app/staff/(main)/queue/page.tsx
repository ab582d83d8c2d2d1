import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { BulkActions } from '@/components/workflow/bulk-actions';
import { BulkClaimForm } from '@/components/workflow/bulk-claim';
import { badgeTone, eventLabel, kindName, stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { findKind, getKind, queueCountsCached, queuePage, staffHref, staffKinds } from '@/lib/platform/workflow';
import { delegatedGrants } from '@/lib/platform/delegation';
import { assignableStaff, bulkTransitions } from '@/lib/platform/workflow/services/bulk';
import { cn } from '@/lib/utils';
import { PAGE_SIZES, queueFilterFrom, queueQuery } from './filters';
import { Table, Td, Th } from '@/components/ui/table';

/** The request's clock (a server component renders once per request). */
const requestTime = () => Date.now();

export async function generateMetadata() {
  return { title: (await getTranslations('workflow.queue'))('title') };
}

/** 申请受理: one queue for every kind the staff member's roles reach. */
export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor({ staff: true, next: '/staff/queue' });
  const kinds = staffKinds(actor).map(getKind);
  if (kinds.length === 0) return <Forbidden />;
  const t = await getTranslations();
  const f = await getFormatter();
  const filter = queueFilterFrom(await searchParams);
  const db = await getDb();
  const [page, counts] = await Promise.all([queuePage(db, actor, filter), queueCountsCached(db, actor, filter)]);
  const modules = [...new Set(kinds.map((k) => k.module))];
  const stateOptions = (filter.kind ? kinds.filter((k) => k.key === filter.kind) : kinds).flatMap((k) =>
    Object.entries(k.states)
      .filter(([, s]) => !s.hiddenFromStaff)
      .map(([s]) => ({ value: s, label: kinds.length > 1 && !filter.kind ? `${kindName(t, k.key)} · ${stateLabel(t, k.key, s)}` : stateLabel(t, k.key, s) })),
  );
  const now = requestTime();
  const { cursor: _cursor, ...withoutCursor } = filter;
  void _cursor;
  // Bulk decisions: offered once the list is narrowed to one kind in one state.
  const bulkKind = filter.kind && filter.status && kinds.some((k) => k.key === filter.kind) ? getKind(filter.kind) : null;
  const bulkStatus = bulkKind && filter.status && bulkKind.states[filter.status] && !bulkKind.states[filter.status].final && !bulkKind.states[filter.status].hiddenFromStaff ? filter.status : null;
  const bulk =
    bulkKind && bulkStatus && actor.kind === 'staff'
      ? {
          options: bulkTransitions(actor, bulkKind.key, bulkStatus, await delegatedGrants(db, actor.id, new Date(now))).map((o) => ({ ...o, label: eventLabel(t, bulkKind.key, o.event) })),
          staff: await assignableStaff(db, actor, bulkKind.key),
        }
      : null;
  const bulkMode = bulk !== null && (bulk.options.length > 0 || bulk.staff.length > 0);

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
          <div>
            <h1 className="text-base font-semibold">{t('workflow.queue.title')}</h1>
            <p className="text-sm text-muted-foreground">{t('workflow.queue.subtitle')}</p>
          </div>
          <Button asChild size="sm" variant="outline">
            <a href={`/staff/queue/export${queueQuery(withoutCursor)}`} download>
              <Download className="mr-1 h-4 w-4" aria-hidden />
              {t('workflow.queue.export')}
            </a>
          </Button>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form method="get" role="search" aria-label={t('workflow.queue.filters')} className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] items-end gap-2">
            {filter.due && <input type="hidden" name="due" value={filter.due} />}
            <div className="flex flex-col gap-1">
              <Label htmlFor="f-module">{t('workflow.queue.module')}</Label>
              <Select id="f-module" name="module" defaultValue={filter.module ?? ''} className="h-8">
                <option value="">{t('workflow.queue.all')}</option>
                {modules.map((m) => (
                  <option key={m} value={m}>
                    {t(`modules.${m}.name` as never)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="f-kind">{t('workflow.queue.kind')}</Label>
              <Select id="f-kind" name="kind" defaultValue={filter.kind ?? ''} className="h-8">
                <option value="">{t('workflow.queue.all')}</option>
                {kinds.map((k) => (
                  <option key={k.key} value={k.key}>
                    {kindName(t, k.key)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="f-status">{t('workflow.queue.status')}</Label>
              <Select id="f-status" name="status" defaultValue={filter.status ?? ''} className="h-8">
                <option value="">{t('workflow.queue.all')}</option>
                {stateOptions.map((o) => (
                  <option key={o.label} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="f-from">{t('workflow.queue.from')}</Label>
              <Input id="f-from" name="from" type="date" defaultValue={filter.from} className="h-8" />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="f-to">{t('workflow.queue.to')}</Label>
              <Input id="f-to" name="to" type="date" defaultValue={filter.to} className="h-8" />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="f-assignee">{t('workflow.queue.assignee')}</Label>
              <Select id="f-assignee" name="assignee" defaultValue={filter.assignee ?? ''} className="h-8">
                <option value="">{t('workflow.queue.all')}</option>
                <option value="me">{t('workflow.queue.assigneeMe')}</option>
                <option value="none">{t('workflow.queue.assigneeNone')}</option>
              </Select>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="f-limit">{t('console.bulk.pageSize')}</Label>
              <Select id="f-limit" name="limit" defaultValue={String(filter.limit ?? PAGE_SIZES[0])} className="h-8">
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            </div>
            <div className="col-span-full flex flex-col gap-1 sm:col-span-2">
              <Label htmlFor="f-q">{t('workflow.queue.search')}</Label>
              <div className="flex gap-2">
                <Input id="f-q" name="q" defaultValue={filter.q} className="h-8" maxLength={100} />
                <Button type="submit" size="sm">
                  {t('workflow.queue.apply')}
                </Button>
                <Button asChild size="sm" variant="outline">
                  <Link href="/staff/queue">{t('workflow.queue.reset')}</Link>
                </Button>
              </div>
            </div>
          </form>

          {counts.length > 0 && (
            <ul aria-label={t('workflow.queue.countsTitle')} className="flex flex-wrap gap-2" data-testid="queue-counts">
              {counts.map((c) => {
                const active = filter.status === c.status && (!filter.kind || filter.kind === c.kind);
                return (
                  <li key={`${c.kind}-${c.status}`}>
                    <Link
                      href={`/staff/queue${queueQuery(withoutCursor, { kind: c.kind, status: c.status })}`}
                      className={cn('inline-flex items-center gap-1 rounded-full border px-3 py-1 text-xs', active ? 'border-primary bg-primary-soft text-primary' : 'border-slate-200 hover:bg-slate-50')}
                    >
                      {kinds.length > 1 && <span className="text-muted-foreground">{kindName(t, c.kind)} ·</span>}
                      {stateLabel(t, c.kind, c.status)}
                      <span className="font-semibold tabular-nums">{c.n}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}

          {bulkMode && bulkKind && bulkStatus ? (
            <BulkActions id="bulk" kind={bulkKind.key} status={bulkStatus} kindLabel={kindName(t, bulkKind.key)} stateLabel={stateLabel(t, bulkKind.key, bulkStatus)} options={bulk!.options} staff={bulk!.staff} />
          ) : (
            <BulkClaimForm id="bulk-claim" />
          )}
          <Table stack className="min-w-[56rem] [&_td]:align-middle" data-testid="queue-table">
            <thead className="text-xs">
              <tr>
                <Th className="w-8">
                  <span className="sr-only">{t('workflow.queue.select')}</span>
                </Th>
                <Th>{t('workflow.queue.columns.number')}</Th>
                <Th>{t('workflow.queue.columns.kind')}</Th>
                <Th>{t('workflow.queue.columns.applicant')}</Th>
                <Th>{t('workflow.queue.columns.status')}</Th>
                <Th>{t('workflow.queue.columns.updatedAt')}</Th>
                <Th>{t('workflow.queue.columns.dueAt')}</Th>
                <Th>{t('workflow.queue.columns.assignee')}</Th>
                <Th>{t('workflow.queue.columns.actions')}</Th>
              </tr>
            </thead>
            <tbody>
              {page.rows.length === 0 && (
                <tr>
                  <Td colSpan={9} className="py-8 text-center text-muted-foreground">
                    {t('workflow.queue.empty')}
                  </Td>
                </tr>
              )}
              {page.rows.map((r) => {
                const overdue = r.dueAt !== null && r.dueAt.getTime() < now && !findKind(r.kind)?.states[r.status]?.final;
                return (
                  <tr key={r.id} className={cn(overdue && 'bg-red-50/60')}>
                    <Td className="min-w-0">
                      {bulkMode ? (
                        r.kind === bulkKind?.key && r.status === bulkStatus && (
                          <input type="checkbox" name="items" value={`${r.id}:${r.version}`} form="bulk" data-number={r.number} aria-label={t('workflow.queue.selectRow', { number: r.number })} className="h-4 w-4" />
                        )
                      ) : (
                        !r.assigneeId &&
                        !findKind(r.kind)?.states[r.status]?.final && (
                          <input type="checkbox" name="ids" value={r.id} form="bulk-claim" aria-label={t('workflow.queue.selectRow', { number: r.number })} className="h-4 w-4" />
                        )
                      )}
                    </Td>
                    <Td label={t('workflow.queue.columns.number')} className="font-mono text-xs">{r.number}</Td>
                    <Td label={t('workflow.queue.columns.kind')}>{kindName(t, r.kind)}</Td>
                    <Td label={t('workflow.queue.columns.applicant')}>{r.applicantName}</Td>
                    <Td label={t('workflow.queue.columns.status')}>
                      <Badge tone={badgeTone(findKind(r.kind)?.states[r.status]?.tone)}>{stateLabel(t, r.kind, r.status)}</Badge>
                    </Td>
                    <Td label={t('workflow.queue.columns.updatedAt')} className="whitespace-nowrap tabular-nums">{f.dateTime(r.updatedAt, 'datetime')}</Td>
                    <Td label={t('workflow.queue.columns.dueAt')} className={cn('whitespace-nowrap tabular-nums', overdue && 'font-semibold text-danger')}>
                      {r.dueAt ? f.dateTime(r.dueAt, 'date') : '—'}
                      {overdue && <span className="ml-1 text-xs">（{t('workflow.queue.overdue')}）</span>}
                    </Td>
                    <Td label={t('workflow.queue.columns.assignee')}>{r.assigneeName ?? <span className="text-muted-foreground">{t('workflow.review.unassigned')}</span>}</Td>
                    <Td label={t('workflow.queue.columns.actions')}>
                      <Link className="text-primary underline-offset-2 hover:underline" href={staffHref(r)}>
                        {t('workflow.queue.open')}
                        <span className="sr-only"> {r.number}</span>
                      </Link>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <div className="flex gap-2">
            {filter.cursor && (
              <Button asChild size="sm" variant="outline">
                <Link href={`/staff/queue${queueQuery(withoutCursor)}`}>{t('workflow.queue.first')}</Link>
              </Button>
            )}
            {page.next && (
              <Button asChild size="sm" variant="outline">
                <Link href={`/staff/queue${queueQuery(withoutCursor, { cursor: page.next })}`}>{t('workflow.queue.next')}</Link>
              </Button>
            )}
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
