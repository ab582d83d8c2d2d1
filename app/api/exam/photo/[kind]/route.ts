import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { getDb } from '@/db';
import { toLocale, LOCALE_COOKIE } from '@/i18n/config';
import { readPhoto } from '@/lib/modules/exam/photo/services/read-photo';
import { photoFileKindSchema } from '@/lib/modules/exam/photo/schemas';
import { getActor } from '@/lib/platform/auth/server';
import { AppError, isAppError, translateError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { getStorage } from '@/lib/platform/storage';

export const dynamic = 'force-dynamic';

/**
 * GET /api/exam/photo/original|standard[?userId=…] — the candidate's own ID
 * photo (source or standard); exam staff name the candidate with `userId`.
 * Anyone else gets 404, as for a photo that does not exist. The bytes are
 * small, so they come through here and can be shown inline in an <img>.
 */
export async function GET(req: Request, ctx: { params: Promise<{ kind: string }> }) {
  const { kind } = await ctx.params;
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  try {
    const parsed = photoFileKindSchema.safeParse(kind);
    if (!parsed.success) throw new AppError('NOT_FOUND');
    const userId = new URL(req.url).searchParams.get('userId');
    const photo = await readPhoto(await getDb(), await getStorage(), await getActor(), { kind: parsed.data, userId });
    return new NextResponse(Buffer.from(photo.bytes), {
      status: 200,
      headers: {
        'Content-Type': 'image/jpeg',
        'Content-Length': String(photo.bytes.byteLength),
        'Content-Disposition': contentDisposition(photo.fileName, { inline: true, asciiFallback: `${parsed.data}-photo.jpg` }),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('UNAVAILABLE', { cause: e });
    if (!isAppError(e)) logger.error('exam photo download failed', { kind, err: e });
    return NextResponse.json({ message: translateError(err, locale) }, { status: err.status, headers: { 'Cache-Control': 'no-store' } });
  }
}
