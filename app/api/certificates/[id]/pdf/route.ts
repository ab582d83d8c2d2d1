import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { LOCALE_COOKIE, toLocale } from '@/i18n/config';
import { getActor } from '@/lib/platform/auth/server';
import { certificatePdfFor } from '@/lib/platform/certificates/pdf';
import { AppError, toFailure } from '@/lib/platform/errors';
import { pdfResponse } from '@/lib/platform/pdf/http';
import { getStorage } from '@/lib/platform/storage';

export const dynamic = 'force-dynamic';

/**
 * GET /api/certificates/<id>/pdf[?inline=1]: the certificate's PDF for its
 * holder (the individual; the organization's main account, or a sub-account
 * granted the module) and staff of the module — the stored file, or rendered
 * on demand before the job has stored it. Anyone else: 404.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const locale = toLocale(req.cookies.get(LOCALE_COOKIE)?.value);
  try {
    const actor = await getActor();
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const pdf = await certificatePdfFor(await getDb(), getStorage, actor, (await params).id, locale);
    return pdfResponse(pdf.buffer, pdf.fileName, { inline: req.nextUrl.searchParams.get('inline') === '1', asciiFallback: `${pdf.number}.pdf` });
  } catch (e) {
    const r = toFailure(e, locale);
    return NextResponse.json(r, { status: e instanceof AppError ? e.status : 500 });
  }
}
