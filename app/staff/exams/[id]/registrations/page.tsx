import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { BatchPrint } from '@/components/certificates/batch-print';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { registrationTone } from '@/components/exam-admin/labels';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PAY_STATES, REGISTRATION_STATUSES } from '@/lib/modules/exam/admin/schemas';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { getStaffExam } from '@/lib/modules/exam/admin/services/list-exams';
import { listRegistrations, registrationFilterFrom, type RegistrationFilter } from '@/lib/modules/exam/admin/services/registrations';
import { formatFen } from '@/lib/modules/exam/money';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';

export async function generateMetadata() {
  return { title: (await getTranslations('examAdmin'))('registrations.title') };
}

/** The filter as a query string (also the export's), without defaults. */
function queryOf(f: Partial<RegistrationFilter>): string {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.pay) p.set('pay', f.pay);
  if (f.areaId) p.set('area', f.areaId);
  if (f.q) p.set('q', f.q);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** 报名名单: an exam's registrations with filters, masked ID numbers and mobiles, Excel export. */
export default async function ExamRegistrationsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/exams/${id}/registrations` });
  const t = await getTranslations('examAdmin');
  const tp = await getTranslations('console.dashboard.exam');
  if (!canAdministerExams(actor)) return <Forbidden detail={t('noPermission')} />;
  const db = await getDb();
  let exam;
  try {
    exam = await getStaffExam(db, actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  const filter = registrationFilterFrom(await searchParams);
  const { rows, total, page, pages, byStatus } = await listRegistrations(db, actor, id, filter);
  const f = await getFormatter();
  const base = `/staff/exams/${id}/registrations`;
  const released = exam.exam.ticketsReleasedAt !== null;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <Link href={`/staff/exams/${id}`} className="text-sm text-primary hover:underline">
            ← {t('form.backToExam')}
          </Link>
          <h1 className="text-base font-semibold">{t('registrations.title')}</h1>
          <p className="text-sm text-muted-foreground">{exam.exam.name}</p>
        </div>
        <ExportButton href={`${base}/export${queryOf({ ...filter, page: 1 })}`} fallbackName="exam-registrations.xlsx" testId="registrations-export" />
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ul className="flex flex-wrap gap-2 text-xs" aria-label={t('registrations.byStatus')}>
          {REGISTRATION_STATUSES.map((s) => (
            <li key={s}>
              <Link href={`${base}${queryOf({ ...filter, status: s, page: 1 })}`} className="hover:underline">
                <Badge tone={registrationTone[s]}>
                  {t(`regStatus.${s}`)} {byStatus[s]}
                </Badge>
              </Link>
            </li>
          ))}
        </ul>
        <form method="get" role="search" aria-label={t('registrations.filters')} className="grid grid-cols-2 gap-2 sm:grid-cols-5 lg:items-end">
          <div className="flex flex-col gap-1">
            <Label htmlFor="rf-status">{t('registrations.status')}</Label>
            <Select id="rf-status" name="status" defaultValue={filter.status ?? ''} className="h-8">
              <option value="">{t('registrations.all')}</option>
              {REGISTRATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`regStatus.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="rf-pay">{tp('payFilter')}</Label>
            <Select id="rf-pay" name="pay" defaultValue={filter.pay ?? ''} className="h-8">
              <option value="">{t('registrations.all')}</option>
              {PAY_STATES.map((s) => (
                <option key={s} value={s}>
                  {tp(s)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="rf-area">{t('registrations.area')}</Label>
            <Select id="rf-area" name="area" defaultValue={filter.areaId ?? ''} className="h-8">
              <option value="">{t('registrations.all')}</option>
              {exam.areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="col-span-2 flex flex-col gap-1">
            <Label htmlFor="rf-q">{t('registrations.search')}</Label>
            <div className="flex gap-2">
              <Input id="rf-q" name="q" type="search" defaultValue={filter.q} maxLength={50} placeholder={t('registrations.searchPlaceholder')} className="h-8" />
              <Button type="submit" size="sm">
                {t('registrations.apply')}
              </Button>
              <Button asChild size="sm" variant="outline">
                <Link href={base}>{t('registrations.reset')}</Link>
              </Button>
            </div>
          </div>
        </form>

        <p className="text-sm text-muted-foreground">{t('registrations.total', { total })}</p>
        {released ? (
          rows.length > 0 && <BatchPrint id="ticket-print" endpoint={`${base}/tickets`} what="tickets" testId="ticket-print" selectPage />
        ) : (
          <p className="text-xs text-muted-foreground">{t('registrations.ticketsNotReleasedHint')}</p>
        )}
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t('registrations.empty')}</p>
        ) : (
          <Table stack data-testid="registration-table">
            <thead>
              <tr>
                {released && (
                  <Th className="w-8">
                    <span className="sr-only">{t('registrations.colSelect')}</span>
                  </Th>
                )}
                <Th>{t('registrations.colName')}</Th>
                <Th>{t('registrations.colId')}</Th>
                <Th>{t('registrations.colMobile')}</Th>
                <Th>{t('registrations.colArea')}</Th>
                <Th>{t('registrations.colSubjects')}</Th>
                <Th className="text-right">{t('registrations.colAmount')}</Th>
                <Th>{t('registrations.colStatus')}</Th>
                <Th>{t('registrations.colCreated')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="registration-row">
                  {released && (
                    <Td>
                      <input
                        type="checkbox"
                        name="ids"
                        value={r.id}
                        form="ticket-print"
                        disabled={r.status !== 'paid' || !r.ticketNumber}
                        aria-label={t('registrations.selectRow', { name: r.name })}
                        className="h-4 w-4"
                      />
                    </Td>
                  )}
                  <Td label={t('registrations.colName')} className="whitespace-nowrap">
                    <Link href={`${base}/${r.id}`} className="font-medium text-primary hover:underline">
                      {r.name}
                    </Link>
                  </Td>
                  <Td label={t('registrations.colId')} className="whitespace-nowrap font-mono text-xs">{r.idNumber}</Td>
                  <Td label={t('registrations.colMobile')} className="whitespace-nowrap font-mono text-xs">{r.mobile}</Td>
                  <Td label={t('registrations.colArea')} className="whitespace-nowrap">{r.area ?? '—'}</Td>
                  <Td label={t('registrations.colSubjects')}>{r.subjects || '—'}</Td>
                  <Td label={t('registrations.colAmount')} className="text-right tabular-nums">{r.amountFen ? formatFen(r.amountFen) : '—'}</Td>
                  <Td label={t('registrations.colStatus')}>
                    <Badge tone={registrationTone[r.status] ?? 'neutral'}>{t(`regStatus.${r.status}` as never)}</Badge>
                  </Td>
                  <Td label={t('registrations.colCreated')} className="whitespace-nowrap">{f.dateTime(r.createdAt, 'datetime')}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <p className="text-xs text-muted-foreground">{t('registrations.maskedNote')}</p>

        {pages > 1 && (
          <nav aria-label={t('registrations.pagination')} className="flex items-center justify-between gap-2 text-sm">
            {page > 1 ? (
              <Link href={`${base}${queryOf({ ...filter, page: page - 1 })}`} className="text-primary hover:underline" rel="prev">
                {t('registrations.prev')}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-muted-foreground">{t('registrations.pageOf', { page, pages })}</span>
            {page < pages ? (
              <Link href={`${base}${queryOf({ ...filter, page: page + 1 })}`} className="text-primary hover:underline" rel="next">
                {t('registrations.next')}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </CardContent>
    </Card>
  );
}
