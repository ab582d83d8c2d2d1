import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { exportPlans, planFilterFrom } from '@/lib/modules/personnel/plans/queries';
import { planDates, planFee, planItemLabel } from '@/lib/modules/personnel/plans/present';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/** GET /staff/personnel/plans/export?<filters>: the exam plans list as .xlsx (exportPlans checks the actor and audits it). */
export const GET = defineRoute({
  access: { kind: 'staff', roles: 'any' },
  handler: async ({ req, db, actor, ip, locale, now }) => {
    const filter = planFilterFrom(Object.fromEntries(new URL(req.url).searchParams));
    const rows = await exportPlans(db, actor, filter, ip);
    const t = createTranslator({ locale, messages: messagesFor(locale) });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const c = (k: string) => t(`personnel.plans.${k}` as never);
    const body = await listWorkbook(
      c('plansSheetName'),
      [
        { header: c('fields.name'), width: 36, value: (p) => p.name },
        { header: c('fields.kind'), width: 16, value: (p) => t(`personnel.planKinds.${p.kind}` as never) },
        { header: c('fields.item'), width: 26, value: (p) => planItemLabel(p) },
        { header: c('fields.status'), width: 10, value: (p) => t(`personnel.planStatus.${p.status}` as never) },
        { header: c('examDates'), width: 24, value: (p) => planDates(p, c('to')) },
        { header: c('fields.enrollOpensAt'), width: 18, value: (p) => f.dateTime(p.enrollOpensAt, { dateStyle: 'short', timeStyle: 'short' }) },
        { header: c('fields.enrollClosesAt'), width: 18, value: (p) => f.dateTime(p.enrollClosesAt, { dateStyle: 'short', timeStyle: 'short' }) },
        { header: c('fields.site'), width: 30, value: (p) => p.site },
        { header: c('fields.capacity'), width: 10, value: (p) => p.capacity },
        { header: c('seats'), width: 10, value: (p) => p.taken },
        { header: c('fields.fee'), width: 12, value: (p) => planFee(p) ?? c('noFee') },
      ],
      rows,
    );
    const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${c('plansSheetName')}-${stamp}.xlsx`, { asciiFallback: `personnel-plans-${stamp}.xlsx` }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
