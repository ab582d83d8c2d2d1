import { kindName, stateLabel } from '@/components/workflow/labels';
import { AppError } from '@/lib/platform/errors';
import { exportRoute } from '@/lib/platform/http/export-route';
import { queueExport, staffKinds } from '@/lib/platform/workflow';
import { queueFilterFrom } from '../filters';

export const dynamic = 'force-dynamic';

const filterOf = (req: Request) => ({ ...queueFilterFrom(Object.fromEntries(new URL(req.url).searchParams)), cursor: undefined });

/**
 * GET /staff/queue/export?<queue filters>: the filtered queue as .xlsx, scoped
 * by the actor's roles (the same query as the page), audited.
 */
export const GET = exportRoute({
  access: { kind: 'staff', roles: 'any' },
  max: 10_000,
  read: async ({ req, db, actor }, limit) => {
    if (staffKinds(actor).length === 0) throw new AppError('FORBIDDEN');
    return queueExport(db, actor, filterOf(req), limit);
  },
  audit: ({ req }) => ({ targetType: 'applications', detail: { filter: filterOf(req) } }),
  sheet: ({ t, f }) => {
    const c = (k: string) => t(`workflow.queue.columns.${k}`);
    return {
      name: t('workflow.queue.sheetName'),
      ascii: 'applications',
      columns: [
        { header: c('number'), width: 20, value: (r) => r.number },
        { header: c('kind'), width: 20, value: (r) => kindName(t as never, r.kind) },
        { header: c('applicant'), width: 36, value: (r) => r.applicantName },
        { header: c('status'), width: 14, value: (r) => stateLabel(t as never, r.kind, r.status) },
        { header: c('updatedAt'), width: 20, value: (r) => f.dateTime(r.updatedAt, { dateStyle: 'short', timeStyle: 'short' }) },
        { header: c('dueAt'), width: 14, value: (r) => (r.dueAt ? f.dateTime(r.dueAt, { dateStyle: 'short' }) : '') },
      ],
    };
  },
});
