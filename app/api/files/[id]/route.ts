import { NextResponse } from 'next/server';
import { z } from 'zod';
import { authorizeDocumentRead } from '@/lib/platform/documents/access';
import { defineRoute } from '@/lib/platform/http/route';
import { uuidSchema } from '@/lib/platform/schemas';

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
export const GET = defineRoute({
  access: { kind: 'public' },
  params: z.object({ id: uuidSchema() }),
  handler: async ({ db, storage, actor, params }) => {
    const doc = await authorizeDocumentRead(db, actor, params.id);
    const url = await (await storage()).presignGet(doc.storageKey, { expiresIn: DOWNLOAD_URL_TTL_SECONDS, filename: doc.fileName, contentType: doc.contentType });
    return NextResponse.redirect(url, { status: 302, headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
  },
});
