import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { PlanForm } from '@/components/personnel/plan-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canAdministerPersonnelExams } from '@/lib/modules/personnel/access';
import { planFor } from '@/lib/modules/personnel/plans/queries';
import { planFormValues } from '@/lib/modules/personnel/plans/present';
import { requireActor } from '@/lib/platform/auth/server';
import { isAppError } from '@/lib/platform/errors';

export default async function EditPersonnelPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/personnel/plans/${id}/edit` });
  const t = await getTranslations('personnel.plans');
  if (!canAdministerPersonnelExams(actor)) return <Forbidden detail={t('noPermission')} />;
  const plan = await planFor(await getDb(), actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-base font-semibold">{t('editTitle', { name: plan.name })}</h1>
      </CardHeader>
      <CardContent>
        <PlanForm initial={planFormValues(plan)} planId={plan.id} itemLocked={plan.taken > 0} />
      </CardContent>
    </Card>
  );
}
