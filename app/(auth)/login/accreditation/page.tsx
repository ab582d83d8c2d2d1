import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localizeSiteText } from '@/i18n/site-text';
import { getDb } from '@/db';
import { getActor } from '@/lib/platform/auth/server';
import { serveNotice } from '@/lib/platform/notices/forced-reading';
import { NoticeGate } from './notice-gate';

export async function generateMetadata() {
  return { title: (await getTranslations('forcedReading'))('accreditationEntry') };
}

/** Where the accreditation login goes once the notice is accepted. */
const LOGIN_AFTER_NOTICE = `/login?as=organization&next=${encodeURIComponent('/portal/accreditation')}`;

/**
 * Module A entry for laboratories and inspection bodies (SPEC: choose role →
 * notice with 10 s forced reading → login page). The notice is served here, on
 * the server, so its countdown starts now on the database clock.
 */
export default async function AccreditationLoginNoticePage() {
  const served = await serveNotice(await getDb(), 'accreditation.login', await getActor());
  const t = await getTranslations('forcedReading');
  const locale = await getLocale();
  return (
    <div className="w-full max-w-md text-center">
      <h1 className="mb-2 text-2xl font-semibold">{t('accreditationEntry')}</h1>
      <p className="text-sm text-muted-foreground">{t('readFirst')}</p>
      <p className="mt-4 text-sm">
        <Link href="/modules/accreditation" className="text-primary hover:underline">
          {t('backToModule')}
        </Link>
      </p>
      <NoticeGate servingId={served.servingId} title={localizeSiteText(served.title, locale)} body={localizeSiteText(served.body, locale)} seconds={served.seconds} next={LOGIN_AFTER_NOTICE} back="/modules/accreditation" />
    </div>
  );
}
