import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Plus } from 'lucide-react';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { asStatus, examPhase, phaseTone, statusTone } from '@/components/exam-admin/labels';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { listStaffExams } from '@/lib/modules/exam/admin/services/list-exams';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('examAdmin'))('list.title') };
}

const requestTime = () => new Date();

/** 考试管理: every exam with its status, windows and registration counts. */
export default async function StaffExamsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const actor = await requireActor({ staff: true, next: '/staff/exams' });
  const t = await getTranslations('examAdmin');
  if (!canAdministerExams(actor)) return <Forbidden detail={t('noPermission')} />;
  const f = await getFormatter();
  const rows = await listStaffExams(await getDb(), actor);
  const now = requestTime();
  const { deleted } = await searchParams;
  const range = (a: Date | null, b: Date | null) => (a && b ? `${f.dateTime(a, 'datetime')} – ${f.dateTime(b, 'datetime')}` : t('detail.notSet'));

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">{t('list.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('list.intro')}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ExportButton href="/staff/exams/export" fallbackName="exams.xlsx" testId="exams-export" />
          <Button asChild size="sm">
            <Link href="/staff/exams/new">
              <Plus className="h-4 w-4" aria-hidden />
              {t('list.new')}
            </Link>
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {deleted === '1' && <FormAlert tone="success" message={t('list.deleted')} />}
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t('list.empty')}</p>
        ) : (
          <Table stack data-testid="staff-exam-table">
            <thead>
              <tr>
                <Th>{t('list.colName')}</Th>
                <Th>{t('list.colStatus')}</Th>
                <Th>{t('list.colPeriod')}</Th>
                <Th>{t('list.colRegistration')}</Th>
                <Th>{t('list.colRefund')}</Th>
                <Th className="text-right">{t('list.colRegistrations')}</Th>
                <Th className="text-right">{t('list.colPaid')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const status = asStatus(r.status);
                const phase = examPhase(r, now);
                return (
                  <tr key={r.id} data-testid="exam-row">
                    <Td label={t('list.colName')} className="max-w-sm">
                      <Link href={`/staff/exams/${r.id}`} className="font-medium text-primary hover:underline">
                        {r.name}
                      </Link>
                      {r.ticketsReleasedAt && <p className="text-xs text-muted-foreground">{t('list.ticketsReleased')}</p>}
                    </Td>
                    <Td label={t('list.colStatus')} className="whitespace-nowrap">
                      <span className="flex flex-wrap gap-1">
                        <Badge tone={statusTone[status]} data-testid="exam-status">
                          {t(`status.${status}`)}
                        </Badge>
                        {phase && <Badge tone={phaseTone[phase]}>{t(`phase.${phase}`)}</Badge>}
                      </span>
                    </Td>
                    <Td label={t('list.colPeriod')} className="whitespace-nowrap">{t('list.period', { start: r.periodStart, end: r.periodEnd })}</Td>
                    <Td label={t('list.colRegistration')} className="whitespace-nowrap text-xs">{range(r.registrationOpensAt, r.registrationClosesAt)}</Td>
                    <Td label={t('list.colRefund')} className="whitespace-nowrap text-xs">{range(r.refundOpensAt, r.refundClosesAt)}</Td>
                    <Td label={t('list.colRegistrations')} className="text-right tabular-nums">{r.registrations}</Td>
                    <Td label={t('list.colPaid')} className="text-right tabular-nums">{r.paid}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
