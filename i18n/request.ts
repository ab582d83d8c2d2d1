import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { catalogs } from '@/messages/catalog';
// zod's own messages in Chinese by default on the server (i18n/zod-locale.ts sets it on import).
import './zod-locale';
import { LOCALE_COOKIE, TIME_ZONE, toLocale } from './config';

// No locale prefix in URLs: the locale is a cookie (default zh-CN) set by the language switch.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    messages: catalogs[locale],
    timeZone: TIME_ZONE,
    formats: {
      dateTime: {
        date: { year: 'numeric', month: '2-digit', day: '2-digit' },
        datetime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
      },
    },
  };
});
