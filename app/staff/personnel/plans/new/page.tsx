import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { PlanForm } from '@/components/personnel/plan-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { canAdministerPersonnelExams } from '@/lib/modules/personnel/access';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('personnel.plans'))('newTitle') };
}

export default async function NewPersonnelPlanPage() {
  const actor = await requireActor({ staff: true, next: '/staff/personnel/plans/new' });
  const t = await getTranslations('personnel.plans');
  if (!canAdministerPersonnelExams(actor)) return <Forbidden detail={t('noPermission')} />;
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-base font-semibold">{t('newTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('newIntro')}</p>
      </CardHeader>
      <CardContent>
        <PlanForm initial={{ kind: 'inspection', item: '', name: '', examStartsOn: '', examEndsOn: '', site: '', capacity: '', enrollOpensAt: '', enrollClosesAt: '', fee: '', note: '' }} />
      </CardContent>
    </Card>
  );
}
