import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { latestPublishedNotices } from '@/lib/platform/content/notices';
import { MODULES } from '@/lib/platform/modules';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { NoticeList } from '@/components/notice-list';

/** Public entry page of one module: what it does, how to start, its notices. */
export default async function ModulePage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const mod = MODULES.find((m) => m.key === key);
  if (!mod) notFound();
  const t = await getTranslations();
  const items = await latestPublishedNotices(await getDb(), { module: mod.key, limit: 10 });
  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-card border border-border bg-white p-6">
        <p className="text-xs font-semibold text-primary">{mod.letter}</p>
        <h1 className="mt-1 text-2xl font-semibold">{t(`modules.${mod.key}.name`)}</h1>
        <p className="mt-2 text-muted-foreground">{t(`modules.${mod.key}.desc`)}</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <Button asChild>
            <Link href={`/login?next=${encodeURIComponent(mod.portalPath)}`}>{t('common.login')}</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/register">{t('common.register')}</Link>
          </Button>
          {/* Laboratories / inspection bodies go through a forced-reading notice; not prefetched, as opening it starts the countdown. */}
          {mod.key === 'accreditation' && (
            <Button asChild variant="outline">
              <Link href="/login/accreditation" prefetch={false}>
                {t('forcedReading.accreditationEntry')}
              </Link>
            </Button>
          )}
        </div>
      </section>
      <Card>
        <CardHeader>
          <CardTitle>{t('home.noticesTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          <NoticeList items={items} />
        </CardContent>
      </Card>
    </div>
  );
}
