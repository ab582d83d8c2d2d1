import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { z } from 'zod';
import { TIME_ZONE } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { stateLabel } from '@/components/workflow/labels';
import type { EnrollmentData } from '@/lib/modules/personnel/enrollment/schemas';
import { exportPlanEnrollments } from '@/lib/modules/personnel/plans/queries';
import { planItemLabel } from '@/lib/modules/personnel/plans/present';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { uuidSchema } from '@/lib/platform/schemas';
import { listWorkbook } from '@/lib/platform/xlsx';
import { maskIdNumber, maskMobile } from '@/lib/reference/validators';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/personnel/plans/<id>/export: the plan's enrolled people as .xlsx
 * (ID numbers and mobiles masked, like the list). exportPlanEnrollments
 * checks the actor (module C's exam administrators and admins) and audits it.
 */
export const GET = defineRoute({
  access: { kind: 'staff', roles: 'any' },
  params: z.object({ id: uuidSchema() }),
  handler: async ({ db, actor, params, ip, locale, now }) => {
    const { plan, rows } = await exportPlanEnrollments(db, actor, params.id, ip);
    const t = createTranslator({ locale, messages: messagesFor(locale) });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const c = (k: string) => t(`personnel.plans.${k}` as never);
    const body = await listWorkbook(
      c('sheetName'),
      [
        { header: c('colNumber'), width: 18, value: (r) => r.number },
        { header: c('colName'), width: 12, value: (r) => r.name },
        { header: c('colId'), width: 22, value: (r) => (r.idNumber ? maskIdNumber(r.idNumber) : '') },
        { header: c('colMobile'), width: 14, value: (r) => (r.mobile ? maskMobile(r.mobile) : '') },
        { header: c('colEmployer'), width: 28, value: (r) => (r.data as EnrollmentData).employer ?? '' },
        { header: c('colItem'), width: 24, value: () => planItemLabel(plan) },
        { header: c('colEnrollType'), width: 12, value: (r) => {
          const type = (r.data as EnrollmentData).enrollType;
          return type ? t(`personnel.enrollTypes.${type}` as never) : '';
        } },
        { header: c('colStatus'), width: 16, value: (r) => stateLabel(t, r.kind, r.status) },
        { header: c('colResult'), width: 12, value: (r) => {
          const res = (r.data as EnrollmentData).result;
          return res ? t(`personnel.outcomes.${res.outcome}` as never) : '';
        } },
        { header: t('personnel.form.fields.theoryScore' as never), width: 10, value: (r) => (r.data as EnrollmentData).result?.theoryScore ?? '' },
        { header: t('personnel.form.fields.practicalScore' as never), width: 10, value: (r) => (r.data as EnrollmentData).result?.practicalScore ?? '' },
        { header: c('colCertificate'), width: 20, value: (r) => (r.data as EnrollmentData).certificate?.number ?? '' },
        { header: c('colSubmitted'), width: 18, value: (r) => (r.submittedAt ? f.dateTime(r.submittedAt, { dateStyle: 'short', timeStyle: 'short' }) : '') },
      ],
      rows,
    );
    const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${plan.name}-${c('sheetName')}-${stamp}.xlsx`, { asciiFallback: `personnel-plan-${stamp}.xlsx` }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
