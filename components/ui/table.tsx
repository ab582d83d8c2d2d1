import * as React from 'react';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils';

/**
 * A data table. On a phone a wide table scrolls sideways inside its own
 * region — focusable and labelled, so a keyboard can scroll it and a screen
 * reader names it — while the page itself keeps the phone's width. Headers do
 * not wrap and cells keep a minimum width, so no column shrinks to one
 * character per line. The region is `relative`, so visually hidden (absolutely
 * positioned) labels inside cells scroll with it instead of widening the page.
 */
export function Table({ className, label, ...p }: React.TableHTMLAttributes<HTMLTableElement> & { label?: string }) {
  const t = useTranslations('a11y');
  const name = label ?? p['aria-label'];
  return (
    <div role="region" tabIndex={0} aria-label={name ? t('tableRegion', { label: name }) : t('tableRegionDefault')} data-print-scroll className="relative w-full overflow-x-auto rounded-sm">
      <table className={cn('w-full border-collapse text-sm', className)} {...p} />
    </div>
  );
}
export function Th({ className, ...p }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn('whitespace-nowrap border-b border-border bg-muted px-3 py-2 text-left font-medium text-muted-foreground', className)} {...p} />;
}
export function Td({ className, ...p }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('min-w-20 border-b border-border px-3 py-2 align-top', className)} {...p} />;
}

/**
 * The sideways-scrolling box of a wide hand-made table (or a grid of inputs):
 * a labelled region in the tab order, so a keyboard can scroll it on a phone.
 */
export function ScrollRegion({ label, className, children }: { label?: string; className?: string; children: React.ReactNode }) {
  const t = useTranslations('a11y');
  return (
    <div role="region" tabIndex={0} aria-label={label ? t('tableRegion', { label }) : t('tableRegionDefault')} data-print-scroll className={cn('relative overflow-x-auto', className)}>
      {children}
    </div>
  );
}
