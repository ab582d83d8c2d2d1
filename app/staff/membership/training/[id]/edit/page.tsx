import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { CourseForm } from '@/components/membership/staff/course-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canManageTraining } from '@/lib/modules/membership/staff/access';
import { courseFormValues, staffCourse } from '@/lib/modules/membership/staff/courses';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.courseForm'))('editTitle') };
}

export default async function EditCoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/membership/training/${id}/edit` });
  const t = await getTranslations('membershipStaff');
  if (!canManageTraining(actor)) return <Forbidden />;
  const course = await staffCourse(await getDb(), actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  return (
    <Card>
      <CardHeader className="flex flex-col gap-1">
        <Link href={`/staff/membership/training/${course.id}`} className="text-sm text-primary hover:underline">
          ← {course.name}
        </Link>
        <h1 className="text-base font-semibold">{t('courseForm.editTitle')}</h1>
        {course.enrolled > 0 && <p className="text-sm text-muted-foreground">{t('courseForm.codeLockedHint', { count: course.enrolled })}</p>}
      </CardHeader>
      <CardContent>
        <CourseForm courseId={course.id} initial={courseFormValues(course)} />
      </CardContent>
    </Card>
  );
}
