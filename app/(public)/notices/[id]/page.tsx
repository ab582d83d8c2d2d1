import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, FileText } from 'lucide-react';
import { getDb } from '@/db';
import { attachmentHref } from '@/lib/modules/publications/schemas';
import { publicNotice } from '@/lib/platform/content/notices';
import { formatBytes } from '@/lib/platform/documents/slots';
import { NoticeBody } from '@/components/publications/notice-body';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent } from '@/components/ui/card';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const notice = await publicNotice(await getDb(), (await params).id);
  return { title: notice?.title ?? (await getTranslations('notices'))('notFound') };
}

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const notice = await publicNotice(await getDb(), id);
  if (!notice) notFound();
  const t = await getTranslations();
  const f = await getFormatter();
  const category = notice.category === 'document' ? 'document' : 'news';
  return (
    <article className="flex flex-col gap-4">
      <Link href="/notices" className="text-sm text-primary hover:underline">
        ← {t('common.back')}
      </Link>
      <Card>
        <CardContent className="flex flex-col gap-3 py-6">
          <h1 className="text-xl font-semibold">{notice.title}</h1>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
            <Badge tone={category === 'document' ? 'warning' : 'primary'}>{t(`publications.category.${category}`)}</Badge>
            <span>
              {t('publications.public.module')}: {notice.module ? t(`modules.${notice.module}.name` as never) : t('publications.platformWide')}
            </span>
            {notice.publishedAt && (
              <span>
                {t('notices.publishedAt')}: <time dateTime={notice.publishedAt.toISOString()}>{f.dateTime(notice.publishedAt, 'date')}</time>
              </span>
            )}
          </p>
          <NoticeBody body={notice.body} />
          {notice.attachments.length > 0 && (
            <section aria-labelledby="notice-attachments" className="mt-2 flex flex-col gap-2 border-t border-border pt-4">
              <h2 id="notice-attachments" className="text-sm font-semibold">
                {t('publications.public.attachments')}
              </h2>
              <ul className="flex flex-col divide-y divide-border rounded-md border border-border" data-testid="notice-attachments">
                {notice.attachments.map((a, i) => (
                  <li key={`${i}-${a.name}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                    <FileText className="h-4 w-4 shrink-0 text-muted-foreground" aria-hidden />
                    <a href={attachmentHref(notice.id, i)} className="min-w-0 max-w-full truncate font-medium text-primary hover:underline">
                      {a.name}
                    </a>
                    <span className="text-xs text-muted-foreground">{formatBytes(a.size)}</span>
                    <a href={attachmentHref(notice.id, i)} className="ml-auto inline-flex items-center gap-1 text-primary hover:underline" aria-label={t('publications.public.downloadNamed', { name: a.name })}>
                      <Download className="h-4 w-4" aria-hidden />
                      {t('publications.public.download')}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </CardContent>
      </Card>
    </article>
  );
}
