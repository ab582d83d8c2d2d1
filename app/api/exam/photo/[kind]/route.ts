import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readPhoto } from '@/lib/modules/exam/photo/services/read-photo';
import { photoFileKindSchema } from '@/lib/modules/exam/photo/schemas';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/exam/photo/original|standard[?userId=…] — the candidate's own ID
 * photo (source or standard); exam staff name the candidate with `userId`.
 * Anyone else gets 404, as for a photo that does not exist. The bytes are
 * small, so they come through here and can be shown inline in an <img>.
 */
export const GET = defineRoute({
  access: { kind: 'public' },
  params: z.object({ kind: photoFileKindSchema }),
  query: z.object({ userId: z.string().optional() }),
  handler: async ({ db, storage, actor, params, query }) => {
    const photo = await readPhoto(db, await storage(), actor, { kind: params.kind, userId: query.userId ?? null });
    return new NextResponse(Buffer.from(photo.bytes), {
      status: 200,
      headers: {
        'Content-Type': 'image/jpeg',
        'Content-Length': String(photo.bytes.byteLength),
        'Content-Disposition': contentDisposition(photo.fileName, { inline: true, asciiFallback: `${params.kind}-photo.jpg` }),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
});
