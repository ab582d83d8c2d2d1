import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readStaffPhoto } from '@/lib/modules/membership/staff/roster';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/**
 * GET /api/membership/staff/<id>/photo: a roster person's photo, inline (small
 * images, shown in <img>), for the person's enterprise and module-B staff;
 * anyone else gets 404, as for a person without a photo.
 */
export const GET = defineRoute({
  access: { kind: 'signedIn' },
  params: z.object({ id: uuidSchema() }),
  handler: async ({ db, storage, actor, params }) => {
    const photo = await readStaffPhoto(db, await storage(), actor, params.id);
    return new NextResponse(Buffer.from(photo.bytes), {
      status: 200,
      headers: {
        'Content-Type': photo.contentType,
        'Content-Length': String(photo.bytes.byteLength),
        'Content-Disposition': contentDisposition(photo.fileName, { inline: true, asciiFallback: 'staff-photo' }),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
});
