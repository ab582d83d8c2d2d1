import { exportStaffNotices, staffNoticeFilterFrom } from '@/lib/modules/publications/services/list-notices';
import { exportRoute } from '@/lib/platform/http/export-route';

export const dynamic = 'force-dynamic';

const filterOf = (req: Request) => ({ ...staffNoticeFilterFrom(Object.fromEntries(new URL(req.url).searchParams)), page: 1 });

/** GET /staff/notices/export?module=&category=&status=&q=: 信息发布's filtered list (the notices the staff member may edit) as .xlsx, audited. */
export const GET = exportRoute({
  access: { kind: 'staff', roles: 'any' },
  max: 10_000,
  read: ({ req, db, actor }, limit) => exportStaffNotices(db, actor, filterOf(req), limit),
  audit: ({ req }) => ({ targetType: 'notices', detail: { filter: filterOf(req) } }),
  sheet: ({ t, f }) => {
    const p = (k: string) => t(`publications.${k}`);
    return {
      name: p('staff.title'),
      ascii: 'notices',
      columns: [
        { header: p('staff.colTitle'), width: 48, value: (r) => r.title },
        { header: p('staff.colModule'), width: 18, value: (r) => (r.module ? t(`modules.${r.module}.name`) : p('platformWide')) },
        { header: p('staff.colCategory'), width: 10, value: (r) => p(`category.${r.category === 'document' ? 'document' : 'news'}`) },
        { header: p('staff.colStatus'), width: 10, value: (r) => p(`status.${r.status}`) },
        { header: p('staff.colPublishedAt'), width: 18, value: (r) => (r.publishedAt ? f.dateTime(r.publishedAt, 'datetime') : '') },
        { header: p('staff.colAttachments'), width: 8, value: (r) => r.attachmentCount },
        { header: p('staff.colUpdatedAt'), width: 18, value: (r) => f.dateTime(r.updatedAt, 'datetime') },
      ],
    };
  },
});
