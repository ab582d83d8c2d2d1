import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Plus } from 'lucide-react';
import { ProjectFilters } from '@/components/review/project-filters';
import { Pager, ProjectsTable } from '@/components/review/projects-table';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { tabOf } from '@/lib/modules/review/constants';
import { projectFilterFrom, projectQuery } from '@/lib/modules/review/filters';
import { projectList } from '@/lib/modules/review/queries';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('review.list'))('title') };
}

/** 评审项目管理: the unit's projects (every account of the unit with the module sees all of them). */
export default async function ReviewProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor({ next: '/portal/review/projects' });
  const t = await getTranslations('review');
  const filter = projectFilterFrom(await searchParams);
  const { mine: _mine, ...f } = filter;
  void _mine;
  const list = await projectList(await getDb(), actor, f);
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-lg font-semibold">{t('list.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('list.subtitle')}</p>
        </div>
        <Button asChild>
          <Link href="/portal/review/projects/new">
            <Plus className="h-4 w-4" aria-hidden />
            {t('list.new')}
          </Link>
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ProjectFilters action="/portal/review/projects" filter={f} />
        <ProjectsTable rows={list.rows} offset={(list.page - 1) * list.pageSize} hrefOf={(r) => `/portal/review/projects/${r.id}?tab=${tabOf(r.status)}`} operationsLabel={t('list.operations')} />
        <Pager page={list.page} pageSize={list.pageSize} total={list.total} hrefOf={(page) => `/portal/review/projects${projectQuery(f, { page })}`} />
      </CardContent>
    </Card>
  );
}
