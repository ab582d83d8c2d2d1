import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SubjectsForm } from '@/components/exam/registration-forms';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { examStructure } from '@/lib/modules/exam/registration/services/candidate-views';
import { registrationProgress } from '@/lib/modules/exam/registration/services/registration';
import { frozenOf } from '../frozen';
import { loadCandidateExam } from '../load';

export default async function ExamSubjectsPage({ params }: { params: Promise<{ examId: string }> }) {
  const { examId } = await params;
  const { db, exam, registration } = await loadCandidateExam(examId, `/portal/exam/${examId}/subjects`);
  if (!registration || registration.status === 'info') redirect(`/portal/exam/${examId}`);
  const t = await getTranslations('exam.subjects');
  const [structure, progress] = await Promise.all([examStructure(db, exam.id), registrationProgress(db, registration)]);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-muted-foreground">{exam.name}</p>
      </CardHeader>
      <CardContent>
        <SubjectsForm frozen={await frozenOf(exam, registration)} examId={exam.id} registrationId={registration.id} sessions={structure.sessions} chosen={progress.subjects.map((s) => s.id)} />
      </CardContent>
    </Card>
  );
}
