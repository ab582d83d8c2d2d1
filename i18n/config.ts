export const locales = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const TIME_ZONE = 'Asia/Shanghai';

export function toLocale(v: string | undefined | null): AppLocale {
  return (locales as readonly string[]).includes(v ?? '') ? (v as AppLocale) : defaultLocale;
}
