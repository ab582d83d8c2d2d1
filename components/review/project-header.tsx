import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { CardHeader } from '@/components/ui/card';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import { TABS, provinceName, type Tab } from '@/lib/modules/review/constants';
import type { ProjectView } from '@/lib/modules/review/queries';
import { getKind } from '@/lib/platform/workflow';
import { cn } from '@/lib/utils';
import { FlowDiagram } from './flow-diagram';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => Date.now();

/** The operations page's head: number, unit, state, stage and due date, and the overall flow with the stage lit. */
export async function ProjectHeader({ view, staff }: { view: ProjectView; staff?: boolean }) {
  const t = await getTranslations();
  const f = await getFormatter();
  const { app, data } = view;
  const state = getKind(app.kind).states[app.status];
  const overdue = !state?.final && app.dueAt !== null && app.dueAt.getTime() < requestTime();
  return (
    <CardHeader className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-lg font-semibold">{t('review.project.title')}</h1>
        <span className="font-mono text-sm" data-testid="project-number">
          {app.number}
        </span>
        <Badge tone={badgeTone(state?.tone)} data-testid="application-status">
          {stateLabel(t, app.kind, app.status)}
        </Badge>
        {view.current && view.current.number > 1 && <Badge tone="warning">{t('review.project.round', { round: view.current.number })}</Badge>}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-muted-foreground">{t('review.form.fields.unitName')}</dt>
          <dd>{data.unitName || app.applicantName}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">{t('review.list.columns.stage')}</dt>
          <dd data-testid="project-stage">{t(`review.options.stage.${view.stage}`)}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">{t('review.list.columns.province')}</dt>
          <dd>{provinceName(data.province) || '—'}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">{t('review.list.columns.dueAt')}</dt>
          <dd className={cn('tabular-nums', overdue && 'font-semibold text-danger')}>
            {!state?.final && app.dueAt ? f.dateTime(app.dueAt, 'date') : '—'}
            {overdue && `（${t('review.list.overdue')}）`}
          </dd>
        </div>
      </dl>
      <FlowDiagram stage={view.stage} finished={app.status === 'finished'} compact title={staff ? t('review.flow.title') : undefined} />
    </CardHeader>
  );
}

/** One tab per stage the project goes through; the current step's tab is marked. */
export async function ProjectTabs({ base, active, actionable }: { base: string; active: Tab; actionable: Tab | null }) {
  const t = await getTranslations('review.tabs');
  return (
    <nav aria-label={t('label')} className="flex flex-wrap gap-1 border-b border-border px-4" data-testid="project-tabs">
      {TABS.map((tab) => (
        <Link
          key={tab}
          href={`${base}?tab=${tab}`}
          aria-current={tab === active ? 'page' : undefined}
          className={cn('-mb-px flex items-center gap-1 border-b-2 px-3 py-2 text-sm', tab === active ? 'border-primary font-semibold text-primary' : 'border-transparent text-slate-600 hover:text-primary')}
        >
          {t(tab)}
          {tab === actionable && <span className="h-2 w-2 rounded-full bg-danger" aria-label={t('todo')} />}
        </Link>
      ))}
    </nav>
  );
}
