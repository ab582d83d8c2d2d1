import { createTranslator } from 'next-intl';
import type { Certificate } from '@/db/schema';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import { findCertificateType } from './registry';
import type { CertificateState } from './schemas';

/** The read model's status: what was done to the row, or 'expired' once its validity has passed. */
export function certificateState(row: Pick<Certificate, 'status' | 'validUntil'>, now = new Date()): CertificateState {
  if (row.status === 'void' || row.status === 'replaced' || row.status === 'suspended') return row.status;
  return row.validUntil && row.validUntil.getTime() < now.getTime() ? 'expired' : 'valid';
}

/** The type's name in a locale; a type no module registered (yet) reads as 证书. */
export function typeName(type: string, locale: AppLocale = 'zh-CN'): string {
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const key = findCertificateType(type)?.labelKey;
  return key && t.has(key as never) ? t(key as never) : t('certificates.genericType');
}

/**
 * The subject as labelled rows: level, scope, items (the registry's own
 * labels), then the type's own fields in its `subjectLabels` order. Fields
 * without a label are not printed.
 */
export function subjectRows(type: string, subject: unknown, locale: AppLocale = 'zh-CN'): Array<readonly [string, string]> {
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const obj = subject && typeof subject === 'object' && !Array.isArray(subject) ? (subject as Record<string, unknown>) : {};
  const labels: Record<string, string> = { level: 'certificates.subject.level', scope: 'certificates.subject.scope', items: 'certificates.subject.items', ...(findCertificateType(type)?.subjectLabels ?? {}) };
  const text = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(locale === 'en' ? ', ' : '、') : typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const out: Array<readonly [string, string]> = [];
  for (const [key, labelKey] of Object.entries(labels)) {
    const value = text(obj[key]);
    if (!value) continue;
    out.push([t.has(labelKey as never) ? t(labelKey as never) : key, value] as const);
  }
  return out;
}

/** YYYY-MM-DD in China time (the verification page prints dates, not instants). */
export function chinaDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
