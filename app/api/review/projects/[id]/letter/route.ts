import { z } from 'zod';
import { letterPdfFor } from '@/lib/modules/review/letters';
import { negotiationLetter } from '@/lib/modules/review/pdf/templates';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/**
 * GET /api/review/projects/<id>/letter[?round=N][&download=1]: the round's
 * 鉴定评审商洽函 once its invitation is approved, for the project's unit and
 * review staff (preview inline, or download to print and stamp).
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  params: z.object({ id: uuidSchema() }),
  query: z.object({ round: z.coerce.number().int().min(1).max(99).optional(), download: z.string().optional() }),
  handler: async ({ db, actor, params, query, locale }) => {
    const { props, fileName } = await letterPdfFor(db, actor, params.id, query.round, locale);
    const pdf = await renderPdf(negotiationLetter, props, { locale, issuer: props.issuer });
    return pdfResponse(pdf, fileName, { inline: query.download !== '1', asciiFallback: `negotiation-letter-${props.number}.pdf` });
  },
});
