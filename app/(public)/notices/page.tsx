import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { isNoticeCategory, NOTICE_CATEGORIES } from '@/lib/modules/publications/schemas';
import { publishedNoticesPage } from '@/lib/platform/content/notices';
import { MODULES, isModuleKey } from '@/lib/platform/modules';
import { Card, CardContent } from '@/components/ui/card';
import { NoticeList } from '@/components/notice-list';
import { cn } from '@/lib/utils';

export async function generateMetadata() {
  return { title: (await getTranslations('notices'))('title') };
}

const PAGE_SIZE = 20;

type Query = { module?: string; category?: string; page?: number };

function href(q: Query): string {
  const p = new URLSearchParams();
  if (q.module) p.set('module', q.module);
  if (q.category) p.set('category', q.category);
  if (q.page && q.page > 1) p.set('page', String(q.page));
  const s = p.toString();
  return s ? `/notices?${s}` : '/notices';
}

function Pill({ to, current, children }: { to: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={to}
      aria-current={current ? 'page' : undefined}
      className={cn('rounded-full border border-border px-3 py-1 text-sm', current ? 'border-primary bg-primary text-white' : 'bg-white hover:bg-primary-soft')}
    >
      {children}
    </Link>
  );
}

/** 动态信息: published notices and documents, by module and category, 20 a page. */
export default async function NoticesPage({ searchParams }: { searchParams: Promise<{ module?: string; category?: string; page?: string }> }) {
  const t = await getTranslations();
  const sp = await searchParams;
  const mod = sp.module && isModuleKey(sp.module) ? sp.module : undefined;
  const category = sp.category && isNoticeCategory(sp.category) ? sp.category : undefined;
  const db = await getDb();
  const { items, total, page, pages } = await publishedNoticesPage(db, { module: mod, category, page: Number.parseInt(sp.page ?? '1', 10), pageSize: PAGE_SIZE });
  const moduleTabs = [{ key: undefined, label: t('notices.allModules') }, ...MODULES.map((m) => ({ key: m.key, label: t(`modules.${m.key}.name`) }))];
  const categoryTabs = [{ key: undefined, label: t('publications.public.allCategories') }, ...NOTICE_CATEGORIES.map((c) => ({ key: c, label: t(`publications.category.${c}`) }))];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t('notices.title')}</h1>
      <nav className="flex flex-wrap gap-2" aria-label={t('publications.public.moduleFilter')}>
        {moduleTabs.map((tab) => (
          <Pill key={tab.key ?? 'all'} to={href({ module: tab.key, category })} current={tab.key === mod}>
            {tab.label}
          </Pill>
        ))}
      </nav>
      <nav className="flex flex-wrap gap-2" aria-label={t('publications.public.categoryFilter')}>
        {categoryTabs.map((tab) => (
          <Pill key={tab.key ?? 'all'} to={href({ module: mod, category: tab.key })} current={tab.key === category}>
            {tab.label}
          </Pill>
        ))}
      </nav>
      <Card>
        <CardContent>
          {items.length ? <NoticeList items={items} /> : <p className="py-6 text-center text-sm text-muted-foreground">{t('publications.public.empty')}</p>}
        </CardContent>
      </Card>
      {pages > 1 && (
        <nav aria-label={t('publications.public.pagination')} className="flex items-center justify-between gap-2 text-sm">
          {page > 1 ? (
            <Link href={href({ module: mod, category, page: page - 1 })} rel="prev" className="text-primary hover:underline">
              {t('publications.public.prev')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-muted-foreground">{t('publications.public.pageOf', { page, pages, total })}</span>
          {page < pages ? (
            <Link href={href({ module: mod, category, page: page + 1 })} rel="next" className="text-primary hover:underline">
              {t('publications.public.next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
