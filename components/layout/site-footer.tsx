import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { allSupportContacts, FILING_SETTING, ICP_URL, psbUrl, publicSetting, type SiteFiling } from '@/lib/platform/settings';
import { SupportContactsList } from './support-contacts';

/** Footer with the support contacts staff maintain in site settings: the platform's, then each module's own. */
export async function SiteFooter() {
  const t = await getTranslations();
  const db = await getDb();
  const all = await allSupportContacts(db);
  const filing = await publicSetting<SiteFiling>(db, FILING_SETTING);
  return (
    <footer className="mt-12 border-t border-border bg-white">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 text-sm text-muted-foreground sm:grid-cols-2 lg:grid-cols-3">
        {all.map(({ owner, contacts }) => (
          <div key={owner}>
            <h2 className="mb-2 font-medium text-slate-800">{owner === 'platform' ? t('footer.support') : t('footer.moduleSupport', { module: t(`modules.${owner}.name` as never) })}</h2>
            <SupportContactsList contacts={contacts} testId={owner === 'platform' ? 'support-contacts' : `support-contacts-${owner}`} />
          </div>
        ))}
        <div className="flex flex-col gap-1 self-end sm:col-span-2 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between lg:col-span-3">
          {(filing?.icp || filing?.psb) && (
            <p className="flex flex-wrap gap-x-4 gap-y-1" data-testid="site-filing">
              {filing.icp && (
                <a href={ICP_URL} target="_blank" rel="noopener noreferrer" className="no-underline hover:underline" data-testid="site-filing-icp">
                  {filing.icp}
                </a>
              )}
              {filing.psb && (
                <a href={psbUrl(filing.psb)} target="_blank" rel="noopener noreferrer" className="no-underline hover:underline" data-testid="site-filing-psb">
                  {filing.psb}
                </a>
              )}
            </p>
          )}
          <p className="sm:ml-auto">{t('footer.copyright', { year: new Date().getFullYear() })}</p>
        </div>
      </div>
    </footer>
  );
}
