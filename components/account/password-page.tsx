import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requireActor } from '@/lib/platform/auth/server';

/** 修改用户帐户密码, for the portal and the staff console (forced for generated credentials). */
export async function PasswordPage({ staff }: { staff: boolean }) {
  const path = staff ? '/staff/account/password' : '/portal/account/password';
  const actor = await requireActor({ staff, next: path });
  const t = await getTranslations('account');
  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle>{t('changePassword')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ChangePasswordForm forced={actor.mustChangePassword} done={staff ? '/staff' : '/portal'} />
      </CardContent>
    </Card>
  );
}
