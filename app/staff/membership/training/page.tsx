import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Plus } from 'lucide-react';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { phaseTone, statusTone } from '@/components/membership/staff/course-labels';
import { EnrollmentNoticeForm } from '@/components/membership/staff/notice-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canManageTraining } from '@/lib/modules/membership/staff/access';
import { coursePhase, enrollmentNotice, staffCourses } from '@/lib/modules/membership/staff/courses';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.courses'))('title') };
}

const requestTime = () => new Date();

/** 培训管理: every training course with its state and enrollment counts, and the 报名须知 enterprises read before enrolling. */
export default async function StaffTrainingPage() {
  const actor = await requireActor({ staff: true, next: '/staff/membership/training' });
  const t = await getTranslations('membershipStaff.courses');
  if (!canManageTraining(actor)) return <Forbidden />;
  const f = await getFormatter();
  const db = await getDb();
  const [courses, notice] = await Promise.all([staffCourses(db, actor), enrollmentNotice(db)]);
  const now = requestTime();
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
          <div>
            <h1 className="text-base font-semibold">{t('title')}</h1>
            <p className="text-sm text-muted-foreground">{t('intro')}</p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <ExportButton href="/staff/membership/training/export" fallbackName="training-courses.xlsx" testId="courses-export" />
            <Button asChild size="sm">
              <Link href="/staff/membership/training/new">
                <Plus className="h-4 w-4" aria-hidden />
                {t('new')}
              </Link>
            </Button>
          </div>
        </CardHeader>
        <CardContent>
          {courses.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>
          ) : (
            <Table stack data-testid="staff-course-table">
              <thead>
                <tr>
                  <Th>{t('columns.code')}</Th>
                  <Th>{t('columns.name')}</Th>
                  <Th>{t('columns.status')}</Th>
                  <Th>{t('columns.dates')}</Th>
                  <Th>{t('columns.window')}</Th>
                  <Th className="text-right">{t('columns.enrolled')}</Th>
                  <Th className="text-right">{t('columns.enterprises')}</Th>
                </tr>
              </thead>
              <tbody>
                {courses.map((c) => {
                  const phase = coursePhase(c, now);
                  return (
                    <tr key={c.id} data-testid="staff-course-row">
                      <Td label={t('columns.code')} className="font-mono text-xs">{c.code}</Td>
                      <Td label={t('columns.name')}>
                        <Link href={`/staff/membership/training/${c.id}`} className="font-medium text-primary hover:underline">
                          {c.name}
                        </Link>
                        {c.location && <span className="block text-xs text-muted-foreground">{c.location}</span>}
                      </Td>
                      <Td label={t('columns.status')} className="whitespace-nowrap">
                        <span className="flex flex-wrap gap-1">
                          <Badge tone={statusTone[c.status]}>{t(`status.${c.status}`)}</Badge>
                          {c.status === 'open' && <Badge tone={phaseTone[phase]}>{t(`phase.${phase}`)}</Badge>}
                        </span>
                      </Td>
                      <Td label={t('columns.dates')} className="whitespace-nowrap">{t('dates', { start: c.startsOn, end: c.endsOn })}</Td>
                      <Td label={t('columns.window')} className="whitespace-nowrap text-xs">{t('window', { start: f.dateTime(c.enrollOpensAt, 'datetime'), end: f.dateTime(c.enrollClosesAt, 'datetime') })}</Td>
                      <Td label={t('columns.enrolled')} className="text-right tabular-nums" data-testid="staff-course-enrolled">
                        {c.capacity === null ? c.enrolled : t('enrolledOf', { enrolled: c.enrolled, capacity: c.capacity })}
                      </Td>
                      <Td label={t('columns.enterprises')} className="text-right tabular-nums">{c.enterprises}</Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('noticeTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('noticeIntro')}</p>
        </CardHeader>
        <CardContent>
          <EnrollmentNoticeForm initial={notice} />
        </CardContent>
      </Card>
    </div>
  );
}
