import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { messagesFor } from '@/messages/catalog';
import { REVIEW_LETTER_TYPES, reviewLettersBatchPdf } from '@/lib/modules/review/letters';
import { REVIEW_STAFF_ACCESS } from '@/lib/modules/review/access';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/review/projects/letters?type=letter|notice&ids=<id>,<id>…: the
 * selected projects' current 鉴定评审商洽函 or 鉴定评审通知函 as one PDF to
 * print (批量打印), for module-E staff and admins. Audited.
 */
export const GET = defineRoute({
  access: REVIEW_STAFF_ACCESS,
  query: z.object({ type: z.enum(REVIEW_LETTER_TYPES), ids: z.string().max(4000) }),
  handler: async ({ db, actor, query, locale, ip }) => {
    const ids = query.ids.split(',').map((s) => s.trim()).filter(Boolean);
    const pdf = await reviewLettersBatchPdf(db, actor, query.type, ids, { locale, ip });
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'review' });
    return pdfResponse(pdf.buffer, `${t(`pdf.${query.type}.title`)}-${pdf.count}.pdf`, { inline: true, asciiFallback: `review-${query.type}s-${pdf.count}.pdf` });
  },
});
