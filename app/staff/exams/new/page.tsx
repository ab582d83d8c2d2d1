import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { ExamForm } from '@/components/exam-admin/exam-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('examAdmin'))('form.newTitle') };
}

export default async function NewExamPage() {
  const actor = await requireActor({ staff: true, next: '/staff/exams/new' });
  const t = await getTranslations('examAdmin');
  if (!canAdministerExams(actor)) return <Forbidden detail={t('noPermission')} />;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-1">
        <Link href="/staff/exams" className="text-sm text-primary hover:underline">
          ← {t('form.backToList')}
        </Link>
        <h1 className="text-base font-semibold">{t('form.newTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('form.newIntro')}</p>
      </CardHeader>
      <CardContent>
        <ExamForm />
      </CardContent>
    </Card>
  );
}
