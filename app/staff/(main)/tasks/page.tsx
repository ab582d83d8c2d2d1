import { getTranslations } from 'next-intl/server';
import { ExportButton } from '@/components/console/export-button';
import { TaskLists } from '@/components/workflow/task-list';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { staffHref } from '@/lib/platform/workflow/registry';

export async function generateMetadata() {
  return { title: (await getTranslations('workflow.tasks'))('title') };
}

export default async function StaffTasksPage() {
  const actor = await requireActor({ staff: true, next: '/staff/tasks' });
  const t = await getTranslations('workflow.tasks');
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-base font-semibold">{t('title')}</h1>
        <ExportButton href="/staff/tasks/export" fallbackName="tasks.xlsx" testId="tasks-export" />
      </div>
      <TaskLists db={await getDb()} actor={actor} hrefOf={staffHref} />
    </div>
  );
}
