import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { getDb } from '@/db';
import { toLocale, LOCALE_COOKIE } from '@/i18n/config';
import { authorizeAttachmentRead } from '@/lib/modules/publications/services/read-attachment';
import { getActor } from '@/lib/platform/auth/server';
import { AppError, isAppError, translateError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import { getStorage } from '@/lib/platform/storage';

export const dynamic = 'force-dynamic';

/** Lifetime of the presigned GET: long enough to start the download, too short to pass around. */
const DOWNLOAD_URL_TTL_SECONDS = 60;

/**
 * A notice's attachment, as /api/files/<id> serves documents: public once the
 * notice is published, before that only for staff who may edit it; anything
 * else is 404 (a draft must not be told apart from nothing). On success a 302
 * to a short-lived presigned GET carrying the original file name.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string; index: string }> }) {
  const { id, index } = await ctx.params;
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  try {
    const a = await authorizeAttachmentRead(await getDb(), await getActor(), id, index);
    const url = await (await getStorage()).presignGet(a.key, { expiresIn: DOWNLOAD_URL_TTL_SECONDS, filename: a.name, contentType: a.contentType });
    return NextResponse.redirect(url, { status: 302, headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('UNAVAILABLE', { cause: e });
    if (!isAppError(e)) logger.error('notice attachment download failed', { id, index, err: e });
    return NextResponse.json({ message: translateError(err, locale) }, { status: err.status, headers: { 'Cache-Control': 'no-store' } });
  }
}
