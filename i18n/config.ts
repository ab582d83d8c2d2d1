export const locales = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const TIME_ZONE = 'Asia/Shanghai';

export function toLocale(v: string | undefined | null): AppLocale {
  return (locales as readonly string[]).includes(v ?? '') ? (v as AppLocale) : defaultLocale;
}

/**
 * The named date formats of the app (`f.dateTime(d, 'datetime')`, or `{d, date, datetime}` in a
 * message). A message may name only these (or use a skeleton): the precompiled formatter knows no
 * built-in names such as `short` (tests/unit/i18n/precompiled-messages.test.ts checks the catalogs).
 */
export const FORMATS = {
  dateTime: {
    date: { year: 'numeric', month: '2-digit', day: '2-digit' },
    datetime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
  },
} as const satisfies { dateTime: Record<string, Intl.DateTimeFormatOptions> };
