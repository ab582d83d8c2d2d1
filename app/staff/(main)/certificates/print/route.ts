import { z } from 'zod';
import { certificatesBatchPdf } from '@/lib/platform/certificates/pdf';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/certificates/print?ids=<id>,<id>…: the selected certificates as
 * one PDF to print (批量打印), for staff within their modules; any id outside
 * the reader's scope: 404 for the whole batch. Audited.
 */
export const GET = defineRoute({
  access: { kind: 'staff', roles: 'any' },
  query: z.object({ ids: z.string().max(2000) }),
  handler: async ({ db, storage, actor, query, locale, ip }) => {
    const ids = query.ids.split(',').map((s) => s.trim()).filter(Boolean);
    const pdf = await certificatesBatchPdf(db, storage, actor, ids, { locale, ip });
    return pdfResponse(pdf.buffer, `证书批量打印-${pdf.count}.pdf`, { inline: true, asciiFallback: `certificates-${pdf.count}.pdf` });
  },
});
