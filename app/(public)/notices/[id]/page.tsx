import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { getPublishedNotice } from '@/lib/platform/content/notices';
import { Card, CardContent } from '@/components/ui/card';

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const notice = await getPublishedNotice(await getDb(), id);
  if (!notice) notFound();
  const t = await getTranslations();
  const f = await getFormatter();
  return (
    <article className="flex flex-col gap-4">
      <Link href="/notices" className="text-sm text-primary hover:underline">
        ← {t('common.back')}
      </Link>
      <Card>
        <CardContent className="flex flex-col gap-3 py-6">
          <h1 className="text-xl font-semibold">{notice.title}</h1>
          {notice.publishedAt && (
            <p className="text-sm text-muted-foreground">
              {t('notices.publishedAt')}: <time dateTime={notice.publishedAt.toISOString()}>{f.dateTime(notice.publishedAt, 'date')}</time>
            </p>
          )}
          <div className="whitespace-pre-wrap leading-7">{notice.body}</div>
        </CardContent>
      </Card>
    </article>
  );
}
