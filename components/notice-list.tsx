import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';

type Item = { id: string; title: string; module: string | null; category: string; publishedAt: Date | null };

export async function NoticeList({ items }: { items: Item[] }) {
  const t = await getTranslations();
  const f = await getFormatter();
  if (!items.length) return <p className="py-6 text-center text-sm text-muted-foreground">{t('home.noNotices')}</p>;
  return (
    <ul className="divide-y divide-border" data-testid="notice-list">
      {items.map((n) => (
        <li key={n.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-3">
          <Badge tone={n.category === 'document' ? 'warning' : 'primary'} className="self-start sm:self-auto">
            {t(`publications.category.${n.category === 'document' ? 'document' : 'news'}`)}
          </Badge>
          <Link href={`/notices/${n.id}`} className="flex-1 text-sm hover:text-primary hover:underline">
            {n.title}
          </Link>
          {n.publishedAt && (
            <time dateTime={n.publishedAt.toISOString()} className="text-xs text-muted-foreground">
              {f.dateTime(n.publishedAt, 'date')}
            </time>
          )}
        </li>
      ))}
    </ul>
  );
}
