import { NextResponse } from 'next/server';
import { ROSTER_ACCESS } from '@/lib/modules/membership/staff/access';
import { enrollmentTemplate } from '@/lib/modules/membership/staff/template';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';

export const dynamic = 'force-dynamic';

/** GET /portal/membership/training/template: the batch-enrollment template (.xlsx) with today's open courses. */
export const GET = defineRoute({
  access: ROSTER_ACCESS,
  handler: async ({ db, actor, now }) => {
    const body = await enrollmentTemplate(db, actor, now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition('技术人员培训报名表.xlsx', { asciiFallback: 'training-enrollment-template.xlsx' }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
