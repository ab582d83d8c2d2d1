import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/exam/print-button';
import { RegistrationDetails } from '@/components/exam/registration-details';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { latestRegistration, registrationDetails } from '@/lib/modules/exam/registration/services/candidate-views';
import { loadCandidateExam } from '../load';

export async function generateMetadata() {
  return { title: (await getTranslations('exam.details'))('title') };
}

/** 查看报考信息 (seed 003 §11): everything the candidate entered for this exam, read-only and printable. */
export default async function ExamRegistrationInfoPage({ params }: { params: Promise<{ examId: string }> }) {
  const { examId } = await params;
  const { db, actor, exam } = await loadCandidateExam(examId, `/portal/exam/${examId}/registration`);
  const registration = await latestRegistration(db, actor.id, exam.id);
  if (!registration) notFound();
  const t = await getTranslations('exam');
  const details = await registrationDetails(db, registration);
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href="/portal/exam" className="text-sm text-primary">
          {t('process.back')}
        </Link>
        <PrintButton label={t('details.print')} />
      </div>
      <Card className="print:border-0 print:shadow-none">
        <CardHeader>
          <h1 className="text-xl font-semibold">{t('details.title')}</h1>
          <p className="text-sm text-muted-foreground">{exam.name}</p>
          <p className="text-sm" data-testid="registration-status">
            {t('details.status', { status: t(`details.statuses.${registration.status}` as never) })}
          </p>
        </CardHeader>
        <CardContent>
          <RegistrationDetails details={details} />
        </CardContent>
      </Card>
    </div>
  );
}
