import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localizeSiteText } from '@/i18n/site-text';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { publicSetting, SUPPORT_SETTING, type SupportContacts } from '@/lib/platform/settings';

export async function generateMetadata() {
  return { title: (await getTranslations('help'))('title') };
}

const TOPICS = ['account', 'password', 'preApplication', 'exam', 'payment', 'refund', 'upload'] as const;

/** 帮助中心: the questions users ask most, and how to reach support. */
export default async function HelpPage() {
  const t = await getTranslations('help');
  const support = await publicSetting<SupportContacts>(await getDb(), SUPPORT_SETTING);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <div className="grid gap-4 md:grid-cols-2">
        {TOPICS.map((k) => (
          <Card key={k}>
            <CardHeader>
              <CardTitle>{t(`topics.${k}.q`)}</CardTitle>
            </CardHeader>
            <CardContent className="text-sm leading-6 text-slate-700">{t(`topics.${k}.a`)}</CardContent>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t('contactTitle')}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-1 text-sm">
          <p>{t('phone', { phone: support.phone })}</p>
          <p>{t('email', { email: support.email })}</p>
          <p>{t('hours', { hours: localizeSiteText(support.hours, await getLocale()) })}</p>
          <p className="mt-2">
            <Link className="text-primary hover:underline" href="/notices">
              {t('notices')}
            </Link>
          </p>
        </CardContent>
      </Card>
    </div>
  );
}
