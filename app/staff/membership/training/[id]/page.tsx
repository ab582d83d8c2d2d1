import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, Pencil } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { phaseTone, statusTone } from '@/components/membership/staff/course-labels';
import { CourseStatusButton } from '@/components/membership/staff/course-status';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canManageTraining } from '@/lib/modules/membership/staff/access';
import { courseEnrollments, coursePhase, remainingOf, staffCourse } from '@/lib/modules/membership/staff/courses';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';
import { findIdType } from '@/lib/reference/id-types';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.courses'))('detailTitle') };
}

const requestTime = () => new Date();

/** One course: its data, 开放 / 关闭报名, and the enrollments (enterprise, person, masked ID, grade, time) with the Excel export. */
export default async function StaffCoursePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/membership/training/${id}` });
  const t = await getTranslations('membershipStaff.courses');
  const tAll = await getTranslations();
  if (!canManageTraining(actor)) return <Forbidden />;
  const f = await getFormatter();
  const db = await getDb();
  const course = await staffCourse(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const rows = await courseEnrollments(db, actor, id);
  const sp = await searchParams;
  const phase = coursePhase(course, requestTime());
  const remaining = remainingOf(course);
  const item = (label: string, value: React.ReactNode) => (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{value || '—'}</dd>
    </div>
  );

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-col gap-2">
          <Link href="/staff/membership/training" className="text-sm text-primary hover:underline">
            ← {t('back')}
          </Link>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h1 className="text-base font-semibold">
                <span className="font-mono text-sm text-muted-foreground">{course.code}</span> {course.name}
              </h1>
              <span className="mt-1 flex flex-wrap gap-1">
                <Badge tone={statusTone[course.status]} data-testid="course-status">
                  {t(`status.${course.status}`)}
                </Badge>
                {course.status === 'open' && <Badge tone={phaseTone[phase]}>{t(`phase.${phase}`)}</Badge>}
              </span>
            </div>
            <div className="flex flex-wrap items-start gap-2">
              <Button asChild size="sm" variant="outline">
                <Link href={`/staff/membership/training/${course.id}/edit`}>
                  <Pencil className="h-4 w-4" aria-hidden />
                  {t('edit')}
                </Link>
              </Button>
              <CourseStatusButton id={course.id} status={course.status} code={course.code} />
            </div>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {sp.created === '1' && <FormAlert tone="success" message={t('created')} />}
          {sp.saved === '1' && <FormAlert tone="success" message={t('saved')} />}
          {sp.opened === '1' && <FormAlert tone="success" message={t('opened')} />}
          {sp.closed === '1' && <FormAlert tone="success" message={t('closed')} />}
          <dl className="grid gap-3 sm:grid-cols-3">
            {item(t('columns.dates'), t('dates', { start: course.startsOn, end: course.endsOn }))}
            {item(t('columns.location'), course.location)}
            {item(t('columns.window'), t('window', { start: f.dateTime(course.enrollOpensAt, 'datetime'), end: f.dateTime(course.enrollClosesAt, 'datetime') }))}
            {item(t('columns.capacity'), course.capacity === null ? t('unlimited') : t('capacityLeft', { capacity: course.capacity, remaining: remaining ?? 0 }))}
            {item(t('columns.enrolled'), String(course.enrolled))}
            {item(t('columns.enterprises'), String(course.enterprises))}
          </dl>
          {course.description && <p className="whitespace-pre-line text-sm">{course.description}</p>}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">{t('enrollmentsTitle', { count: rows.length })}</h2>
          {rows.length > 0 && (
            <Button asChild size="sm" variant="outline">
              <a href={`/staff/membership/training/${course.id}/export`} download data-testid="course-enrollments-export">
                <Download className="h-4 w-4" aria-hidden />
                {t('export')}
              </a>
            </Button>
          )}
        </CardHeader>
        <CardContent>
          {rows.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t('enrollmentsEmpty')}</p>
          ) : (
            <Table stack data-testid="course-enrollments">
              <thead>
                <tr>
                  <Th>{t('columns.enterprise')}</Th>
                  <Th>{t('columns.person')}</Th>
                  <Th>{t('columns.idNumber')}</Th>
                  <Th>{t('columns.grade')}</Th>
                  <Th>{t('columns.enrolledAt')}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid="course-enrollment">
                    <Td label={t('columns.enterprise')}>{r.enterprise}</Td>
                    <Td label={t('columns.person')}>
                      {r.name}
                      {r.title && <span className="block text-xs text-muted-foreground">{r.title}</span>}
                    </Td>
                    <Td label={t('columns.idNumber')} className="whitespace-nowrap">
                      <span className="font-mono text-xs">{r.idNumberMasked}</span>
                      <span className="block text-xs text-muted-foreground">{findIdType(r.idType)?.label ?? r.idType}</span>
                    </Td>
                    <Td label={t('columns.grade')}>{tAll(`membership.staffGrades.${r.grade}`)}</Td>
                    <Td label={t('columns.enrolledAt')} className="whitespace-nowrap">{f.dateTime(r.enrolledAt, 'datetime')}</Td>
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
