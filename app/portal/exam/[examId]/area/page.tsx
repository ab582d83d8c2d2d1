import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AreaForm } from '@/components/exam/registration-forms';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { examStructure } from '@/lib/modules/exam/registration/services/candidate-views';
import { frozenOf } from '../frozen';
import { loadCandidateExam } from '../load';

export default async function ExamAreaPage({ params }: { params: Promise<{ examId: string }> }) {
  const { examId } = await params;
  const { db, exam, registration } = await loadCandidateExam(examId, `/portal/exam/${examId}/area`);
  if (!registration || registration.status === 'info' || registration.status === 'subjects') redirect(`/portal/exam/${examId}`);
  const t = await getTranslations('exam.area');
  const { areas } = await examStructure(db, exam.id);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-muted-foreground">{exam.name}</p>
      </CardHeader>
      <CardContent>
        <AreaForm frozen={await frozenOf(exam, registration)} examId={exam.id} registrationId={registration.id} areas={areas.map((a) => ({ id: a.id, name: a.name, remaining: a.remaining }))} chosen={registration.areaId} />
      </CardContent>
    </Card>
  );
}
