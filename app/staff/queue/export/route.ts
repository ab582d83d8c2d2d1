import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { TIME_ZONE } from '@/i18n/config';
import { catalogs } from '@/messages/catalog';
import { kindName, stateLabel } from '@/components/workflow/labels';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { audit } from '@/lib/platform/audit';
import { AppError } from '@/lib/platform/errors';
import { defineRoute } from '@/lib/platform/http/route';
import { queueExport, staffKinds } from '@/lib/platform/workflow';
import { listWorkbook } from '@/lib/platform/xlsx';
import { queueFilterFrom } from '../filters';

export const dynamic = 'force-dynamic';
const EXPORT_MAX = 10_000;

/**
 * GET /staff/queue/export?<queue filters>: the filtered queue as .xlsx. A route
 * handler has no layout in front of it: it checks the actor itself, scopes the
 * rows by the actor's roles (the same query as the page) and audits the export.
 */
export const GET = defineRoute({
  access: { kind: 'staff', roles: 'any' },
  handler: async ({ req, db, actor, ip, locale, now }) => {
    if (staffKinds(actor).length === 0) throw new AppError('FORBIDDEN');
    const filter = { ...queueFilterFrom(Object.fromEntries(new URL(req.url).searchParams)), cursor: undefined };
    const rows = await queueExport(db, actor, filter, EXPORT_MAX + 1);
    const t = createTranslator({ locale, messages: catalogs[locale] });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const c = (k: string) => t(`workflow.queue.columns.${k}` as never);
    const body = await listWorkbook(
      t('workflow.queue.sheetName'),
      [
        { header: c('number'), width: 20, value: (r) => r.number },
        { header: c('kind'), width: 20, value: (r) => kindName(t as never, r.kind) },
        { header: c('applicant'), width: 36, value: (r) => r.applicantName },
        { header: c('status'), width: 14, value: (r) => stateLabel(t as never, r.kind, r.status) },
        { header: c('updatedAt'), width: 20, value: (r) => f.dateTime(r.updatedAt, { dateStyle: 'short', timeStyle: 'short' }) },
        { header: c('dueAt'), width: 14, value: (r) => (r.dueAt ? f.dateTime(r.dueAt, { dateStyle: 'short' }) : '') },
      ],
      rows.slice(0, EXPORT_MAX),
      rows.length > EXPORT_MAX ? t('workflow.queue.exportTooMany', { max: EXPORT_MAX }) : undefined,
    );
    await audit(db, { action: 'data.export', actorId: actor.id, targetType: 'applications', ip, detail: { filter, rows: Math.min(rows.length, EXPORT_MAX) } });
    const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${t('workflow.queue.sheetName')}-${stamp}.xlsx`, { asciiFallback: `applications-${stamp}.xlsx` }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
