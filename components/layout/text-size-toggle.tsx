'use client';
import { useState } from 'react';
import { ALargeSmall } from 'lucide-react';
import { TEXT_SIZE_COOKIE, TEXT_SIZE_MAX_AGE, type TextSize } from '@/lib/text-size';
import { useHydrated } from '@/components/forms/use-hydrated';

/**
 * 大字模式 (适老化): enlarges every text and control by a quarter. The choice is
 * a year-long cookie, so this browser keeps it on every page and after
 * signing in again; the page switches at once, without a reload. Its labels
 * come from the server (text-size-switch.tsx): no next-intl in the browser for it.
 * Disabled until React has hydrated the page: a click before that would be lost
 * (a phone under load, or a test that clicks as soon as the page is there).
 */
export function TextSizeToggle({ initial, labels, className }: { initial: TextSize; labels: { on: string; off: string; short: string }; className?: string }) {
  const [large, setLarge] = useState(initial === 'large');
  const hydrated = useHydrated();
  const toggle = () => {
    const next = !large;
    setLarge(next);
    if (next) document.documentElement.dataset.textSize = 'large';
    else delete document.documentElement.dataset.textSize;
    document.cookie = `${TEXT_SIZE_COOKIE}=${next ? 'large' : 'normal'}; path=/; max-age=${TEXT_SIZE_MAX_AGE}; samesite=lax`;
  };
  return (
    <button
      type="button"
      aria-pressed={large}
      data-testid="text-size-toggle"
      data-state={large ? 'large' : 'normal'}
      aria-label={labels.off}
      title={large ? labels.on : labels.off}
      onClick={toggle}
      disabled={!hydrated}
      className={['inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm hover:bg-primary-soft disabled:opacity-60', large && 'bg-primary-soft text-primary', className].filter(Boolean).join(' ')}
    >
      <ALargeSmall className="h-4 w-4" aria-hidden />
      <span aria-hidden>{labels.short}</span>
    </button>
  );
}
