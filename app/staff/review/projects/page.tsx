import { getTranslations } from 'next-intl/server';
import { Download } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { ProjectFilters } from '@/components/review/project-filters';
import { Pager, ProjectsTable } from '@/components/review/projects-table';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canSeeReviewStaffPages } from '@/lib/modules/review/access';
import { tabOf } from '@/lib/modules/review/constants';
import { projectFilterFrom, projectQuery } from '@/lib/modules/review/filters';
import { assigneesOf } from '@/lib/modules/review/leader';
import { projectList } from '@/lib/modules/review/queries';
import { requireActor } from '@/lib/platform/auth/server';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => new Date();

export async function generateMetadata() {
  return { title: (await getTranslations('review.list'))('staffTitle') };
}

/** 鉴定评审项目 for staff: every unit's submitted projects, filters, "assigned to me" (a leader's projects, and those of whom they stand in for), Excel export. */
export default async function StaffReviewProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor({ staff: true, next: '/staff/review/projects' });
  if (!canSeeReviewStaffPages(actor)) return <Forbidden />;
  const t = await getTranslations('review');
  const db = await getDb();
  const filter = projectFilterFrom(await searchParams);
  const list = await projectList(db, actor, { ...filter, assignees: filter.mine ? await assigneesOf(db, actor, requestTime()) : undefined });
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">{t('list.staffTitle')}</h1>
          <p className="text-sm text-muted-foreground">{t('list.staffSubtitle')}</p>
        </div>
        <Button asChild size="sm" variant="outline">
          <a href={`/staff/review/projects/export${projectQuery(filter, { page: undefined })}`} download>
            <Download className="mr-1 h-4 w-4" aria-hidden />
            {t('list.export')}
          </a>
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ProjectFilters action="/staff/review/projects" filter={filter} mine />
        <ProjectsTable rows={list.rows} offset={(list.page - 1) * list.pageSize} hrefOf={(r) => `/staff/review/projects/${r.id}?tab=${tabOf(r.status)}`} operationsLabel={t('list.operations')} />
        <Pager page={list.page} pageSize={list.pageSize} total={list.total} hrefOf={(page) => `/staff/review/projects${projectQuery(filter, { page })}`} />
      </CardContent>
    </Card>
  );
}
