import { z } from 'zod';
import { noticePdfFor } from '@/lib/modules/review/letters';
import { reviewNotice } from '@/lib/modules/review/pdf/templates';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { renderPdf } from '@/lib/platform/pdf/registry';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/review/projects/<id>/notice[?round=N][&download=1]: the round's 评审通知函 once issued, for the project's unit and review staff. */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  params: z.object({ id: uuidSchema() }),
  query: z.object({ round: z.coerce.number().int().min(1).max(99).optional(), download: z.string().optional() }),
  handler: async ({ db, actor, params, query, locale }) => {
    const { props, fileName } = await noticePdfFor(db, actor, params.id, query.round, locale);
    const pdf = await renderPdf(reviewNotice, props, { locale, issuer: props.issuer });
    return pdfResponse(pdf, fileName, { inline: query.download !== '1', asciiFallback: `review-notice-${props.number}.pdf` });
  },
});
