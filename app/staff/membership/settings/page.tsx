import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { MembershipSettingsForm } from '@/components/membership/settings-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canManageMembership } from '@/lib/modules/membership/access';
import { membershipDues, membershipTermMonths } from '@/lib/modules/membership/member';
import { MEMBERSHIP_GRADES } from '@/lib/modules/membership/schemas';
import { requireActor } from '@/lib/platform/auth/server';
import { fenToYuan } from '@/lib/platform/payments/money';

export async function generateMetadata() {
  return { title: (await getTranslations('membership.settings'))('title') };
}

/** 会员设置: the dues per membership grade and the membership term (admins and module-B reviewers). */
export default async function MembershipSettingsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/membership/settings' });
  if (!canManageMembership(actor)) return <Forbidden />;
  const t = await getTranslations('membership');
  const db = await getDb();
  const [dues, termMonths] = await Promise.all([membershipDues(db), membershipTermMonths(db)]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-base font-semibold">{t('settings.title')}</h1>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('settings.duesTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('settings.duesIntro')}</p>
        </CardHeader>
        <CardContent>
          <MembershipSettingsForm
            grades={MEMBERSHIP_GRADES.map((g) => ({ key: g, label: t(`grades.${g}`) }))}
            dues={Object.fromEntries(MEMBERSHIP_GRADES.map((g) => [g, Number.isInteger(dues[g]) ? fenToYuan(dues[g]) : ''])) as Record<(typeof MEMBERSHIP_GRADES)[number], string>}
            termMonths={termMonths}
          />
        </CardContent>
      </Card>
    </div>
  );
}
