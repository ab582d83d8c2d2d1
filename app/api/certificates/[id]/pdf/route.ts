import { z } from 'zod';
import { certificatePdfFor } from '@/lib/platform/certificates/pdf';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/**
 * GET /api/certificates/<id>/pdf[?inline=1]: the certificate's PDF for its
 * holder (the individual; the organization's main account, or a sub-account
 * granted the module) and staff of the module — the stored file, or rendered
 * on demand before the job has stored it. Anyone else: 404.
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  params: z.object({ id: uuidSchema() }),
  query: z.object({ inline: z.string().optional() }),
  handler: async ({ db, storage, actor, params, query, locale }) => {
    const pdf = await certificatePdfFor(db, storage, actor, params.id, locale);
    return pdfResponse(pdf.buffer, pdf.fileName, { inline: query.inline === '1', asciiFallback: `${pdf.number}.pdf` });
  },
});
