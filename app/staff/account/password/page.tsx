import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requireActor } from '@/lib/platform/auth/server';

export default async function StaffPasswordPage() {
  const actor = await requireActor({ staff: true, next: '/staff/account/password' });
  const t = await getTranslations('account');
  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle>{t('changePassword')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ChangePasswordForm forced={actor.mustChangePassword} done="/staff" />
      </CardContent>
    </Card>
  );
}
