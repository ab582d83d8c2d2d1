import { z } from 'zod';
// Only the two languages of the site, imported one by one: `z.locales` would bundle all of zod's ~49.
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';

/**
 * zod's own messages (for checks a schema gives no message of its own, e.g. a
 * wrong type in a hand-made request) follow the site's languages: Chinese by
 * default, English for English pages. The setting is global to zod, so a
 * server switches it only around a synchronous parse (inZodLocale), and a
 * browser page — one language at a time — sets it before validating.
 */
let current: string | null = null;

export function setZodLocale(locale: string): void {
  if (current === locale) return;
  z.config(locale === 'en' ? en() : zhCN());
  current = locale;
}

/**
 * Runs a synchronous parse with zod's own messages in `locale`, then restores
 * the previous language. zod words an issue's message when it is first read,
 * so read the messages inside `parse`.
 */
export function inZodLocale<T>(locale: string, parse: () => T): T {
  const previous = current ?? 'zh-CN';
  setZodLocale(locale);
  try {
    return parse();
  } finally {
    setZodLocale(previous);
  }
}

setZodLocale('zh-CN');
