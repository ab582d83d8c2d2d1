import { z } from 'zod';
import { admissionTicketsBatchPdf } from '@/lib/modules/exam/registration/services/ticket';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/exams/<id>/registrations/tickets?ids=<id>,<id>…: the selected
 * registrations' admission tickets (准考证) as one PDF to print (批量打印),
 * for exam administrators and admins; a registration of another exam (or one
 * that does not exist) refuses the whole batch. Audited.
 */
export const GET = defineRoute({
  access: { kind: 'staff', roles: 'any' },
  params: z.object({ id: uuidSchema() }),
  query: z.object({ ids: z.string().max(4000) }),
  handler: async ({ db, storage, actor, params, query, locale, ip }) => {
    const ids = query.ids.split(',').map((s) => s.trim()).filter(Boolean);
    const pdf = await admissionTicketsBatchPdf(db, await storage(), actor, params.id, ids, { locale, ip });
    return pdfResponse(pdf.buffer, `${pdf.examName}-准考证-${pdf.count}.pdf`, { inline: true, asciiFallback: `admission-tickets-${pdf.count}.pdf` });
  },
});
