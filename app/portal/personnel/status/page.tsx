import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { StatusTable, type StatusTableRow } from '@/components/personnel/status-table';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { myEnrollmentStatus, type CertificationStatus, type ReviewStatus } from '@/lib/modules/personnel/enrollment/queries';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('personnel.status'))('title') };
}

const REVIEW_TONE: Record<ReviewStatus, StatusTableRow['review']['tone']> = { notSubmitted: 'neutral', pending: 'primary', returned: 'warning', approved: 'success', rejected: 'danger' };
const CERT_TONE: Record<CertificationStatus, StatusTableRow['review']['tone']> = { none: 'neutral', pending: 'primary', issued: 'success', notIssued: 'danger' };

/** 状态查看 (seed 002 §10). */
export default async function PersonnelStatusPage({ searchParams }: { searchParams: Promise<{ submitted?: string }> }) {
  const actor = await requireActor({ next: '/portal/personnel/status' });
  const t = await getTranslations('personnel');
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'personnel' })) return <Forbidden detail={t('errors.individualsOnly')} />;
  const { submitted } = await searchParams;
  const rows = await myEnrollmentStatus(await getDb(), actor);
  const just = submitted ? rows.find((r) => r.number === submitted) : undefined;
  const view: StatusTableRow[] = rows.map((r) => ({
    id: r.id,
    number: r.number,
    kindLabel: t(`kinds.${r.planKind}.name`),
    itemLabel: r.itemLabel,
    enrollTypeLabel: r.enrollType ? t(`enrollTypes.${r.enrollType as 'initial'}`) : '',
    planName: r.planName,
    examDates: r.examDates,
    review: { label: t(`status.reviewStatus.${r.review}`), tone: REVIEW_TONE[r.review] },
    certification: { label: t(`status.certificationStatus.${r.certification}`), tone: CERT_TONE[r.certification], number: r.certificate?.number ?? null },
    result: r.result
      ? [t(`outcomes.${r.result.outcome}`), r.result.theoryScore !== undefined ? t('status.theory', { score: r.result.theoryScore }) : '', r.result.practicalScore !== undefined ? t('status.practical', { score: r.result.practicalScore }) : ''].filter(Boolean).join(' · ')
      : null,
    returnOpinion: r.returnOpinion,
    signedFormUploaded: r.signedFormUploaded,
    submitted: r.status !== 'draft',
    deletable: r.deletable,
    infoEditable: r.infoEditable,
    awaitingSignedForm: (r.status === 'submitted' || r.status === 'returned') && !r.signedFormUploaded,
  }));
  return (
    <Card className="max-w-6xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('status.title')}</h1>
        <p className="text-sm text-muted-foreground">{t('status.intro')}</p>
        {just && (
          <FormAlert tone="success" message={t('status.justSubmitted', { number: just.number })}>
            <span className="ml-1">
              <a href={`/api/applications/${just.id}/pdf`} target="_blank" rel="noopener" className="underline">
                {t('status.printForm')}
              </a>{' '}
              ·{' '}
              <Link href={`/portal/personnel/enrollments/${just.id}/edit#materials`} className="underline">
                {t('status.uploadSignedForm')}
              </Link>
            </span>
          </FormAlert>
        )}
      </CardHeader>
      <CardContent>
        <StatusTable rows={view} />
      </CardContent>
    </Card>
  );
}
