import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { allSupportContacts } from '@/lib/platform/settings';
import { SupportContactsList } from './support-contacts';

/** Footer with the support contacts staff maintain in site settings: the platform's, then each module's own. */
export async function SiteFooter() {
  const t = await getTranslations();
  const all = await allSupportContacts(await getDb());
  return (
    <footer className="mt-12 border-t border-border bg-white">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 text-sm text-muted-foreground sm:grid-cols-2 lg:grid-cols-3">
        {all.map(({ owner, contacts }) => (
          <div key={owner}>
            <h2 className="mb-2 font-medium text-slate-800">{owner === 'platform' ? t('footer.support') : t('footer.moduleSupport', { module: t(`modules.${owner}.name` as never) })}</h2>
            <SupportContactsList contacts={contacts} testId={owner === 'platform' ? 'support-contacts' : `support-contacts-${owner}`} />
          </div>
        ))}
        <p className="self-end sm:col-span-2 lg:col-span-3 sm:text-right">{t('footer.copyright', { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
