import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { ExamForm } from '@/components/exam-admin/exam-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { examDetail } from '@/lib/modules/exam/catalog';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { dateToShanghaiLocal } from '@/lib/modules/exam/time';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('examAdmin'))('form.editTitle') };
}

const local = (d: Date | null) => (d ? dateToShanghaiLocal(d) : '');

export default async function EditExamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/exams/${id}/edit` });
  const t = await getTranslations('examAdmin');
  if (!canAdministerExams(actor)) return <Forbidden detail={t('noPermission')} />;
  const detail = await examDetail(await getDb(), id);
  if (!detail) notFound();
  const e = detail.exam;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-1">
        <Link href={`/staff/exams/${e.id}`} className="text-sm text-primary hover:underline">
          ← {t('form.backToExam')}
        </Link>
        <h1 className="text-base font-semibold">{t('form.editTitle')}</h1>
        {e.status === 'published' && <p className="text-sm text-muted-foreground">{t('form.publishedNote')}</p>}
      </CardHeader>
      <CardContent>
        <ExamForm
          key={e.id}
          examId={e.id}
          initial={{
            name: e.name,
            periodStart: e.periodStart,
            periodEnd: e.periodEnd,
            registrationOpensAt: local(e.registrationOpensAt),
            registrationClosesAt: local(e.registrationClosesAt),
            refundOpensAt: local(e.refundOpensAt),
            refundClosesAt: local(e.refundClosesAt),
            areaChangeOpensAt: local(e.areaChangeOpensAt),
            areaChangeClosesAt: local(e.areaChangeClosesAt),
            notice: e.notice,
            orderTtlMinutes: e.orderTtlMinutes,
          }}
        />
      </CardContent>
    </Card>
  );
}
