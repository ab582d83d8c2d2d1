import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { kindMessageKey } from './registry';

/**
 * Labels of a kind on the server (emails, notifications, PDFs, order lines),
 * from the kind's own messages namespace; the key itself when a label is missing.
 */
export function kindLabels(locale: AppLocale) {
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const get = (key: string, fallback: string) => (t.has(key as never) ? t(key as never) : fallback);
  return {
    t,
    name: (kind: string) => get(kindMessageKey(kind, 'name'), kind),
    state: (kind: string, state: string) => get(kindMessageKey(kind, `states.${state}`), state),
    /** A label of the kind by its part (`payments.membershipDues` …), or `part` itself when the kind has none. */
    part: (kind: string, part: string) => get(kindMessageKey(kind, part), part),
  };
}
