import { getTranslations } from 'next-intl/server';
import { RegisterOrganizationForm } from '@/components/auth/register-organization-form';
import { Card, CardContent } from '@/components/ui/card';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('registerOrganization') };
}

export default async function RegisterOrganizationPage() {
  const t = await getTranslations('auth');
  return (
    <div className="w-full max-w-2xl">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('registerOrganization')}</h1>
      <Card>
        <CardContent className="py-6">
          <RegisterOrganizationForm />
        </CardContent>
      </Card>
    </div>
  );
}
