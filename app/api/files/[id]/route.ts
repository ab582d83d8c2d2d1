import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { getDb } from '@/db';
import { toLocale, LOCALE_COOKIE } from '@/i18n/config';
import { getActor } from '@/lib/platform/auth/server';
import { authorizeDocumentRead } from '@/lib/platform/documents/access';
import { AppError, isAppError, translateError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import { getStorage } from '@/lib/platform/storage';

export const dynamic = 'force-dynamic';

/** Lifetime of the presigned GET: long enough to start the download, too short to pass around. */
const DOWNLOAD_URL_TTL_SECONDS = 60;

/**
 * Authorized download. The read rule is applied in the query; anyone else gets
 * 404 whether or not the file exists. On success a 302 to a short-lived
 * presigned GET: the bytes go from storage to the browser, not through this
 * instance (large scans cost it nothing), and the response names the file
 * with its original (Chinese) name and the content type we detected.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  try {
    const doc = await authorizeDocumentRead(await getDb(), await getActor(), id);
    const storage = await getStorage();
    const url = await storage.presignGet(doc.storageKey, { expiresIn: DOWNLOAD_URL_TTL_SECONDS, filename: doc.fileName, contentType: doc.contentType });
    return NextResponse.redirect(url, { status: 302, headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('UNAVAILABLE', { cause: e });
    if (!isAppError(e)) logger.error('file download failed', { id, err: e });
    return NextResponse.json({ message: translateError(err, locale) }, { status: err.status, headers: { 'Cache-Control': 'no-store' } });
  }
}
