import { NextResponse, type NextRequest } from 'next/server';
import { createTranslator } from 'next-intl';
import { getDb } from '@/db';
import { LOCALE_COOKIE, toLocale } from '@/i18n/config';
import { catalogs } from '@/messages/catalog';
import { admissionTicketFor } from '@/lib/modules/exam/registration/services/ticket';
import { getActor } from '@/lib/platform/auth/server';
import { AppError, isAppError, translateError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { pdfIssuer, renderPdf } from '@/lib/platform/pdf/registry';
import { admissionTicket } from '@/lib/modules/exam/registration/admission-ticket-pdf';
import { getStorage } from '@/lib/platform/storage';

export const dynamic = 'force-dynamic';

/**
 * GET /api/exam/registrations/<id>/ticket[?download=1]: the admission ticket
 * (准考证) PDF of a paid registration once the exam's tickets are released,
 * for the candidate who owns it and exam staff. Everyone else — and a ticket
 * not released or not paid for — gets 404 with a message in the reader's
 * language, so a registration id gives nothing away.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const locale = toLocale(req.cookies.get(LOCALE_COOKIE)?.value);
  try {
    const db = await getDb();
    const ticket = await admissionTicketFor(db, await getStorage(), await getActor(), (await params).id);
    const pdf = await renderPdf(admissionTicket, ticket, { locale, issuer: await pdfIssuer(db, locale) });
    const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'exam' });
    return pdfResponse(pdf, `${t('ticket.fileName', { name: ticket.candidateName })}-${ticket.number}.pdf`, {
      inline: req.nextUrl.searchParams.get('download') !== '1',
      asciiFallback: `admission-ticket-${ticket.number}.pdf`,
    });
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('UNAVAILABLE', { cause: e });
    if (!isAppError(e)) logger.error('admission ticket failed', { err: e });
    return NextResponse.json({ ok: false, code: err.code, message: translateError(err, locale) }, { status: err.status, headers: { 'Cache-Control': 'no-store' } });
  }
}
