import { getTranslations } from 'next-intl/server';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { ReadingNoticeForm } from '@/components/staff/reading-notice-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { canEditReadingNotices, editableReadingNotices } from '@/lib/platform/notices/editor';

export async function generateMetadata() {
  return { title: (await getTranslations('forcedReading.staff'))('title') };
}

/** 阅读须知设置: the forced-reading notices of the modules this staff member reviews (admins: all). */
export default async function ReadingNoticesPage() {
  const actor = await requireActor({ staff: true, next: '/staff/reading-notices' });
  if (!canEditReadingNotices(actor)) return <Forbidden />;
  const t = await getTranslations();
  const notices = await editableReadingNotices(await getDb(), actor);
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">{t('forcedReading.staff.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('forcedReading.staff.intro')}</p>
        </div>
        <ExportButton href="/staff/reading-notices/export" fallbackName="reading-notices.xlsx" testId="reading-notices-export" />
      </div>
      {notices.length === 0 && <p className="text-sm text-muted-foreground">{t('forcedReading.staff.empty')}</p>}
      {notices.map((n) => (
        <Card key={n.key}>
          <CardHeader>
            <h2 className="text-sm font-semibold">{n.title}</h2>
            <p className="text-xs text-muted-foreground">
              {t('forcedReading.staff.moduleOf', { module: t(`modules.${n.module}.name` as never) })} · {t('forcedReading.staff.key')} {n.key}
            </p>
          </CardHeader>
          <CardContent>
            <ReadingNoticeForm notice={{ key: n.key, title: n.title, body: n.body, seconds: n.seconds }} />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
