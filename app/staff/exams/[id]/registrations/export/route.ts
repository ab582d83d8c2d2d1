import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { z } from 'zod';
import { TIME_ZONE } from '@/i18n/config';
import { catalogs } from '@/messages/catalog';
import { examDetail } from '@/lib/modules/exam/catalog';
import { formatFen } from '@/lib/modules/exam/money';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { exportRegistrations, registrationFilterFrom } from '@/lib/modules/exam/admin/services/registrations';
import { audit } from '@/lib/platform/audit';
import { AppError } from '@/lib/platform/errors';
import { defineRoute } from '@/lib/platform/http/route';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { findIdType } from '@/lib/reference/id-types';
import { uuidSchema } from '@/lib/platform/schemas';
import { listWorkbook } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';
const EXPORT_MAX = 20_000;

/**
 * GET /staff/exams/<id>/registrations/export?<list filters>: the filtered
 * registrations as .xlsx, masked like the list (whole ID numbers stay on the
 * per-candidate view). A route handler has no layout in front of it: it checks
 * the actor itself and audits the export.
 */
export const GET = defineRoute({
  access: { kind: 'staff', roles: 'any' },
  params: z.object({ id: uuidSchema() }),
  handler: async ({ req, db, actor, params: { id }, ip, locale, now }) => {
    if (!canAdministerExams(actor)) throw new AppError('FORBIDDEN');
    const detail = await examDetail(db, id);
    if (!detail) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.examNotFound' });
    const filter = { ...registrationFilterFrom(Object.fromEntries(new URL(req.url).searchParams)), page: 1 };
    const rows = await exportRegistrations(db, actor, id, filter, EXPORT_MAX + 1);
    const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'examAdmin' });
    const f = createFormatter({ locale, timeZone: TIME_ZONE });
    const c = (k: string) => t(`registrations.${k}` as never);
    const body = await listWorkbook(
      t('registrations.sheetName'),
      [
        { header: c('colName'), width: 14, value: (r) => r.name },
        { header: c('colIdType'), width: 16, value: (r) => (r.idType ? (findIdType(r.idType)?.label ?? r.idType) : '') },
        { header: c('colId'), width: 22, value: (r) => r.idNumber },
        { header: c('colMobile'), width: 14, value: (r) => r.mobile },
        { header: c('colArea'), width: 12, value: (r) => r.area ?? '' },
        { header: c('colSubjects'), width: 36, value: (r) => r.subjects },
        { header: c('colAmount'), width: 12, value: (r) => (r.amountFen ? formatFen(r.amountFen) : '') },
        { header: c('colStatus'), width: 10, value: (r) => t(`regStatus.${r.status}` as never) },
        { header: c('colCreated'), width: 18, value: (r) => f.dateTime(r.createdAt, { dateStyle: 'short', timeStyle: 'short' }) },
      ],
      rows.slice(0, EXPORT_MAX),
      rows.length > EXPORT_MAX ? t('registrations.exportTooMany', { max: EXPORT_MAX }) : undefined,
    );
    await audit(db, {
      action: 'data.export',
      actorId: actor.id,
      targetType: 'exam_registrations',
      targetId: id,
      ip,
      detail: { exam: detail.exam.name, filter, rows: Math.min(rows.length, EXPORT_MAX) },
    });
    const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now());
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${detail.exam.name}-${t('registrations.sheetName')}-${stamp}.xlsx`, { asciiFallback: `exam-registrations-${stamp}.xlsx` }),
        'Cache-Control': 'private, no-store',
      },
    });
  },
});
