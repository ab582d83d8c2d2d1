import { getLocale, getTranslations } from 'next-intl/server';
import { localizeSiteText } from '@/i18n/site-text';
import type { SupportContacts } from '@/lib/platform/settings';

/**
 * One set of support contacts as a definition list: phone (with who answers
 * it), QQ group, email, hours and any further named contacts. Used by the
 * footer (the platform's and each module's) and by module pages (their own).
 */
export async function SupportContactsList({ contacts: c, testId }: { contacts: SupportContacts; testId?: string }) {
  const t = await getTranslations('footer');
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1" data-testid={testId}>
      {c.phone && (
        <>
          <dt>{t('phone')}</dt>
          <dd>
            <a className="hover:underline" href={`tel:${c.phone.replace(/[^\d+-]/g, '')}`}>
              {c.phone}
            </a>
            {c.phoneContact ? ` ${localizeSiteText(c.phoneContact, await getLocale())}` : ''}
          </dd>
        </>
      )}
      {c.qqGroup && (
        <>
          <dt>{t('qqGroup')}</dt>
          <dd>{c.qqGroup}</dd>
        </>
      )}
      {(c.contacts ?? []).map((p, i) => (
        <div key={`${p.name}-${i}`} className="contents">
          <dt>{t('contact')}</dt>
          <dd>
            {p.name} {p.phones}
          </dd>
        </div>
      ))}
      {c.email && (
        <>
          <dt>{t('email')}</dt>
          <dd>
            <a className="text-primary hover:underline" href={`mailto:${c.email}`}>
              {c.email}
            </a>
          </dd>
        </>
      )}
      {c.hours && (
        <>
          <dt>{t('hours')}</dt>
          <dd>{localizeSiteText(c.hours, await getLocale())}</dd>
        </>
      )}
    </dl>
  );
}
