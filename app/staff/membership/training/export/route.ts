import { TRAINING_STAFF_ACCESS } from '@/lib/modules/membership/staff/access';
import { coursePhase, staffCourses } from '@/lib/modules/membership/staff/courses';
import { exportRoute } from '@/lib/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** GET /staff/membership/training/export: 培训管理's course list with states and enrollment counts, as .xlsx, audited. */
export const GET = exportRoute({
  access: TRAINING_STAFF_ACCESS,
  max: 5_000,
  read: async ({ db, actor }, limit) => (await staffCourses(db, actor)).slice(0, limit),
  audit: () => ({ targetType: 'training_courses' }),
  sheet: ({ t, f }, { now }) => {
    const c = (k: string, v?: Record<string, string | number>) => t(`membershipStaff.courses.${k}`, v);
    const at = now();
    return {
      name: c('title'),
      ascii: 'training-courses',
      columns: [
        { header: c('columns.code'), width: 12, value: (r) => r.code },
        { header: c('columns.name'), width: 36, value: (r) => r.name },
        { header: c('columns.location'), width: 24, value: (r) => r.location ?? '' },
        { header: c('columns.status'), width: 14, value: (r) => [c(`status.${r.status}`), r.status === 'open' ? c(`phase.${coursePhase(r, at)}`) : ''].filter(Boolean).join(' · ') },
        { header: c('columns.dates'), width: 24, value: (r) => c('dates', { start: r.startsOn, end: r.endsOn }) },
        { header: c('columns.window'), width: 36, value: (r) => c('window', { start: f.dateTime(r.enrollOpensAt, 'datetime'), end: f.dateTime(r.enrollClosesAt, 'datetime') }) },
        { header: c('columns.enrolled'), width: 12, value: (r) => (r.capacity === null ? r.enrolled : c('enrolledOf', { enrolled: r.enrolled, capacity: r.capacity })) },
        { header: c('columns.enterprises'), width: 10, value: (r) => r.enterprises },
      ],
    };
  },
});
