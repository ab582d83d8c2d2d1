import { getTranslations } from 'next-intl/server';
import { RegisterIndividualForm } from '@/components/auth/register-individual-form';
import { Card, CardContent } from '@/components/ui/card';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('registerIndividual') };
}

export default async function RegisterIndividualPage() {
  const t = await getTranslations('auth');
  return (
    <div className="w-full max-w-2xl">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('registerIndividual')}</h1>
      <Card>
        <CardContent className="py-6">
          <RegisterIndividualForm />
        </CardContent>
      </Card>
    </div>
  );
}
