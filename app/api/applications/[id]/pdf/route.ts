import { NextResponse, type NextRequest } from 'next/server';
import { createTranslator } from 'next-intl';
import { getDb } from '@/db';
import { LOCALE_COOKIE, toLocale } from '@/i18n/config';
import { catalogs } from '@/messages/catalog';
import { getActor } from '@/lib/platform/auth/server';
import { AppError, toFailure } from '@/lib/platform/errors';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { pdfIssuer, renderPdf } from '@/lib/platform/pdf/registry';
import { getApplicationFor, getKind } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/**
 * GET /api/applications/<id>/pdf[?download=1]: the application form as a PDF
 * (preview inline, or download) for whoever may see the application — its
 * applicant or staff of the kind — from the kind's own summary. It is what the
 * applicant prints, signs or stamps and uploads back.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const locale = toLocale(req.cookies.get(LOCALE_COOKIE)?.value);
  try {
    const actor = await getActor();
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const db = await getDb();
    const app = await getApplicationFor(db, actor, (await params).id);
    const kind = getKind(app.kind);
    const t = createTranslator({ locale, messages: catalogs[locale] });
    const title = t.has(`workflow.kinds.${kind.key}.name` as never) ? t(`workflow.kinds.${kind.key}.name` as never) : kind.key;
    const sections = kind.summary(app.data, (key) => t(key as never));
    const pdf = await renderPdf('application-form', { number: app.number, title, sections, date: app.submittedAt ?? app.createdAt }, { locale, issuer: await pdfIssuer(db, locale) });
    return pdfResponse(pdf, `${title}-${app.number}.pdf`, { inline: req.nextUrl.searchParams.get('download') !== '1', asciiFallback: `${app.number}.pdf` });
  } catch (e) {
    const r = toFailure(e, locale);
    return NextResponse.json(r, { status: e instanceof AppError ? e.status : 500 });
  }
}
