import { asStatus, examPhase } from '@/components/exam-admin/labels';
import { listStaffExams } from '@/lib/modules/exam/admin/services/list-exams';
import { exportRoute } from '@/lib/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** GET /staff/exams/export: 考试管理's list as .xlsx (exam administrators and admins, as the page), audited. */
export const GET = exportRoute({
  access: { kind: 'staff', roles: ['exam_admin', 'admin'] },
  max: 5_000,
  read: async ({ db, actor }, limit) => (await listStaffExams(db, actor)).slice(0, limit),
  audit: () => ({ targetType: 'exams' }),
  sheet: ({ t, f }, { now }) => {
    const c = (k: string) => t(`examAdmin.list.${k}`);
    const at = now();
    const range = (a: Date | null, b: Date | null) => (a && b ? `${f.dateTime(a, 'datetime')} – ${f.dateTime(b, 'datetime')}` : t('examAdmin.detail.notSet'));
    return {
      name: c('title'),
      ascii: 'exams',
      columns: [
        { header: c('colName'), width: 36, value: (r) => r.name },
        {
          header: c('colStatus'),
          width: 14,
          value: (r) => {
            const phase = examPhase(r, at);
            return [t(`examAdmin.status.${asStatus(r.status)}`), phase && t(`examAdmin.phase.${phase}`), r.ticketsReleasedAt && c('ticketsReleased')].filter(Boolean).join(' · ');
          },
        },
        { header: c('colPeriod'), width: 24, value: (r) => t('examAdmin.list.period', { start: r.periodStart, end: r.periodEnd }) },
        { header: c('colRegistration'), width: 36, value: (r) => range(r.registrationOpensAt, r.registrationClosesAt) },
        { header: c('colRefund'), width: 36, value: (r) => range(r.refundOpensAt, r.refundClosesAt) },
        { header: c('colRegistrations'), width: 10, value: (r) => r.registrations },
        { header: c('colPaid'), width: 10, value: (r) => r.paid },
      ],
    };
  },
});
