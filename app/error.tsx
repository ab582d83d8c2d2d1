'use client';
import { useTranslations } from 'next-intl';
import { buttonVariants } from '@/components/ui/button-variants';

/** The root error boundary: in every page's scripts, so it styles a plain button (no Button, Radix Slot or tailwind-merge). */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <p className="text-muted-foreground">{t('body')}</p>
      <button type="button" data-slot="button" className={buttonVariants()} onClick={reset}>
        {t('retry')}
      </button>
    </main>
  );
}
