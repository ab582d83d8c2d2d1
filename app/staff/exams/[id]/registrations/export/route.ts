import { z } from 'zod';
import { examDetail } from '@/lib/modules/exam/catalog';
import { formatFen } from '@/lib/modules/exam/money';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';
import { exportRegistrations, registrationFilterFrom } from '@/lib/modules/exam/admin/services/registrations';
import { AppError } from '@/lib/platform/errors';
import { exportRoute } from '@/lib/platform/http/export-route';
import { findIdType } from '@/lib/reference/id-types';
import { uuidSchema } from '@/lib/platform/schemas';

export const dynamic = 'force-dynamic';

const filterOf = (req: Request) => ({ ...registrationFilterFrom(Object.fromEntries(new URL(req.url).searchParams)), page: 1 });

/**
 * GET /staff/exams/<id>/registrations/export?<list filters>: the filtered
 * registrations as .xlsx, masked like the list (whole ID numbers stay on the
 * per-candidate view), audited.
 */
export const GET = exportRoute({
  access: { kind: 'staff', roles: 'any' },
  params: z.object({ id: uuidSchema() }),
  max: 20_000,
  read: async ({ req, db, actor, params: { id } }, limit) => {
    if (!canAdministerExams(actor)) throw new AppError('FORBIDDEN');
    if (!(await examDetail(db, id))) throw new AppError('NOT_FOUND', { messageKey: 'examAdmin.errors.examNotFound' });
    return exportRegistrations(db, actor, id, filterOf(req), limit);
  },
  audit: ({ req, params: { id } }) => ({ targetType: 'exam_registrations', targetId: id, detail: { filter: filterOf(req) } }),
  sheet: ({ t, f }) => {
    const c = (k: string) => t(`examAdmin.registrations.${k}`);
    return {
      name: t('examAdmin.registrations.sheetName'),
      ascii: 'exam-registrations',
      columns: [
        { header: c('colName'), width: 14, value: (r) => r.name },
        { header: c('colIdType'), width: 16, value: (r) => (r.idType ? (findIdType(r.idType)?.label ?? r.idType) : '') },
        { header: c('colId'), width: 22, value: (r) => r.idNumber },
        { header: c('colMobile'), width: 14, value: (r) => r.mobile },
        { header: c('colArea'), width: 12, value: (r) => r.area ?? '' },
        { header: c('colSubjects'), width: 36, value: (r) => r.subjects },
        { header: c('colAmount'), width: 12, value: (r) => (r.amountFen ? formatFen(r.amountFen) : '') },
        { header: c('colStatus'), width: 10, value: (r) => t(`examAdmin.regStatus.${r.status}`) },
        { header: c('colCreated'), width: 18, value: (r) => f.dateTime(r.createdAt, { dateStyle: 'short', timeStyle: 'short' }) },
      ],
    };
  },
});
