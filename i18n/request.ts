import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { messagesFor } from '@/messages/catalog';
// zod's own messages in Chinese by default on the server (i18n/zod-locale.ts sets it on import).
import './zod-locale';
import { FORMATS, LOCALE_COOKIE, TIME_ZONE, toLocale } from './config';

// No locale prefix in URLs: the locale is a cookie (default zh-CN) set by the language switch.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    // Precompiled (messages/catalog.ts): the browser formats without an ICU parser.
    messages: messagesFor(locale),
    timeZone: TIME_ZONE,
    formats: FORMATS,
  };
});
