import { getTranslations } from 'next-intl/server';
import { RecoverForm } from '@/components/auth/recover-form';
import { Card, CardContent } from '@/components/ui/card';

export async function generateMetadata() {
  return { title: (await getTranslations('recover'))('title') };
}

export default async function RecoverPage({ searchParams }: { searchParams: Promise<{ as?: string }> }) {
  const t = await getTranslations('recover');
  const audience = (await searchParams).as === 'staff' ? 'staff' : 'applicant';
  return (
    <div className="w-full max-w-md">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('title')}</h1>
      <Card>
        <CardContent className="py-6">
          <RecoverForm audience={audience} />
        </CardContent>
      </Card>
    </div>
  );
}
