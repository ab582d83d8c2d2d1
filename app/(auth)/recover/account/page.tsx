import { getTranslations } from 'next-intl/server';
import { FindAccountForm } from '@/components/auth/find-account-form';
import { Card, CardContent } from '@/components/ui/card';

export async function generateMetadata() {
  return { title: (await getTranslations('recover.findAccount'))('title') };
}

/** 找回账户 (seed 003 §2): by the account's bound mobile. */
export default async function FindAccountPage() {
  const t = await getTranslations('recover.findAccount');
  return (
    <div className="w-full max-w-md">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('title')}</h1>
      <Card>
        <CardContent className="py-6">
          <FindAccountForm />
        </CardContent>
      </Card>
    </div>
  );
}
