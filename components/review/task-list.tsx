import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import type { Application } from '@/db/schema';
import { stageOf, tabOf } from '@/lib/modules/review/constants';
import { findKind } from '@/lib/platform/workflow';
import { cn } from '@/lib/utils';

/**
 * 我的任务 of module E: each project waiting for the unit, with the step to
 * take (a link straight to that step's tab), its due date, overdue ones
 * highlighted; or the projects the unit moved recently (done).
 */
export async function ReviewTaskList({ items, now, empty, done }: { items: Array<{ app: Application; overdue?: boolean }>; now: Date; empty: string; done?: boolean }) {
  const t = await getTranslations();
  const f = await getFormatter();
  if (items.length === 0) return <p className="py-6 text-center text-sm text-muted-foreground">{empty}</p>;
  return (
    <ul className="flex flex-col" data-testid={done ? 'review-tasks-done' : 'review-tasks-todo'}>
      {items.map(({ app }) => {
        const state = findKind(app.kind)?.states[app.status];
        const overdue = !done && !state?.final && app.dueAt !== null && app.dueAt.getTime() < now.getTime();
        const data = app.data as { unitName?: string };
        return (
          <li key={app.id} className={cn('flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-2 py-2 first:border-t-0', overdue && 'bg-red-50')} data-overdue={overdue || undefined} data-number={app.number}>
            <div className="flex min-w-0 flex-col">
              <span className="text-sm font-medium">
                <span className="font-mono">{app.number}</span> · {t(`review.options.stage.${stageOf(app.status, 0)}` as never)}
              </span>
              <span className="truncate text-xs text-muted-foreground">{data.unitName || app.applicantName}</span>
            </div>
            <div className="flex items-center gap-2">
              <Badge tone={badgeTone(state?.tone)}>{stateLabel(t, app.kind, app.status)}</Badge>
              {!done && app.dueAt && !state?.final && (
                <span className={cn('text-xs tabular-nums', overdue ? 'font-semibold text-danger' : 'text-muted-foreground')}>
                  {overdue ? t('review.tasks.overdue', { date: f.dateTime(app.dueAt, 'date') }) : t('review.tasks.due', { date: f.dateTime(app.dueAt, 'date') })}
                </span>
              )}
              <Link href={`/portal/review/projects/${app.id}?tab=${tabOf(app.status)}`} className="text-sm text-primary hover:underline">
                {done ? t('review.tasks.view') : t(`review.tasks.act.${tabOf(app.status)}` as never)}
                <span className="sr-only"> {app.number}</span>
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
