import { NextResponse } from 'next/server';
import { z } from 'zod';
import { authorizeAttachmentRead } from '@/lib/modules/publications/services/read-attachment';
import { defineRoute } from '@/lib/platform/http/route';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/** Lifetime of the presigned GET: long enough to start the download, too short to pass around. */
const DOWNLOAD_URL_TTL_SECONDS = 60;

/**
 * A notice's attachment, as /api/files/<id> serves documents: public once the
 * notice is published, before that only for staff who may edit it; anything
 * else is 404 (a draft must not be told apart from nothing). On success a 302
 * to a short-lived presigned GET carrying the original file name.
 */
export const GET = defineRoute({
  access: { kind: 'public' },
  params: z.object({ id: uuidSchema(), index: z.string() }),
  handler: async ({ db, storage, actor, params }) => {
    const a = await authorizeAttachmentRead(db, actor, params.id, params.index);
    const url = await (await storage()).presignGet(a.key, { expiresIn: DOWNLOAD_URL_TTL_SECONDS, filename: a.name, contentType: a.contentType });
    return NextResponse.redirect(url, { status: 302, headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
  },
});
