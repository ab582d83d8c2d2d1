import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { messagesFor } from '@/messages/catalog';
import { admissionTicketFor } from '@/lib/modules/exam/registration/services/ticket';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { pdfIssuer, renderPdf } from '@/lib/platform/pdf/registry';
import { uuidSchema } from '@/lib/platform/schemas';
import { admissionTicket } from '@/lib/modules/exam/registration/admission-ticket-pdf';

export const dynamic = 'force-dynamic';

/**
 * GET /api/exam/registrations/<id>/ticket[?download=1]: the admission ticket
 * (准考证) PDF of a paid registration once the exam's tickets are released,
 * for the candidate who owns it and exam staff. Everyone else — and a ticket
 * not released or not paid for — gets 404 with a message in the reader's
 * language, so a registration id gives nothing away.
 */
export const GET = defineRoute({
  access: { kind: 'public' },
  params: z.object({ id: uuidSchema() }),
  query: z.object({ download: z.string().optional() }),
  handler: async ({ db, storage, actor, params, query, locale }) => {
    const ticket = await admissionTicketFor(db, await storage(), actor, params.id);
    const pdf = await renderPdf(admissionTicket, ticket, { locale, issuer: await pdfIssuer(db, locale) });
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'exam' });
    return pdfResponse(pdf, `${t('ticket.fileName', { name: ticket.candidateName })}-${ticket.number}.pdf`, {
      inline: query.download !== '1',
      asciiFallback: `admission-ticket-${ticket.number}.pdf`,
    });
  },
});
