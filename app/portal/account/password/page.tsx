import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requireActor } from '@/lib/platform/auth/server';

export default async function PortalPasswordPage() {
  const actor = await requireActor({ next: '/portal/account/password' });
  const t = await getTranslations('account');
  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle>{t('changePassword')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ChangePasswordForm forced={actor.mustChangePassword} done="/portal" />
      </CardContent>
    </Card>
  );
}
