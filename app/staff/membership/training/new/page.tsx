import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { CourseForm } from '@/components/membership/staff/course-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { canManageTraining } from '@/lib/modules/membership/staff/access';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.courseForm'))('newTitle') };
}

export default async function NewCoursePage() {
  const actor = await requireActor({ staff: true, next: '/staff/membership/training/new' });
  const t = await getTranslations('membershipStaff');
  if (!canManageTraining(actor)) return <Forbidden />;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-1">
        <Link href="/staff/membership/training" className="text-sm text-primary hover:underline">
          ← {t('courses.back')}
        </Link>
        <h1 className="text-base font-semibold">{t('courseForm.newTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('courseForm.newIntro')}</p>
      </CardHeader>
      <CardContent>
        <CourseForm />
      </CardContent>
    </Card>
  );
}
