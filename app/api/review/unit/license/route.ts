import { NextResponse } from 'next/server';
import { UNIT_ACCESS } from '@/lib/modules/review/access';
import { unitLicenseFor } from '@/lib/modules/review/unit';
import { defineRoute } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

/** GET /api/review/unit/license: the unit's business licence for any of its accounts with module E (302 to a short-lived presigned GET). */
export const GET = defineRoute({
  access: UNIT_ACCESS,
  handler: async ({ db, storage, actor }) => {
    const doc = await unitLicenseFor(db, actor);
    const url = await (await storage()).presignGet(doc.storageKey, { expiresIn: 60, filename: doc.fileName, contentType: doc.contentType });
    return NextResponse.redirect(url, { status: 302, headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
  },
});
