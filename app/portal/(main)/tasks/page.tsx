import { getTranslations } from 'next-intl/server';
import { TaskLists } from '@/components/workflow/task-list';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { applicantItems } from '@/lib/platform/manifest';
import { applicantHref } from '@/lib/platform/workflow/registry';

export async function generateMetadata() {
  return { title: (await getTranslations('workflow.tasks'))('title') };
}

export default async function PortalTasksPage() {
  const actor = await requireActor({ next: '/portal/tasks' });
  const t = await getTranslations('workflow.tasks');
  const tAll = await getTranslations();
  const db = await getDb();
  const items = await applicantItems({ db, actor, t: (key, values) => tAll(key as never, values as never) });
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <TaskLists db={db} actor={actor} hrefOf={applicantHref} items={items} />
    </div>
  );
}
