import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { StaffPersonForm } from '@/components/membership/staff/person-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { canUseRoster } from '@/lib/modules/membership/staff/access';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.roster'))('newTitle') };
}

/** 新增技术人员. */
export default async function NewStaffPersonPage() {
  const actor = await requireActor({ next: '/portal/membership/staff/new' });
  const t = await getTranslations('membershipStaff.roster');
  if (!canUseRoster(actor)) return <Forbidden detail={actor.kind !== 'organization' ? t('notOrganization') : undefined} />;
  return (
    <Card className="max-w-4xl">
      <CardHeader className="flex flex-col gap-1">
        <Link href="/portal/membership/staff" className="text-sm text-primary hover:underline">
          ← {t('back')}
        </Link>
        <h1 className="text-xl font-semibold">{t('newTitle')}</h1>
      </CardHeader>
      <CardContent>
        <StaffPersonForm />
      </CardContent>
    </Card>
  );
}
