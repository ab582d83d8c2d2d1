import Link from 'next/link';
import { AppLink } from '@/components/ui/app-link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { Application } from '@/db/schema';
import type { Actor } from '@/lib/platform/auth/actor';
import type { ApplicantItem } from '@/lib/platform/manifest';
import { findKind, myTasks } from '@/lib/platform/workflow';
import type { Db } from '@/db';
import { cn } from '@/lib/utils';
import { badgeTone, kindName, stateLabel } from './labels';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => Date.now();

const TONE = { neutral: 'neutral', info: 'primary', warning: 'warning', success: 'success', danger: 'danger' } as const;

/**
 * 我的任务: to-do (waiting for me, oldest due first, overdue highlighted) and
 * done; `items` adds what modules outside the engine hold for an applicant
 * (exam registrations with their next step).
 */
export async function TaskLists({ db, actor, hrefOf, limit, items = [] }: { db: Db; actor: Actor; hrefOf: (app: Application) => string; limit?: number; items?: ApplicantItem[] }) {
  const t = await getTranslations();
  const f = await getFormatter();
  const { todo, done } = await myTasks(db, actor);
  const now = requestTime();
  const itemTodo = items.filter((i) => i.todo);
  const itemRow = (i: ApplicantItem) => {
    const overdue = i.dueAt !== null && i.dueAt.getTime() < now;
    return (
      <li key={i.key} className={cn('flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-3 py-2 first:border-t-0', overdue && 'bg-red-50')} data-overdue={overdue || undefined}>
        <div className="flex min-w-0 flex-col">
          <span className="truncate text-sm font-medium">
            {i.kindLabel} · {i.number}
          </span>
          {i.nextStep && <span className="text-xs text-muted-foreground">{t('workflow.tasks.next', { step: i.nextStep })}</span>}
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={TONE[i.tone]}>{i.statusLabel}</Badge>
          {i.dueAt && <span className={cn('text-xs tabular-nums', overdue ? 'font-semibold text-danger' : 'text-muted-foreground')}>{overdue ? t('workflow.tasks.overdue') : t('workflow.tasks.due', { date: f.dateTime(i.dueAt, 'date') })}</span>}
          <AppLink href={i.href} className="text-sm text-primary hover:underline">
            {t('workflow.tasks.open')}
            <span className="sr-only"> {i.number}</span>
          </AppLink>
        </div>
      </li>
    );
  };
  const row = (app: Application, overdue = false) => (
    <li key={app.id} className={cn('flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-3 py-2 first:border-t-0', overdue && 'bg-red-50')} data-overdue={overdue || undefined}>
      <div className="flex min-w-0 flex-col">
        <span className="truncate text-sm font-medium">
          {kindName(t, app.kind)} · {app.applicantName}
        </span>
        <span className="font-mono text-xs text-muted-foreground">{app.number}</span>
      </div>
      <div className="flex items-center gap-2">
        <Badge tone={badgeTone(findKind(app.kind)?.states[app.status]?.tone)}>{stateLabel(t, app.kind, app.status)}</Badge>
        {app.dueAt && !findKind(app.kind)?.states[app.status]?.final && (
          <span className={cn('text-xs tabular-nums', overdue ? 'font-semibold text-danger' : 'text-muted-foreground')}>
            {overdue ? t('workflow.tasks.overdue') : t('workflow.tasks.due', { date: f.dateTime(app.dueAt, 'date') })}
          </span>
        )}
        <Link href={hrefOf(app)} className="text-sm text-primary hover:underline">
          {t('workflow.tasks.open')}
          <span className="sr-only"> {app.number}</span>
        </Link>
      </div>
    </li>
  );
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="tasks-todo" className="rounded-card border border-border bg-white">
        <h2 id="tasks-todo" className="border-b border-border px-3 py-2 text-sm font-semibold">
          {t('workflow.tasks.todo')} <span className="tabular-nums text-muted-foreground">({todo.length + itemTodo.length})</span>
        </h2>
        {todo.length + itemTodo.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-muted-foreground">{t('workflow.tasks.emptyTodo')}</p>
        ) : (
          <ul data-testid="tasks-todo">
            {todo.slice(0, limit).map((x) => row(x.app, x.overdue))}
            {itemTodo.slice(0, limit).map(itemRow)}
          </ul>
        )}
      </section>
      <section aria-labelledby="tasks-done" className="rounded-card border border-border bg-white">
        <h2 id="tasks-done" className="border-b border-border px-3 py-2 text-sm font-semibold">
          {t('workflow.tasks.done')} <span className="tabular-nums text-muted-foreground">({done.length})</span>
        </h2>
        {done.length === 0 ? <p className="px-3 py-6 text-center text-sm text-muted-foreground">{t('workflow.tasks.emptyDone')}</p> : <ul data-testid="tasks-done">{done.slice(0, limit).map((a) => row(a))}</ul>}
      </section>
    </div>
  );
}
