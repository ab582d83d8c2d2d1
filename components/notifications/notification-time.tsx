'use client';
import { useFormatter } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';

/** A notification's time, always in Beijing time whatever the browser's zone. */
export function NotificationTime({ date }: { date: Date }) {
  const f = useFormatter();
  return (
    <time dateTime={date.toISOString()} className="text-xs text-muted-foreground">
      {f.dateTime(date, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE })}
    </time>
  );
}
