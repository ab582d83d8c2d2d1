import { findEducationLevel } from './education';
import { ethnicityOptions } from './ethnicities';
import { findIdType } from './id-types';
import { findNationality } from './nationalities';

/**
 * Reference data in the reader's language: Chinese for 'zh-CN' (and any
 * locale but English), the English name for 'en'. Unknown codes come back as
 * they are, so a stale code still shows something. A region's label is
 * regions.ts `regionLabel` (server-side: it needs the region tree).
 */
const en = (locale: string) => locale === 'en';

export function idTypeLabel(code: string | null | undefined, locale: string): string {
  const t = code ? findIdType(code) : undefined;
  return t ? (en(locale) ? t.labelEn : t.label) : (code ?? '');
}

export function nationalityLabel(code: string | null | undefined, locale: string): string {
  const n = code ? findNationality(code) : undefined;
  return n ? (en(locale) ? n.nameEn : n.name) : (code ?? '');
}

const ethnicityByCode = new Map(ethnicityOptions.map((e) => [e.code, e]));
export function ethnicityLabel(code: string | null | undefined, locale: string): string {
  const e = code ? ethnicityByCode.get(code) : undefined;
  return e ? (en(locale) ? e.nameEn : e.name) : (code ?? '');
}

export function educationLabel(code: string | null | undefined, locale: string): string {
  const e = code ? findEducationLevel(code) : undefined;
  return e ? (en(locale) ? e.nameEn : e.name) : (code ?? '');
}

/** Options for a select box: code and the name in the reader's language. */
export const localizedOptions = <T extends { code: string; name: string; nameEn: string }>(list: readonly T[], locale: string) => list.map((o) => ({ code: o.code, name: en(locale) ? o.nameEn : o.name }));
