import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Plus } from 'lucide-react';
import { NoticeList } from '@/components/notice-list';
import { FlowDiagram } from '@/components/review/flow-diagram';
import { ReviewTaskList } from '@/components/review/task-list';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { stateLabel } from '@/components/workflow/labels';
import { getDb } from '@/db';
import { REVIEW_PROJECT } from '@/lib/modules/review/constants';
import { unitProjectOptions } from '@/lib/modules/review/queries';
import { requireActor } from '@/lib/platform/auth/server';
import { listPublishedNotices } from '@/lib/platform/content/notices';
import { myTasks } from '@/lib/platform/workflow';
import { cn } from '@/lib/utils';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => new Date();

export async function generateMetadata() {
  return { title: (await getTranslations('modules.review'))('name') };
}

const CLOSED = ['finished', 'failed', 'rejected', 'withdrawn'];

/**
 * Module E's home: 总体流程 with the chosen project's stage lit (the latest
 * project in progress unless another is picked), the to-do list, and the
 * association's appraisal documents.
 */
export default async function ReviewHomePage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const actor = await requireActor({ next: '/portal/review' });
  const t = await getTranslations();
  const f = await getFormatter();
  const db = await getDb();
  const now = requestTime();
  const [projects, tasks, notices] = await Promise.all([unitProjectOptions(db, actor), myTasks(db, actor, now), listPublishedNotices(db, { module: 'review', limit: 5 })]);
  const { project } = await searchParams;
  const current = projects.find((p) => p.id === project) ?? projects.find((p) => !CLOSED.includes(p.status)) ?? projects[0] ?? null;
  const todo = tasks.todo.filter((x) => x.app.kind === REVIEW_PROJECT);
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
          <div>
            <h1 className="text-lg font-semibold">{t('modules.review.name')}</h1>
            <p className="text-sm text-muted-foreground">{current ? t('review.home.showing', { number: current.number, state: stateLabel(t, REVIEW_PROJECT, current.status) }) : t('review.home.noProject')}</p>
          </div>
          <Button asChild>
            <Link href="/portal/review/projects/new">
              <Plus className="h-4 w-4" aria-hidden />
              {t('review.list.new')}
            </Link>
          </Button>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FlowDiagram stage={current?.stage ?? null} finished={current?.status === 'finished'} title={t('review.flow.title')} />
          {projects.length > 1 && (
            <nav aria-label={t('review.home.pick')} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-muted-foreground">{t('review.home.pick')}：</span>
              {projects.slice(0, 12).map((p) => (
                <Link key={p.id} href={`/portal/review?project=${p.id}`} aria-current={p.id === current?.id ? 'true' : undefined} className={cn('rounded-full border px-2 py-0.5 font-mono text-xs', p.id === current?.id ? 'border-primary bg-primary-soft text-primary' : 'border-border hover:bg-slate-50')}>
                  {p.number}
                </Link>
              ))}
            </nav>
          )}
          {current && (
            <p className="text-sm">
              <Link className="text-primary hover:underline" href={`/portal/review/projects/${current.id}`}>
                {t('review.home.open', { number: current.number })}
              </Link>
            </p>
          )}
        </CardContent>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader className="flex flex-row items-center justify-between">
            <CardTitle>
              {t('review.nav.tasks')} <Badge tone={todo.length ? 'warning' : 'neutral'}>{todo.length}</Badge>
            </CardTitle>
            <Link href="/portal/review/tasks" className="text-sm text-primary hover:underline">
              {t('review.home.allTasks')}
            </Link>
          </CardHeader>
          <CardContent>
            <ReviewTaskList items={todo.slice(0, 5)} now={now} empty={t('review.tasks.emptyTodo')} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="flex flex-row items-center justify-between">
            <CardTitle>{t('review.documents.official')}</CardTitle>
            <Link href="/portal/review/documents" className="text-sm text-primary hover:underline">
              {t('review.home.allDocuments')}
            </Link>
          </CardHeader>
          <CardContent>
            <NoticeList items={notices} />
            <p className="mt-2 text-xs text-muted-foreground">{t('review.home.updated', { at: f.dateTime(now, 'datetime') })}</p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
