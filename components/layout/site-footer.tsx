import { getLocale, getTranslations } from 'next-intl/server';
import { localizeSiteText } from '@/i18n/site-text';
import { getDb } from '@/db';
import { getSetting, type SupportContacts } from '@/lib/platform/settings';

/** Footer with the support contacts staff maintain in site settings. */
export async function SiteFooter() {
  const t = await getTranslations('footer');
  const c = await getSetting<SupportContacts>(await getDb(), 'site.support');
  return (
    <footer className="mt-12 border-t border-border bg-white">
      <div className="mx-auto grid max-w-6xl gap-4 px-4 py-8 text-sm text-muted-foreground sm:grid-cols-2">
        <div>
          <h2 className="mb-2 font-medium text-slate-800">{t('support')}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1" data-testid="support-contacts">
            <dt>{t('phone')}</dt>
            <dd>{c.phone}</dd>
            <dt>{t('email')}</dt>
            <dd>
              <a className="text-primary hover:underline" href={`mailto:${c.email}`}>
                {c.email}
              </a>
            </dd>
            <dt>{t('qqGroup')}</dt>
            <dd>{c.qqGroup}</dd>
            <dt>{t('hours')}</dt>
            <dd>{localizeSiteText(c.hours, await getLocale())}</dd>
          </dl>
        </div>
        <p className="self-end sm:text-right">{t('copyright', { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
