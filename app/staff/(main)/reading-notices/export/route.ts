import { exportRoute } from '@/lib/platform/http/export-route';
import { exportReadingNotices } from '@/lib/platform/notices/editor';

export const dynamic = 'force-dynamic';

/** GET /staff/reading-notices/export: the forced-reading notices this staff member maintains, with their text and reading time, as .xlsx, audited. */
export const GET = exportRoute({
  access: { kind: 'staff', roles: 'any' },
  max: 1_000,
  read: async ({ db, actor }, limit) => (await exportReadingNotices(db, actor)).slice(0, limit),
  audit: () => ({ targetType: 'reading_notices' }),
  sheet: ({ t }) => {
    const c = (k: string) => t(`forcedReading.staff.${k}`);
    return {
      name: c('title'),
      ascii: 'reading-notices',
      columns: [
        { header: t('console.export.module'), width: 18, value: (r) => t(`modules.${r.module}.name`) },
        { header: c('key'), width: 24, value: (r) => r.key },
        { header: c('fieldTitle'), width: 30, value: (r) => r.title },
        { header: c('fieldSeconds'), width: 12, value: (r) => r.seconds },
        { header: c('fieldBody'), width: 80, value: (r) => r.body },
      ],
    };
  },
});
