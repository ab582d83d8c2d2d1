import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { LOCALE_COOKIE, toLocale } from '@/i18n/config';
import { getActor } from '@/lib/platform/auth/server';
import { AppError, toFailure } from '@/lib/platform/errors';
import { receiptFor } from '@/lib/platform/payments/queries';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { pdfIssuer, pdfTitle, renderPdf } from '@/lib/platform/pdf/registry';

export const dynamic = 'force-dynamic';

/**
 * GET /api/payments/orders/<id>/receipt[?download=1]: the e-receipt of a paid
 * (or since refunded) order, for its owner, finance and admins; 404 for
 * anyone else, so an order id gives nothing away.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const locale = toLocale(req.cookies.get(LOCALE_COOKIE)?.value);
  try {
    const actor = await getActor();
    const db = await getDb();
    const r = await receiptFor(db, actor, (await params).id);
    const props = { number: r.number, title: r.title, payerName: r.payerName, items: r.items, amountFen: r.amountFen, status: r.status, provider: r.provider, tradeNo: r.tradeNo, paidAt: r.paidAt };
    const pdf = await renderPdf('receipt', props, { locale, issuer: await pdfIssuer(db, locale) });
    return pdfResponse(pdf, `${pdfTitle('receipt', props, locale)}-${r.number}.pdf`, { inline: req.nextUrl.searchParams.get('download') !== '1', asciiFallback: `receipt-${r.number}.pdf` });
  } catch (e) {
    const failure = toFailure(e, locale);
    const status = e instanceof AppError ? (e.code === 'FORBIDDEN' ? 404 : e.status) : 500;
    return NextResponse.json(failure, { status });
  }
}
