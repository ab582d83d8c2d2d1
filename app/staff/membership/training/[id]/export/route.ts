import { NextResponse } from 'next/server';
import { z } from 'zod';
import { TIME_ZONE } from '@/i18n/config';
import { TRAINING_STAFF_ACCESS } from '@/lib/modules/membership/staff/access';
import { exportCourseEnrollments } from '@/lib/modules/membership/staff/courses';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

/** GET /staff/membership/training/<id>/export: the course's enrollments as .xlsx (masked ID numbers), audited. */
export const GET = defineRoute({
  access: TRAINING_STAFF_ACCESS,
  params: z.object({ id: uuidSchema() }),
  handler: async ({ db, actor, params, ip, locale, now }) => {
    const { body, course } = await exportCourseEnrollments(db, actor, params.id, { ip, locale });
    const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${course.code}-${locale === 'en' ? 'enrollments' : '报名名单'}-${stamp}.xlsx`, { asciiFallback: `${course.code}-enrollments-${stamp}.xlsx` }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
