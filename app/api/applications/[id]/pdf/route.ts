import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { messagesFor } from '@/messages/catalog';
import { defineRoute } from '@/lib/platform/http/route';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { pdfIssuer, renderPdf } from '@/lib/platform/pdf/registry';
import { uuidSchema } from '@/lib/platform/schemas';
import { getApplicationFor, getKind } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/**
 * GET /api/applications/<id>/pdf[?download=1]: the application form as a PDF
 * (preview inline, or download) for whoever may see the application — its
 * applicant or staff of the kind — from the kind's own summary, or the kind's
 * own form (`formPdf`: a form with the applicant's photo …). It is what the
 * applicant prints, signs or stamps and uploads back.
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  params: z.object({ id: uuidSchema() }),
  query: z.object({ download: z.string().optional() }),
  handler: async ({ db, storage, actor, params, query, locale }) => {
    const app = await getApplicationFor(db, actor, params.id);
    const kind = getKind(app.kind);
    const t = createTranslator({ locale, messages: messagesFor(locale) });
    const title = t.has(`workflow.kinds.${kind.key}.name` as never) ? t(`workflow.kinds.${kind.key}.name` as never) : kind.key;
    const pdf = kind.formPdf
      ? await kind.formPdf({ db, app, locale, storage })
      : await renderPdf('application-form', { number: app.number, title, sections: kind.summary(app.data, (key) => t(key as never)), date: app.submittedAt ?? app.createdAt }, { locale, issuer: await pdfIssuer(db, locale) });
    return pdfResponse(pdf, `${title}-${app.number}.pdf`, { inline: query.download !== '1', asciiFallback: `${app.number}.pdf` });
  },
});
