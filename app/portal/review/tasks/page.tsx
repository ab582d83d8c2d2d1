import { getTranslations } from 'next-intl/server';
import { ReviewTaskList } from '@/components/review/task-list';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { REVIEW_PROJECT } from '@/lib/modules/review/constants';
import { unitDoneProjects } from '@/lib/modules/review/queries';
import { requireActor } from '@/lib/platform/auth/server';
import { myTasks } from '@/lib/platform/workflow';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => new Date();

export async function generateMetadata() {
  return { title: (await getTranslations('review.nav'))('tasks') };
}

/** 我的任务 (seed 004 §3): 待办任务 and 已办任务 of the unit's review projects. */
export default async function ReviewTasksPage() {
  const actor = await requireActor({ next: '/portal/review/tasks' });
  const t = await getTranslations('review.tasks');
  const now = requestTime();
  const db = await getDb();
  const [{ todo }, done] = await Promise.all([myTasks(db, actor, now), unitDoneProjects(db, actor)]);
  const mine = todo.filter((x) => x.app.kind === REVIEW_PROJECT);
  const finished = done.map((app) => ({ app }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <h1 className="text-base font-semibold">
            {t('todo')} <span className="tabular-nums text-muted-foreground">({mine.length})</span>
          </h1>
          <p className="text-xs text-muted-foreground">{t('todoHint')}</p>
        </CardHeader>
        <CardContent>
          <ReviewTaskList items={mine} now={now} empty={t('emptyTodo')} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">
            {t('done')} <span className="tabular-nums text-muted-foreground">({finished.length})</span>
          </h2>
          <p className="text-xs text-muted-foreground">{t('doneHint')}</p>
        </CardHeader>
        <CardContent>
          <ReviewTaskList items={finished} now={now} empty={t('emptyDone')} done />
        </CardContent>
      </Card>
    </div>
  );
}
