import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { listPublishedNotices } from '@/lib/platform/content/notices';
import { MODULES, isModuleKey } from '@/lib/platform/modules';
import { Card, CardContent } from '@/components/ui/card';
import { NoticeList } from '@/components/notice-list';
import { cn } from '@/lib/utils';

export async function generateMetadata() {
  return { title: (await getTranslations('notices'))('title') };
}

export default async function NoticesPage({ searchParams }: { searchParams: Promise<{ module?: string }> }) {
  const t = await getTranslations();
  const { module } = await searchParams;
  const current = module && isModuleKey(module) ? module : undefined;
  const items = await listPublishedNotices(await getDb(), { module: current, limit: 100 });
  const tabs = [{ key: undefined, label: t('notices.allModules') }, ...MODULES.map((m) => ({ key: m.key, label: t(`modules.${m.key}.name`) }))];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t('notices.title')}</h1>
      <nav className="flex flex-wrap gap-2" aria-label={t('notices.title')}>
        {tabs.map((tab) => (
          <Link
            key={tab.key ?? 'all'}
            href={tab.key ? `/notices?module=${tab.key}` : '/notices'}
            aria-current={tab.key === current ? 'page' : undefined}
            className={cn('rounded-full border border-border px-3 py-1 text-sm', tab.key === current ? 'border-primary bg-primary text-white' : 'bg-white hover:bg-primary-soft')}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      <Card>
        <CardContent>
          <NoticeList items={items} />
        </CardContent>
      </Card>
    </div>
  );
}
