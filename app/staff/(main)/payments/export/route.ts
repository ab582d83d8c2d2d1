import { NextResponse } from 'next/server';
import { createFormatter } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';
import { defineRoute } from '@/lib/platform/http/route';
import { paymentsT } from '@/lib/platform/payments/messages';
import { fenToYuan } from '@/lib/platform/payments/money';
import { exportOrders, ORDERS_EXPORT_MAX, type OrderListItem } from '@/lib/platform/payments/queries';
import { parseOrderFilter } from '@/lib/platform/payments/schemas';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook, type SheetColumn } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/payments/export?status=&from=&to=&q=&refund=: the filtered orders
 * as an .xlsx attachment (finance, admins), recorded in the audit log. A route
 * handler has no layout in front of it, so it checks the actor itself.
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  errorBody: 'text',
  handler: async ({ req, db, actor, ip, locale, now }) => {
    const params = parseOrderFilter(Object.fromEntries(new URL(req.url).searchParams));
    const { items, truncated } = await exportOrders(db, actor, params, { ip });

    const t = paymentsT(locale);
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const when = (d: Date | null) => (d ? f.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }) : '');
    const label = (ns: 'status' | 'refundStatus' | 'providers', v: string | null) => (v ? (t.has(`${ns}.${v}` as never) ? t(`${ns}.${v}` as never) : v) : '');
    const columns: SheetColumn<OrderListItem>[] = [
      { header: t('staff.number'), width: 22, value: (o) => o.number },
      { header: t('staff.payer'), width: 16, value: (o) => o.userName },
      { header: t('staff.username'), width: 16, value: (o) => o.username },
      { header: t('staff.for'), width: 36, value: (o) => o.title },
      { header: t('staff.amountYuan'), width: 12, value: (o) => Number(fenToYuan(o.amountFen)) },
      { header: t('staff.status'), width: 10, value: (o) => label('status', o.status) },
      { header: t('staff.channel'), width: 12, value: (o) => label('providers', o.provider) },
      { header: t('staff.tradeNo'), width: 30, value: (o) => o.tradeNo },
      { header: t('staff.createdAt'), width: 20, value: (o) => when(o.createdAt) },
      { header: t('staff.paidAt'), width: 20, value: (o) => when(o.paidAt) },
      { header: t('staff.refundStatus'), width: 10, value: (o) => label('refundStatus', o.refundStatus) },
    ];
    const body = await listWorkbook(t('staff.sheetName'), columns, items, truncated ? t('staff.truncated', { max: ORDERS_EXPORT_MAX }) : undefined);
    const stamp = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const filename = `${t('staff.fileName')}-${stamp}.xlsx`;
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(filename, { asciiFallback: `payments-${stamp}.xlsx` }),
        'Cache-Control': 'no-store',
      },
    });
  },
});
