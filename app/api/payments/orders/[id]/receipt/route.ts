import { z } from 'zod';
import { defineRoute } from '@/lib/platform/http/route';
import { receiptFor } from '@/lib/platform/payments/queries';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { pdfIssuer, pdfTitle, renderPdf } from '@/lib/platform/pdf/registry';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/**
 * GET /api/payments/orders/<id>/receipt[?download=1]: the e-receipt of a paid
 * (or since refunded: printed void, with the refund) order, for its owner, finance and admins; 404 for
 * anyone else, so an order id gives nothing away.
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  params: z.object({ id: uuidSchema() }),
  query: z.object({ download: z.string().optional() }),
  hideForbidden: true,
  handler: async ({ db, actor, params, query, locale }) => {
    const r = await receiptFor(db, actor, params.id);
    const props = { number: r.number, title: r.title, payerName: r.payerName, items: r.items, amountFen: r.amountFen, status: r.status, provider: r.provider, tradeNo: r.tradeNo, paidAt: r.paidAt, refund: r.refund };
    const pdf = await renderPdf('receipt', props, { locale, issuer: await pdfIssuer(db, locale) });
    return pdfResponse(pdf, `${pdfTitle('receipt', props, locale)}-${r.number}.pdf`, { inline: query.download !== '1', asciiFallback: `receipt-${r.number}.pdf` });
  },
});
