import { getTranslations } from 'next-intl/server';
import { ActivateLegacyForm } from '@/components/auth/activate-legacy-form';
import { Card, CardContent } from '@/components/ui/card';

export async function generateMetadata() {
  return { title: (await getTranslations('legacy.activate'))('title') };
}

export default async function ActivateLegacyPage() {
  const t = await getTranslations('legacy.activate');
  return (
    <div className="w-full max-w-md">
      <h1 className="mb-2 text-center text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-4 text-center text-sm text-muted-foreground">{t('intro')}</p>
      <Card>
        <CardContent className="py-6">
          <ActivateLegacyForm />
        </CardContent>
      </Card>
    </div>
  );
}
