'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Bell } from 'lucide-react';
import { buttonVariants } from '@/components/ui/button-variants';
import { bellSnapshotAction } from '@/lib/platform/notify/in-app-actions';
import type { BellSnapshot } from './bell-popover';

const load = () => import('./bell-popover');
const BellPopover = React.lazy(load);

/**
 * The bell: unread count from the server render, re-read when opened; the
 * latest few, mark all read, the full list. Only the closed bell (a button
 * with its count and label) is in the page's first scripts: the popover
 * (components/notifications/bell-popover.tsx on Radix Popover: focus moves
 * into it, Esc or a click outside closes it, focus back on the bell) is
 * fetched when the bell is first pressed, hovered or focused — the pattern of
 * the phone menu (components/ui/sheet.tsx).
 */
export function BellMenu({ initial, listHref }: { initial: BellSnapshot; listHref: string }) {
  const t = useTranslations('notifications');
  const [open, setOpen] = React.useState(false);
  const [wanted, setWanted] = React.useState(false);
  const [fresh, setFresh] = React.useState<{ from: BellSnapshot; snap: BellSnapshot }>();
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  const popoverId = React.useId();
  // A newer server render (after router.refresh or navigation) wins over what the bell read itself.
  const snap = fresh && fresh.from === initial ? fresh.snap : initial;
  const update = (next: BellSnapshot) => setFresh({ from: initial, snap: next });

  const onOpenChange = async (next: boolean) => {
    setOpen(next);
    if (!next) return;
    setWanted(true);
    const r = await bellSnapshotAction();
    if (r.ok) update(r.data);
  };
  const prefetch = () => void load();
  const badge = snap.unread > 99 ? '99+' : String(snap.unread);

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        className={`${buttonVariants({ variant: 'ghost', size: 'icon' })} relative`}
        aria-label={t('bellLabel', { count: snap.unread })}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        data-state={open ? 'open' : 'closed'}
        data-slot="button"
        data-testid="notification-bell"
        data-unread={snap.unread}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onPointerDown={prefetch}
        onClick={() => void onOpenChange(!open)}
      >
        <Bell className="h-5 w-5" aria-hidden />
        {snap.unread > 0 && (
          <span
            className="absolute right-1 top-1 inline-flex min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[10px] font-semibold leading-4 text-white"
            data-testid="notification-count"
            aria-hidden
          >
            {badge}
          </span>
        )}
      </button>
      {wanted && (
        <React.Suspense fallback={null}>
          <BellPopover id={popoverId} open={open} onOpenChange={(next) => void onOpenChange(next)} anchor={triggerRef} snap={snap} update={update} listHref={listHref} />
        </React.Suspense>
      )}
    </>
  );
}
