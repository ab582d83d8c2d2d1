import { getTranslations } from 'next-intl/server';

/**
 * The placeholder a route segment shows while its page waits on data
 * (loading.tsx): announced once to screen readers, a few grey blocks shaped
 * like a heading and a card, nothing that moves for whoever prefers less motion.
 */
export async function PageLoading() {
  const t = await getTranslations('a11y');
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-4" data-testid="page-loading">
      <span className="sr-only">{t('loading')}</span>
      <div aria-hidden className="h-6 w-48 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
      <div aria-hidden className="flex flex-col gap-3 rounded-card border border-border bg-white p-5">
        <div className="h-4 w-3/4 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
        <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
        <div className="h-4 w-2/3 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
      </div>
    </div>
  );
}
