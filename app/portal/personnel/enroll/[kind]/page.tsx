import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { EnrollStart } from '@/components/personnel/enroll-start';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { isPlanKind } from '@/lib/modules/personnel/catalog';
import { openPlanCounts } from '@/lib/modules/personnel/plans/queries';
import { loadPersonnelProfile } from '@/lib/modules/personnel/services/profile';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

/** 检验人员换证报名 / 检测人员考试报名 / 型式试验人员换证报名: choose category and item, then the enrollment page. */
export default async function EnrollPage({ params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (!isPlanKind(kind)) notFound();
  const actor = await requireActor({ next: `/portal/personnel/enroll/${kind}` });
  const t = await getTranslations('personnel');
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'personnel' })) return <Forbidden detail={t('errors.individualsOnly')} />;
  const db = await getDb();
  const [profile, counts] = await Promise.all([loadPersonnelProfile(db, actor.id), openPlanCounts(db)]);
  const openItems = Object.fromEntries(counts.filter((c) => c.kind === kind).map((c) => [c.item, c.plans]));
  return (
    <Card className="max-w-5xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t(`kinds.${kind}.name`)}</h1>
        <p className="text-sm text-muted-foreground">{t(`enroll.intro.${kind}`)}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {!profile.complete && (
          <FormAlert tone="info" message={t('enroll.profileFirst')}>
            <Link href={`/portal/personnel/profile?next=/portal/personnel/enroll/${kind}`} className="ml-1 underline">
              {t('home.completeProfile')}
            </Link>
          </FormAlert>
        )}
        <EnrollStart planKind={kind} openItems={openItems} />
      </CardContent>
    </Card>
  );
}
