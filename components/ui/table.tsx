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
 *
 * `stack`: below 640 px each row is shown as a card instead — one line per cell,
 * the cell's `label` (its column's heading, given to `Td`) before its value — so
 * that an applicant on a phone sees a row's state and actions without scrolling
 * sideways. The header row stays for screen readers, which still read a table
 * (app/globals.css, `table[data-stack]`). A cell without a label (a row's checkbox,
 * an empty list's message) spans the card.
 */
export function Table({ className, label, stack, ...p }: React.TableHTMLAttributes<HTMLTableElement> & { label?: string; stack?: boolean }) {
  const t = useTranslations('a11y');
  const name = label ?? p['aria-label'];
  return (
    <div role="region" tabIndex={0} aria-label={name ? t('tableRegion', { label: name }) : t('tableRegionDefault')} data-print-scroll className="relative w-full overflow-x-auto rounded-sm">
      <table className={cn('w-full border-collapse text-sm', className)} data-stack={stack ? '' : undefined} {...p} />
    </div>
  );
}
export function Th({ className, ...p }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn('whitespace-nowrap border-b border-border bg-muted px-3 py-2 text-left font-medium text-muted-foreground', className)} {...p} />;
}
/**
 * A cell; `label` is its column's heading, shown before the value when its table is stacked on a phone. A labelled
 * cell's content is wrapped in one box (`data-cell`), so that on the phone it is one grid item beside the label,
 * however many elements and text runs it holds.
 */
export function Td({ className, label, children, ...p }: React.TdHTMLAttributes<HTMLTableCellElement> & { label?: string }) {
  const cls = cn('min-w-20 border-b border-border px-3 py-2 align-top', className);
  if (label === undefined) return <td className={cls} {...p}>{children}</td>;
  return (
    <td className={cls} data-label={label} {...p}>
      <div data-cell="">{children}</div>
    </td>
  );
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
