import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card, CardContent } from '@/components/ui/card';
import { VerifyForm } from './verify-form';

export async function generateMetadata() {
  return { title: (await getTranslations('pdf.verify'))('title') };
}

/** The entry of the home page's "证书查询验证": type the number printed on a document. */
export default async function VerifyIndexPage({ searchParams }: { searchParams: Promise<{ number?: string }> }) {
  const number = (await searchParams).number?.trim();
  if (number) redirect(`/verify/${encodeURIComponent(number)}`);
  const t = await getTranslations('pdf.verify');
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t('intro')}</p>
      </div>
      <Card>
        <CardContent className="py-6">
          <VerifyForm />
        </CardContent>
      </Card>
    </div>
  );
}
