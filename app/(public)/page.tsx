import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ArrowRight, BadgeCheck, CalendarClock, LifeBuoy } from 'lucide-react';
import { getDb } from '@/db';
import { latestPublishedNotices } from '@/lib/platform/content/notices';
import { MODULES } from '@/lib/platform/modules';
import { openExamsNow } from '@/lib/modules/exam/catalog';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { NoticeList } from '@/components/notice-list';

export default async function HomePage() {
  const t = await getTranslations();
  const db = await getDb();
  const [items, exams] = await Promise.all([latestPublishedNotices(db, { limit: 8 }), openExamsNow(db)]);
  const f = await getFormatter();
  const quick = [
    { href: '/modules/exam', icon: CalendarClock, title: t('home.openExams'), desc: t('home.openExamsDesc') },
    { href: '/verify', icon: BadgeCheck, title: t('home.verify'), desc: t('home.verifyDesc') },
    { href: '/help', icon: LifeBuoy, title: t('home.help'), desc: t('home.helpDesc') },
  ];
  return (
    <div className="flex flex-col gap-8">
      <section className="rounded-card bg-gradient-to-br from-primary to-blue-900 px-6 py-10 text-white sm:px-10">
        <h1 className="text-2xl font-bold sm:text-3xl">{t('home.heroTitle')}</h1>
        <p className="mt-3 max-w-2xl text-white/85">{t('home.heroBody')}</p>
        <p className="mt-4 text-sm text-white/70">{t('common.slogan')}</p>
      </section>

      <section aria-labelledby="modules-title">
        <h2 id="modules-title" className="mb-3 text-lg font-semibold">
          {t('home.modulesTitle')}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          {MODULES.map((m) => (
            <li key={m.key}>
              <Link
                href={`/modules/${m.key}`}
                className="group flex h-full flex-col rounded-card border border-border bg-white p-4 shadow-sm transition hover:border-primary hover:shadow"
              >
                <span className="text-xs font-semibold text-primary">{m.letter}</span>
                <span className="mt-1 font-medium">{t(`modules.${m.key}.name`)}</span>
                <span className="mt-1 flex-1 text-sm text-muted-foreground">{t(`modules.${m.key}.desc`)}</span>
                <span className="mt-3 inline-flex items-center gap-1 text-sm text-primary">
                  {t('home.enter')} <ArrowRight className="h-4 w-4 transition group-hover:translate-x-0.5" aria-hidden />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {exams.length > 0 && (
        <section aria-labelledby="open-exams-title">
          <h2 id="open-exams-title" className="mb-3 text-lg font-semibold">
            {t('home.openExams')}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="home-open-exams">
            {exams.map((e) => (
              <li key={e.id} className="flex flex-col gap-1 rounded-card border border-border bg-white p-4">
                <span className="font-medium">{e.name}</span>
                <span className="text-xs text-muted-foreground">
                  {t('home.examWindow', { from: f.dateTime(e.registrationOpensAt, 'datetime'), to: f.dateTime(e.registrationClosesAt, 'datetime') })}
                </span>
                <Link href="/portal/exam" className="mt-1 inline-flex items-center gap-1 text-sm text-primary hover:underline">
                  {t('home.examRegister')} <ArrowRight className="h-4 w-4" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader className="flex-row items-center justify-between">
            <CardTitle>{t('home.noticesTitle')}</CardTitle>
            <Link href="/notices" className="text-sm text-primary hover:underline">
              {t('common.viewAll')}
            </Link>
          </CardHeader>
          <CardContent>
            <NoticeList items={items} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('home.quickTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {quick.map((q) => (
              <Link key={q.href} href={q.href} className="flex items-start gap-3 rounded-md p-2 hover:bg-primary-soft">
                <q.icon className="mt-0.5 h-5 w-5 text-primary" aria-hidden />
                <span>
                  <span className="block text-sm font-medium">{q.title}</span>
                  <span className="block text-xs text-muted-foreground">{q.desc}</span>
                </span>
              </Link>
            ))}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
