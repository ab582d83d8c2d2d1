import { getTranslations } from 'next-intl/server';
import { BatchPrint } from '@/components/certificates/batch-print';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { Label, Select } from '@/components/ui/input';
import { ProjectFilters } from '@/components/review/project-filters';
import { Pager, ProjectsTable } from '@/components/review/projects-table';
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
        <ExportButton href={`/staff/review/projects/export${projectQuery(filter, { page: undefined })}`} fallbackName="review-projects.xlsx" testId="review-projects-export" />
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ProjectFilters action="/staff/review/projects" filter={filter} mine />
        {list.rows.length > 0 && (
          <BatchPrint id="letter-print" endpoint="/staff/review/projects/letters" what="letters" testId="letter-print" selectPage>
            <Label htmlFor="letter-type" className="text-sm">
              {t('list.letterType')}
            </Label>
            <Select id="letter-type" name="type" defaultValue="notice" className="h-8 w-auto">
              <option value="notice">{t('pdf.notice.title')}</option>
              <option value="letter">{t('pdf.letter.title')}</option>
            </Select>
          </BatchPrint>
        )}
        <ProjectsTable selectForm="letter-print" rows={list.rows} offset={(list.page - 1) * list.pageSize} hrefOf={(r) => `/staff/review/projects/${r.id}?tab=${tabOf(r.status)}`} operationsLabel={t('list.operations')} />
        <Pager page={list.page} pageSize={list.pageSize} total={list.total} hrefOf={(page) => `/staff/review/projects${projectQuery(filter, { page })}`} />
      </CardContent>
    </Card>
  );
}
