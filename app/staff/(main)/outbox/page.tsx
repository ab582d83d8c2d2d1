import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { DELIVERY_CHANNELS, DELIVERY_STATES, deliveryFilterFrom, listDeliveries, type DeliveryFilter } from '@/lib/platform/notify/deliveries';

export async function generateMetadata() {
  return { title: (await getTranslations('console.deliveries'))('title') };
}

const TONE = { waiting: 'primary', retrying: 'warning', sent: 'success', dead: 'danger' } as const;

/** The filter as a query string (also the export's), without the page. */
function queryOf(f: DeliveryFilter, before?: number): string {
  const p = new URLSearchParams();
  if (f.channel) p.set('channel', f.channel);
  if (f.status) p.set('status', f.status);
  if (f.queuedOn) p.set('queuedOn', f.queuedOn);
  if (f.sentOn) p.set('sentOn', f.sentOn);
  if (f.failedOn) p.set('failedOn', f.failedOn);
  if (before) p.set('before', String(before));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** 消息投递记录: the outbox's emails and SMS with their delivery state (admins), the list behind the dashboard's notification figures. */
export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor({ staff: true, next: '/staff/outbox' });
  const t = await getTranslations('console.deliveries');
  if (!can(actor, { action: 'staff.role', role: 'admin' })) return <Forbidden detail={t('adminsOnly')} />;
  const filter = deliveryFilterFrom(await searchParams);
  const { rows, total, nextBefore } = await listDeliveries(await getDb(), actor, filter);
  const f = await getFormatter();
  const exportFilter = { ...filter, before: undefined };

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <Link href="/staff" className="text-sm text-primary hover:underline">
            ← {t('back')}
          </Link>
          <h1 className="text-base font-semibold">{t('title')}</h1>
          <p className="text-sm text-muted-foreground">{t('intro')}</p>
        </div>
        <ExportButton href={`/staff/outbox/export${queryOf(exportFilter)}`} fallbackName="deliveries.xlsx" testId="deliveries-export" />
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form method="get" role="search" aria-label={t('filters')} className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] items-end gap-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="df-channel">{t('channel')}</Label>
            <Select id="df-channel" name="channel" defaultValue={filter.channel ?? ''} className="h-8">
              <option value="">{t('all')}</option>
              {DELIVERY_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channels.${c}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="df-status">{t('status')}</Label>
            <Select id="df-status" name="status" defaultValue={filter.status ?? ''} className="h-8">
              <option value="">{t('all')}</option>
              {DELIVERY_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`states.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="df-queued">{t('queuedOn')}</Label>
            <Input id="df-queued" name="queuedOn" type="date" defaultValue={filter.queuedOn ?? ''} className="h-8" />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="df-sent">{t('sentOn')}</Label>
            <Input id="df-sent" name="sentOn" type="date" defaultValue={filter.sentOn ?? ''} className="h-8" />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="df-failed">{t('failedOn')}</Label>
            <Input id="df-failed" name="failedOn" type="date" defaultValue={filter.failedOn ?? ''} className="h-8" />
          </div>
          <div className="flex gap-2">
            <Button type="submit" size="sm">
              {t('apply')}
            </Button>
            <Button asChild size="sm" variant="outline">
              <Link href="/staff/outbox">{t('reset')}</Link>
            </Button>
          </div>
        </form>

        <p className="text-sm text-muted-foreground" data-testid="deliveries-total">
          {t('total', { total })}
        </p>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>
        ) : (
          <Table stack data-testid="deliveries-table" className="text-[13px]">
            <thead>
              <tr>
                <Th>{t('colId')}</Th>
                <Th>{t('channel')}</Th>
                <Th>{t('colRecipient')}</Th>
                <Th>{t('colSubject')}</Th>
                <Th>{t('status')}</Th>
                <Th className="text-right">{t('colAttempts')}</Th>
                <Th>{t('colQueued')}</Th>
                <Th>{t('colSent')}</Th>
                <Th>{t('colFailed')}</Th>
                <Th>{t('colError')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-status={r.status}>
                  <Td label={t('colId')} className="tabular-nums">{r.id}</Td>
                  <Td label={t('channel')} className="whitespace-nowrap">{t.has(`channels.${r.channel}` as never) ? t(`channels.${r.channel}` as never) : r.channel}</Td>
                  <Td label={t('colRecipient')} className="whitespace-nowrap font-mono text-xs">{r.recipient}</Td>
                  <Td label={t('colSubject')}>{r.subject}</Td>
                  <Td label={t('status')}>
                    <Badge tone={TONE[r.status]}>{t(`states.${r.status}`)}</Badge>
                  </Td>
                  <Td label={t('colAttempts')} className="text-right tabular-nums">{r.attempts}</Td>
                  <Td label={t('colQueued')} className="whitespace-nowrap">{f.dateTime(r.createdAt, 'datetime')}</Td>
                  <Td label={t('colSent')} className="whitespace-nowrap">{r.sentAt ? f.dateTime(r.sentAt, 'datetime') : '—'}</Td>
                  <Td label={t('colFailed')} className="whitespace-nowrap">{r.failedAt ? f.dateTime(r.failedAt, 'datetime') : '—'}</Td>
                  <Td label={t('colError')} className="max-w-64 break-words text-xs text-muted-foreground">{r.lastError ?? '—'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <p className="text-xs text-muted-foreground">{t('maskedNote')}</p>
        {(filter.before || nextBefore) && (
          <nav aria-label={t('pagination')} className="flex items-center justify-between gap-2 text-sm">
            {filter.before ? (
              <Link href={`/staff/outbox${queryOf(exportFilter)}`} className="text-primary hover:underline">
                {t('newest')}
              </Link>
            ) : (
              <span />
            )}
            {nextBefore ? (
              <Link href={`/staff/outbox${queryOf(exportFilter, nextBefore)}`} className="text-primary hover:underline" rel="next">
                {t('older')}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </CardContent>
    </Card>
  );
}
