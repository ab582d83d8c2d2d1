import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BellOff } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { listNotifications, unreadCount } from '@/lib/platform/notify/in-app';
import { cn } from '@/lib/utils';
import { MarkReadButton } from './mark-read-button';
import { NotificationLink } from './notification-link';
import { NotificationTime } from './notification-time';

const PAGE_SIZE = 20;

/** The full list of the actor's notifications (portal and console pages): newest first, keyset pages, unread highlighted. */
export async function NotificationList({ actor, basePath, before }: { actor: SignedInActor; basePath: string; before?: string }) {
  const t = await getTranslations('notifications');
  const db = await getDb();
  const cursor = before && /^\d{1,15}$/.test(before) ? Number(before) : null;
  const { items, nextCursor } = await listNotifications(db, actor, { cursor, limit: PAGE_SIZE });
  const unread = await unreadCount(db, actor);

  return (
    <Card className="max-w-4xl">
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-lg font-semibold">{t('title')}</h1>
          <p className="text-sm text-muted-foreground">{t('intro')}</p>
        </div>
        <div className="flex items-center gap-3">
          <span className="text-sm text-muted-foreground" data-testid="unread-summary">
            {t('unreadSummary', { count: unread })}
          </span>
          <MarkReadButton disabled={unread === 0} />
        </div>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <div className="flex flex-col items-center gap-2 py-12 text-center" data-testid="notifications-empty">
            <BellOff className="h-8 w-8 text-muted-foreground" aria-hidden />
            <p className="font-medium">{t('empty')}</p>
            <p className="text-sm text-muted-foreground">{t('emptyHint')}</p>
          </div>
        ) : (
          <ul className="flex flex-col divide-y divide-border" data-testid="notification-list">
            {items.map((n) => {
              const isUnread = !n.readAt;
              return (
                <li
                  key={n.id}
                  data-testid="notification-item"
                  data-unread={isUnread}
                  className={cn('flex flex-wrap items-start gap-3 px-3 py-3', isUnread && 'border-l-4 border-l-primary bg-primary-soft/60')}
                >
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <h2 className={cn('text-sm', isUnread ? 'font-semibold' : 'font-normal')}>{n.title}</h2>
                      {isUnread && <Badge tone="primary">{t('unread')}</Badge>}
                    </div>
                    {n.body && <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{n.body}</p>}
                    <NotificationTime date={n.createdAt} />
                  </div>
                  <div className="flex shrink-0 items-center gap-1">
                    {n.link && (
                      <Button asChild size="sm" variant="link">
                        <NotificationLink id={n.id} href={n.link} unread={isUnread}>
                          {t('open')}
                        </NotificationLink>
                      </Button>
                    )}
                    {isUnread && <MarkReadButton id={n.id} />}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <nav className="mt-4 flex justify-center gap-2" aria-label={t('title')}>
          {cursor && (
            <Button asChild variant="outline" size="sm">
              <Link href={basePath}>{t('first')}</Link>
            </Button>
          )}
          {nextCursor && (
            <Button asChild variant="outline" size="sm">
              <Link href={`${basePath}?before=${nextCursor}`} data-testid="notifications-more">
                {t('more')}
              </Link>
            </Button>
          )}
        </nav>
      </CardContent>
    </Card>
  );
}
