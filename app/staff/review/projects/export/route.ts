import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';
import { catalogs } from '@/messages/catalog';
import { REVIEW_STAFF_ACCESS } from '@/lib/modules/review/access';
import { provinceName } from '@/lib/modules/review/constants';
import { projectFilterFrom } from '@/lib/modules/review/filters';
import { assigneesOf } from '@/lib/modules/review/leader';
import { projectExport } from '@/lib/modules/review/queries';
import { audit } from '@/lib/platform/audit';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { listWorkbook } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';
const EXPORT_MAX = 10_000;

/** GET /staff/review/projects/export?<list filters>: the filtered projects as .xlsx, scoped like the page, audited. */
export const GET = defineRoute({
  access: REVIEW_STAFF_ACCESS,
  handler: async ({ req, db, actor, ip, locale, now }) => {
    const filter = projectFilterFrom(Object.fromEntries(new URL(req.url).searchParams));
    const rows = await projectExport(db, actor, { ...filter, page: undefined, assignees: filter.mine ? await assigneesOf(db, actor, now()) : undefined }, EXPORT_MAX + 1);
    const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'review' });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const c = (k: string) => t(`list.columns.${k}` as never);
    const body = await listWorkbook(
      t('list.staffTitle'),
      [
        { header: c('number'), width: 16, value: (r) => r.number },
        { header: c('province'), width: 14, value: (r) => provinceName(r.province) },
        { header: c('unitName'), width: 36, value: (r) => r.unitName },
        { header: c('creditCode'), width: 22, value: (r) => r.creditCode },
        { header: c('contactName'), width: 12, value: (r) => r.contactName },
        { header: c('contactMobile'), width: 16, value: (r) => r.contactMobile },
        { header: c('reviewType'), width: 12, value: (r) => (r.reviewType ? t(`options.reviewType.${r.reviewType}` as never) : '') },
        { header: c('status'), width: 10, value: (r) => t(`options.listStatus.${r.listStatus}` as never) },
        { header: c('stage'), width: 12, value: (r) => t(`options.stage.${r.stage}` as never) },
        { header: c('dueAt'), width: 14, value: (r) => (r.dueAt ? f.dateTime(r.dueAt, { dateStyle: 'short' }) : '') },
      ],
      rows.slice(0, EXPORT_MAX),
      rows.length > EXPORT_MAX ? t('staff.exportTooMany', { max: EXPORT_MAX }) : undefined,
    );
    await audit(db, { action: 'data.export', actorId: actor.id, targetType: 'review_projects', ip, detail: { filter, rows: Math.min(rows.length, EXPORT_MAX) } });
    const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${t('list.staffTitle')}-${stamp}.xlsx`, { asciiFallback: `review-projects-${stamp}.xlsx` }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
