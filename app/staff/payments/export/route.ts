import { NextResponse, type NextRequest } from 'next/server';
import { createFormatter } from 'next-intl';
import { getDb } from '@/db';
import { LOCALE_COOKIE, TIME_ZONE, toLocale } from '@/i18n/config';
import { getActor, clientIp } from '@/lib/platform/auth/server';
import { AppError, toFailure } from '@/lib/platform/errors';
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
export async function GET(req: NextRequest) {
  const locale = toLocale(req.cookies.get(LOCALE_COOKIE)?.value);
  try {
    const actor = await getActor();
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (actor.mustChangePassword) return NextResponse.redirect(new URL('/staff/account/password', req.url), 303);
    const params = parseOrderFilter(Object.fromEntries(req.nextUrl.searchParams));
    const { items, truncated } = await exportOrders(await getDb(), actor, params, { ip: await clientIp() });

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
    const stamp = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const filename = `${t('staff.fileName')}-${stamp}.xlsx`;
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(filename, { asciiFallback: `payments-${stamp}.xlsx` }),
        'Cache-Control': 'no-store',
      },
    });
  } catch (e) {
    const failure = toFailure(e, locale);
    const status = e instanceof AppError ? e.status : 500;
    return new NextResponse(failure.message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
}
