'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Popover } from 'radix-ui';
import { Bell, CheckCheck } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { NotificationItem } from '@/lib/platform/notify/in-app';
import { bellSnapshotAction } from '@/lib/platform/notify/in-app-actions';
import { cn } from '@/lib/utils';
import { NotificationLink } from './notification-link';
import { NotificationTime } from './notification-time';
import { useMarkRead } from './use-mark-read';

type Snapshot = { items: NotificationItem[]; unread: number };

/** The bell: unread count from the server render, re-read when opened; the latest few, mark all read, the full list. */
export function BellMenu({ initial, listHref }: { initial: Snapshot; listHref: string }) {
  const t = useTranslations('notifications');
  const [open, setOpen] = useState(false);
  const [fresh, setFresh] = useState<{ from: Snapshot; snap: Snapshot }>();
  const { mark, pending } = useMarkRead();
  // A newer server render (after router.refresh or navigation) wins over what the bell read itself.
  const snap = fresh && fresh.from === initial ? fresh.snap : initial;
  const update = (next: Snapshot) => setFresh({ from: initial, snap: next });

  const onOpenChange = async (next: boolean) => {
    setOpen(next);
    if (!next) return;
    const r = await bellSnapshotAction();
    if (r.ok) update(r.data);
  };
  const markAll = () =>
    mark({ all: true }, (r) => {
      if (r.ok) update({ unread: 0, items: snap.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date() })) });
    });
  const badge = snap.unread > 99 ? '99+' : String(snap.unread);

  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={t('bellLabel', { count: snap.unread })} data-testid="notification-bell" data-unread={snap.unread}>
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
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          className="z-50 flex w-[min(24rem,calc(100vw-1rem))] flex-col rounded-card border border-border bg-white shadow-xl"
          data-testid="notification-popover"
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
                      <NotificationLink id={n.id} href={n.link} unread={unread} className={cls} onNavigate={() => setOpen(false)}>
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
          <Link href={listHref} onClick={() => setOpen(false)} className="border-t border-border px-3 py-2 text-center text-sm text-primary hover:bg-primary-soft" data-testid="bell-view-all">
            {t('viewAll')}
          </Link>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
