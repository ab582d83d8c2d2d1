'use client';
import { buttonVariants } from '@/components/ui/button-variants';
import { useErrorTexts } from '@/components/layout/error-texts';

/**
 * The root error boundary: in every page's scripts, so it styles a plain button
 * (no Button, Radix Slot or tailwind-merge) and takes its texts from the root
 * layout (components/layout/error-texts.tsx) rather than from next-intl.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useErrorTexts();
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">{t.title}</h1>
      <p className="text-muted-foreground">{t.body}</p>
      <button type="button" data-slot="button" className={buttonVariants()} onClick={reset}>
        {t.retry}
      </button>
    </main>
  );
}
