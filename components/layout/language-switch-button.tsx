'use client';
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Languages } from 'lucide-react';
import { setLocaleAction } from '@/i18n/actions';

/**
 * Toggles between 中文 and English; the choice is a cookie, the page re-renders
 * on the server. The locale and both labels come from the server
 * (components/layout/language-switch.tsx): no next-intl in the browser for it.
 */
export function LanguageSwitchButton({ locale, labels, className }: { locale: string; labels: { toEnglish: string; toChinese: string }; className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      disabled={pending}
      lang={next === 'en' ? 'en' : 'zh-CN'}
      data-testid="language-switch"
      onClick={() =>
        startTransition(async () => {
          await setLocaleAction(next);
          router.refresh();
        })
      }
      className={`inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm hover:bg-primary-soft disabled:opacity-60${className ? ` ${className}` : ''}`}
    >
      <Languages className="h-4 w-4" aria-hidden />
      {next === 'en' ? labels.toEnglish : labels.toChinese}
    </button>
  );
}
