import { createTranslator } from 'next-intl';
import type { DbOrTx } from '@/db';
import { defaultLocale, TIME_ZONE, type AppLocale } from '@/i18n/config';
import { messagesFor, rawCatalogs } from '@/messages/catalog';
import { env } from '../env';
import { getSetting, PLATFORM_SETTING_DEFAULTS, type SupportContacts } from '../settings';

/** What every email needs besides its own props: language, platform name, base URL, support contacts. */
export type EmailEnv = { locale: AppLocale; appName: string; appUrl: string; support: SupportContacts };

export function defaultEmailEnv(locale: AppLocale = defaultLocale, support?: SupportContacts): EmailEnv {
  return {
    locale,
    appName: rawCatalogs[locale].common.appName,
    appUrl: env().APP_URL.replace(/\/+$/, ''),
    support: support ?? (PLATFORM_SETTING_DEFAULTS['site.support'] as SupportContacts),
  };
}

/** The email environment with the support contacts as the site settings hold them now. */
export async function loadEmailEnv(db: DbOrTx, locale: AppLocale = defaultLocale): Promise<EmailEnv> {
  return defaultEmailEnv(locale, await getSetting<SupportContacts>(db, 'site.support'));
}

/** Translator for an email namespace ('emails.reminder' …). */
export function emailT<N extends 'emails.layout' | 'emails.workflowStatus' | 'emails.reminder' | 'emails.credentials'>(locale: AppLocale, namespace: N) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace });
}

/** An in-app path made absolute for an email ('/portal/x' → 'https://host/portal/x'); absolute URLs pass through. */
export function absoluteUrl(email: EmailEnv, link: string): string {
  return /^https?:\/\//i.test(link) ? link : `${email.appUrl}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** A date and time as people in mainland China read it, whatever the server's time zone. */
export function formatShanghai(date: Date | string, locale: AppLocale = defaultLocale): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** The address emails are sent from (EMAIL_FROM without its display name), e.g. noreply@accredit.local. */
export function senderAddress(from: string = env().EMAIL_FROM): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}
