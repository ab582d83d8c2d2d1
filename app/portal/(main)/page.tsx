import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { MODULES } from '@/lib/platform/modules';
import { usableModules } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { TaskLists } from '@/components/workflow/task-list';
import { getDb } from '@/db';
import { applicantItems } from '@/lib/platform/manifest';
import { applicantHref } from '@/lib/platform/workflow/registry';

export default async function PortalHome({ searchParams }: { searchParams: Promise<{ passwordChanged?: string }> }) {
  const actor = await requireActor({ next: '/portal' });
  const t = await getTranslations();
  const tAccount = await getTranslations('account');
  const { passwordChanged } = await searchParams;
  const mine = usableModules(actor);
  const db = await getDb();
  const items = await applicantItems({ db, actor, t: (key, values) => t(key as never, values as never) });
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-xl font-semibold">{t('portal.welcome')}</h1>
      {passwordChanged === '1' && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="password-changed">
          {tAccount('passwordChangedNotice')}
        </p>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t('portal.tasksTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          <TaskLists db={db} actor={actor} hrefOf={applicantHref} limit={5} items={items} />
        </CardContent>
      </Card>
      <section>
        <h2 className="mb-3 font-semibold">{t('portal.modulesTitle')}</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {MODULES.filter((m) => mine.includes(m.key)).map((m) => (
            <li key={m.key}>
              <Link href={m.portalPath} className="block rounded-card border border-border bg-white p-4 hover:border-primary">
                <span className="font-medium">{t(`modules.${m.key}.name`)}</span>
                <span className="mt-1 block text-sm text-muted-foreground">{t(`modules.${m.key}.desc`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
