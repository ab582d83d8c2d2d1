import { REVIEW_STAFF_ACCESS } from '@/lib/modules/review/access';
import { provinceName } from '@/lib/modules/review/constants';
import { projectFilterFrom } from '@/lib/modules/review/filters';
import { assigneesOf } from '@/lib/modules/review/leader';
import { projectExport } from '@/lib/modules/review/queries';
import { exportRoute } from '@/lib/platform/http/export-route';

export const dynamic = 'force-dynamic';

const filterOf = (req: Request) => projectFilterFrom(Object.fromEntries(new URL(req.url).searchParams));

/** GET /staff/review/projects/export?<list filters>: the filtered projects as .xlsx, scoped like the page, audited. */
export const GET = exportRoute({
  access: REVIEW_STAFF_ACCESS,
  max: 10_000,
  read: async ({ req, db, actor, now }, limit) => {
    const filter = filterOf(req);
    return projectExport(db, actor, { ...filter, page: undefined, assignees: filter.mine ? await assigneesOf(db, actor, now()) : undefined }, limit);
  },
  audit: ({ req }) => ({ targetType: 'review_projects', detail: { filter: filterOf(req) } }),
  sheet: ({ t: all, f }) => {
    const t = (k: string) => all(`review.${k}`);
    const c = (k: string) => t(`list.columns.${k}`);
    return {
      name: t('list.staffTitle'),
      ascii: 'review-projects',
      columns: [
        { header: c('number'), width: 16, value: (r) => r.number },
        { header: c('province'), width: 14, value: (r) => provinceName(r.province) },
        { header: c('unitName'), width: 36, value: (r) => r.unitName },
        { header: c('creditCode'), width: 22, value: (r) => r.creditCode },
        { header: c('contactName'), width: 12, value: (r) => r.contactName },
        { header: c('contactMobile'), width: 16, value: (r) => r.contactMobile },
        { header: c('reviewType'), width: 12, value: (r) => (r.reviewType ? t(`options.reviewType.${r.reviewType}`) : '') },
        { header: c('status'), width: 10, value: (r) => t(`options.listStatus.${r.listStatus}`) },
        { header: c('stage'), width: 12, value: (r) => t(`options.stage.${r.stage}`) },
        { header: c('dueAt'), width: 14, value: (r) => (r.dueAt ? f.dateTime(r.dueAt, { dateStyle: 'short' }) : '') },
      ],
    };
  },
});
