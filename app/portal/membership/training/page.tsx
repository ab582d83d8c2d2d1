import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Users } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { BatchEnrollment } from '@/components/membership/staff/batch-enrollment';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canUseRoster } from '@/lib/modules/membership/staff/access';
import { coursePhase, coursesForEnterprises, enrollmentNotice, myEnrollments, remainingOf } from '@/lib/modules/membership/staff/courses';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.training'))('title') };
}

const requestTime = () => new Date();

/** 培训报名: the courses open for enrollment, the 报名须知 with the template and the batch upload, and the enterprise's enrollments. */
export default async function TrainingEnrollmentPage() {
  const actor = await requireActor({ next: '/portal/membership/training' });
  const t = await getTranslations('membershipStaff');
  const tAll = await getTranslations();
  if (!canUseRoster(actor)) return <Forbidden detail={actor.kind !== 'organization' ? t('roster.notOrganization') : undefined} />;
  const f = await getFormatter();
  const db = await getDb();
  const now = requestTime();
  const [courses, notice, mine] = await Promise.all([coursesForEnterprises(db, now), enrollmentNotice(db), myEnrollments(db, actor)]);
  const enrolling = courses.filter((c) => coursePhase(c, now) === 'enrolling');

  return (
    <div className="flex max-w-6xl flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">{t('training.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('training.intro')}</p>
        </div>
        <Button asChild size="sm" variant="outline">
          <Link href="/portal/membership/staff">
            <Users className="h-4 w-4" aria-hidden />
            {t('training.rosterLink')}
          </Link>
        </Button>
      </div>

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">{t('training.coursesTitle')}</h2>
        </CardHeader>
        <CardContent>
          {courses.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t('training.noCourses')}</p>
          ) : (
            <Table stack data-testid="open-courses">
              <thead>
                <tr>
                  <Th>{t('training.columns.code')}</Th>
                  <Th>{t('training.columns.name')}</Th>
                  <Th>{t('training.columns.dates')}</Th>
                  <Th>{t('training.columns.location')}</Th>
                  <Th>{t('training.columns.window')}</Th>
                  <Th className="text-right">{t('training.columns.remaining')}</Th>
                  <Th>{t('training.columns.status')}</Th>
                </tr>
              </thead>
              <tbody>
                {courses.map((c) => {
                  const phase = coursePhase(c, now);
                  const remaining = remainingOf(c);
                  return (
                    <tr key={c.id} data-testid="open-course">
                      <Td label={t('training.columns.code')} className="font-mono text-xs">{c.code}</Td>
                      <Td label={t('training.columns.name')}>
                        <span className="font-medium">{c.name}</span>
                        {c.description && <span className="block text-xs text-muted-foreground">{c.description}</span>}
                      </Td>
                      <Td label={t('training.columns.dates')} className="whitespace-nowrap">{t('training.dates', { start: c.startsOn, end: c.endsOn })}</Td>
                      <Td label={t('training.columns.location')}>{c.location}</Td>
                      <Td label={t('training.columns.window')} className="whitespace-nowrap text-xs">{t('training.window', { start: f.dateTime(c.enrollOpensAt, 'datetime'), end: f.dateTime(c.enrollClosesAt, 'datetime') })}</Td>
                      <Td label={t('training.columns.remaining')} className="text-right tabular-nums">{remaining === null ? t('training.unlimited') : remaining}</Td>
                      <Td label={t('training.columns.status')}>
                        <Badge tone={phase === 'enrolling' ? (remaining === 0 ? 'warning' : 'success') : 'neutral'}>{remaining === 0 && phase === 'enrolling' ? t('training.full') : t(`training.phase.${phase === 'enrolling' ? 'enrolling' : 'upcoming'}`)}</Badge>
                      </Td>
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
          <h2 className="text-base font-semibold">{t('training.batchTitle')}</h2>
        </CardHeader>
        <CardContent>
          <BatchEnrollment notice={notice} hasCourses={enrolling.length > 0} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">{t('training.mineTitle')}</h2>
        </CardHeader>
        <CardContent>
          {mine.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground" data-testid="my-enrollments-empty">
              {t('training.mineEmpty')}
            </p>
          ) : (
            <Table stack data-testid="my-enrollments">
              <thead>
                <tr>
                  <Th>{t('training.mineColumns.course')}</Th>
                  <Th>{t('training.mineColumns.dates')}</Th>
                  <Th>{t('training.mineColumns.person')}</Th>
                  <Th>{t('training.mineColumns.idNumber')}</Th>
                  <Th>{t('training.mineColumns.grade')}</Th>
                  <Th>{t('training.mineColumns.enrolledAt')}</Th>
                </tr>
              </thead>
              <tbody>
                {mine.map((e) => (
                  <tr key={e.id} data-testid="my-enrollment">
                    <Td label={t('training.mineColumns.course')}>
                      <span className="font-mono text-xs">{e.courseCode}</span> {e.courseName}
                    </Td>
                    <Td label={t('training.mineColumns.dates')} className="whitespace-nowrap">{t('training.dates', { start: e.startsOn, end: e.endsOn })}</Td>
                    <Td label={t('training.mineColumns.person')}>{e.name}</Td>
                    <Td label={t('training.mineColumns.idNumber')} className="font-mono text-xs">{e.idNumberMasked}</Td>
                    <Td label={t('training.mineColumns.grade')}>{tAll(`membership.staffGrades.${e.grade}`)}</Td>
                    <Td label={t('training.mineColumns.enrolledAt')} className="whitespace-nowrap">{f.dateTime(e.enrolledAt, 'datetime')}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
