'use client';
import * as React from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Popover } from 'radix-ui';
import { CheckCheck } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { NotificationItem } from '@/lib/platform/notify/in-app';
import { cn } from '@/lib/utils';
import { NotificationLink } from './notification-link';
import { NotificationTime } from './notification-time';
import { useMarkRead } from './use-mark-read';

export type BellSnapshot = { items: NotificationItem[]; unread: number };

/**
 * The bell's popover (Radix Popover: focus moves into it when it opens, Esc or
 * a click outside closes it, focus goes back to the bell). Loaded by
 * components/notifications/bell-menu.tsx when the bell is first about to
 * open, so Radix Popover and floating-ui are in no page's first scripts. The
 * bell itself lives outside this lazy part: it is the popover's anchor.
 */
export default function BellPopover({
  id,
  open,
  onOpenChange,
  anchor,
  snap,
  update,
  listHref,
}: {
  id: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  anchor: React.RefObject<HTMLButtonElement | null>;
  snap: BellSnapshot;
  update: (next: BellSnapshot) => void;
  listHref: string;
}) {
  const t = useTranslations('notifications');
  const { mark, pending } = useMarkRead();
  // Closed by a click elsewhere: focus stays where the user clicked (what Popover.Trigger does).
  const interactedOutside = React.useRef(false);
  const markAll = () =>
    mark({ all: true }, (r) => {
      if (r.ok) update({ unread: 0, items: snap.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date() })) });
    });

  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Anchor virtualRef={anchor} />
      <Popover.Portal>
        <Popover.Content
          id={id}
          align="end"
          sideOffset={6}
          className="z-50 flex w-[min(24rem,calc(100vw-1rem))] flex-col rounded-card border border-border bg-white shadow-xl"
          data-testid="notification-popover"
          onInteractOutside={(e) => {
            // A press on the bell is its own toggle, not a click outside (it would close, then reopen).
            if (anchor.current?.contains(e.target as Node)) e.preventDefault();
            else interactedOutside.current = true;
          }}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            if (!interactedOutside.current) anchor.current?.focus();
            interactedOutside.current = false;
          }}
        >
          <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-2">
            <h2 className="text-sm font-semibold">{t('latest')}</h2>
            <Button variant="ghost" size="sm" onClick={markAll} disabled={pending || snap.unread === 0} data-testid="bell-mark-all-read">
              <CheckCheck className="h-4 w-4" aria-hidden />
              {t('markAllRead')}
            </Button>
          </div>
          {snap.items.length === 0 ? (
            <p className="px-3 py-8 text-center text-sm text-muted-foreground">{t('empty')}</p>
          ) : (
            <ul className="max-h-[60vh] overflow-y-auto">
              {snap.items.map((n) => {
                const unread = !n.readAt;
                const content = (
                  <>
                    <span className="flex items-start gap-2">
                      <span className={cn('mt-1.5 h-2 w-2 shrink-0 rounded-full', unread ? 'bg-primary' : 'bg-transparent')} aria-hidden />
                      <span className="min-w-0 flex-1">
                        <span className={cn('block text-sm', unread && 'font-semibold')}>
                          {n.title}
                          {unread && <span className="sr-only">（{t('unread')}）</span>}
                        </span>
                        {n.body && <span className="line-clamp-2 block text-xs text-muted-foreground">{n.body}</span>}
                        <NotificationTime date={new Date(n.createdAt)} />
                      </span>
                    </span>
                  </>
                );
                const cls = cn('block px-3 py-2 hover:bg-primary-soft', unread && 'bg-primary-soft/50');
                return (
                  <li key={n.id} className="border-b border-border last:border-b-0" data-testid="bell-item" data-unread={unread}>
                    {n.link ? (
                      <NotificationLink id={n.id} href={n.link} unread={unread} className={cls} onNavigate={() => onOpenChange(false)}>
                        {content}
                      </NotificationLink>
                    ) : (
                      <button type="button" className={cn(cls, 'w-full text-left')} onClick={() => unread && mark({ ids: [n.id] })}>
                        {content}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <Link href={listHref} onClick={() => onOpenChange(false)} className="border-t border-border px-3 py-2 text-center text-sm text-primary hover:bg-primary-soft" data-testid="bell-view-all">
            {t('viewAll')}
          </Link>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
