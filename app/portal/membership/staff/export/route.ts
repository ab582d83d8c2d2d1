import { NextResponse } from 'next/server';
import { TIME_ZONE } from '@/i18n/config';
import { ROSTER_ACCESS } from '@/lib/modules/membership/staff/access';
import { exportRoster } from '@/lib/modules/membership/staff/roster';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';

export const dynamic = 'force-dynamic';

/** GET /portal/membership/staff/export: the enterprise's roster as .xlsx (masked like the list), audited. */
export const GET = defineRoute({
  access: ROSTER_ACCESS,
  handler: async ({ db, actor, ip, locale, now }) => {
    const { body } = await exportRoster(db, actor, { ip, locale });
    const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${locale === 'en' ? 'technical-staff' : '技术人员名单'}-${stamp}.xlsx`, { asciiFallback: `technical-staff-${stamp}.xlsx` }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
