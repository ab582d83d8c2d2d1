import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-bold text-primary">404</p>
      <h1 className="text-xl font-semibold">{t('errorPage.notFoundTitle')}</h1>
      <p className="text-muted-foreground">{t('errorPage.notFoundBody')}</p>
      <Button asChild>
        <Link href="/">{t('common.home')}</Link>
      </Button>
    </main>
  );
}
