import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { z } from 'zod';
import { TIME_ZONE } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { defineRoute } from '@/lib/platform/http/route';
import { deliveryFilterFrom, exportDeliveries, type DeliveryRow } from '@/lib/platform/notify/deliveries';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook, type SheetColumn } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/** GET /staff/outbox/export?channel=&status=&queuedOn=&sentOn=&failedOn=: the deliveries as on 消息投递记录 (admins only), .xlsx, masked, audited. */
export const GET = defineRoute({
  access: { kind: 'staff', roles: ['admin'] },
  errorBody: 'text',
  query: z.object({ channel: z.string().max(10).optional(), status: z.string().max(10).optional(), queuedOn: z.string().max(10).optional(), sentOn: z.string().max(10).optional(), failedOn: z.string().max(10).optional() }),
  handler: async ({ db, actor, query, locale, now, ip }) => {
    const rows = await exportDeliveries(db, actor, deliveryFilterFrom(query), { ip });
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'console.deliveries' });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const at = (d: Date | null) => (d ? f.dateTime(d, { dateStyle: 'short', timeStyle: 'medium' }) : '');
    const columns: SheetColumn<DeliveryRow>[] = [
      { header: t('colId'), width: 10, value: (r) => r.id },
      { header: t('channel'), width: 8, value: (r) => (r.channel === 'email' || r.channel === 'sms' ? t(`channels.${r.channel}`) : r.channel) },
      { header: t('colRecipient'), width: 24, value: (r) => r.recipient },
      { header: t('colSubject'), width: 36, value: (r) => r.subject },
      { header: t('status'), width: 10, value: (r) => t(`states.${r.status}`) },
      { header: t('colAttempts'), width: 8, value: (r) => r.attempts },
      { header: t('colQueued'), width: 20, value: (r) => at(r.createdAt) },
      { header: t('colSent'), width: 20, value: (r) => at(r.sentAt) },
      { header: t('colFailed'), width: 20, value: (r) => at(r.failedAt) },
      { header: t('colError'), width: 40, value: (r) => r.lastError ?? '' },
    ];
    const body = await listWorkbook(t('title'), columns, rows);
    const stamp = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${t('title')}-${stamp}.xlsx`, { asciiFallback: `deliveries-${stamp}.xlsx` }),
        'Cache-Control': 'no-store',
      },
    });
  },
});
