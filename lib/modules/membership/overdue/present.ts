import { createTranslator } from 'next-intl';
import { defaultLocale, type AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import type { StageAction } from './stages';

/** The module's messages on the server (notifications, emails, exports): Chinese unless told otherwise. */
export function overdueT(locale: AppLocale = defaultLocale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: 'qualificationOverdue' });
}

type T = (key: string, values?: Record<string, string | number>) => string;

/** "截止前30天提醒", "截止日当天提醒", "逾期15天警告", "逾期30天暂停资质" — a stage named by when and what. */
export function stageName(t: T, s: { offsetDays: number; action: StageAction | string }): string {
  const when = s.offsetDays < 0 ? t('when.before', { days: -s.offsetDays }) : s.offsetDays === 0 ? t('when.on') : t('when.after', { days: s.offsetDays });
  return t('stageName', { when, action: t(`actions.${s.action}`) });
}

/** A translator bound to the namespace, as `stageName` takes it. */
export const nsT =
  (t: (key: never, values?: never) => string, ns = 'qualificationOverdue'): T =>
  (key, values) =>
    t(`${ns}.${key}` as never, values as never);
