import type { Application } from '@/db/schema';
import { kindName, stateLabel } from '@/components/workflow/labels';
import { exportRoute } from '@/lib/platform/http/export-route';
import { exportMyTasks, findKind } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

type TaskRow = { list: 'todo' | 'done'; app: Application; overdue: boolean };

/**
 * GET /staff/tasks/export: 我的任务 as .xlsx, the to-do list then the done
 * list, as the page shows them (the same read model, scoped to the staff
 * member's roles, assignments and delegations), audited.
 */
export const GET = exportRoute({
  access: { kind: 'staff', roles: 'any' },
  max: 1_000,
  read: async ({ db, actor, now }, limit): Promise<TaskRow[]> => {
    const { todo, done } = await exportMyTasks(db, actor, now());
    return [...todo.map((x) => ({ list: 'todo' as const, ...x })), ...done.map((app) => ({ list: 'done' as const, app, overdue: false }))].slice(0, limit);
  },
  audit: () => ({ targetType: 'tasks' }),
  sheet: ({ t, f }) => {
    const c = (k: string) => t(`workflow.queue.columns.${k}`);
    return {
      name: t('workflow.tasks.title'),
      ascii: 'tasks',
      columns: [
        { header: t('console.export.taskList'), width: 8, value: (r) => t(`workflow.tasks.${r.list}`) },
        { header: c('kind'), width: 20, value: (r) => kindName(t as never, r.app.kind) },
        { header: c('applicant'), width: 36, value: (r) => r.app.applicantName },
        { header: c('number'), width: 20, value: (r) => r.app.number },
        { header: c('status'), width: 14, value: (r) => stateLabel(t as never, r.app.kind, r.app.status) },
        {
          header: c('dueAt'),
          width: 14,
          value: (r) => (r.app.dueAt && !findKind(r.app.kind)?.states[r.app.status]?.final ? f.dateTime(r.app.dueAt, 'date') : ''),
        },
        { header: t('workflow.tasks.overdue'), width: 8, value: (r) => (r.overdue ? t('console.export.yes') : '') },
      ],
    };
  },
});
