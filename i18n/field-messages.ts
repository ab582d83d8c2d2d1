import dictionary from '@/messages/en/field-messages.json';

/**
 * Field messages of the zod schemas are written in Chinese, the default
 * language, and shared by the browser and the server. For English they are
 * translated here, gettext-style: the Chinese text is the key
 * (messages/en/field-messages.json). Messages built from a label
 * (`请输入${label}`) match a template whose {label} is itself translated.
 * A message with no translation stays Chinese rather than becoming wrong;
 * tests/unit/i18n/field-messages.test.ts keeps the dictionary complete
 * (scripts/field-message-literals.mjs lists what is missing).
 */
type Dictionary = { exact: Record<string, string>; templates: Array<{ zh: string; en: string }> };
const dict = dictionary as Dictionary;

const CJK = /[\u4e00-\u9fff]/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const templates = dict.templates.map((t) => {
  const names: string[] = [];
  const pattern = t.zh
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 ? (names.push(part), '(.+?)') : escapeRe(part)))
    .join('');
  return { re: new RegExp(`^${pattern}$`), names, en: t.en };
});

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The message in the given locale: unchanged in Chinese (and for anything not Chinese), else from the dictionary. */
export function localizeFieldMessage(message: string, locale: string): string {
  if (locale === 'zh-CN' || !CJK.test(message)) return message;
  const exact = dict.exact[message];
  if (exact) return exact;
  for (const t of templates) {
    const m = t.re.exec(message);
    if (!m) continue;
    const values: Record<string, string> = {};
    const complete = t.names.every((name, i) => {
      const v = m[i + 1];
      // A label must be one we know in English; other values (numbers, dates, amounts) are copied as they are.
      const en = name === 'label' ? dict.exact[v] : CJK.test(v) ? undefined : v;
      if (en === undefined) return false;
      values[name] = en;
      return true;
    });
    if (complete) return capitalize(t.en.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''));
  }
  return message;
}

/**
 * Localizes, in place, every `message` of a react-hook-form error tree (nested
 * fields, arrays, root errors), leaving the DOM `ref`s alone.
 */
export function localizeErrorTree(node: unknown, locale: string, seen = new Set<object>()): void {
  if (locale === 'zh-CN' || !node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const o = node as Record<string, unknown>;
  if (typeof o.message === 'string') o.message = localizeFieldMessage(o.message, locale);
  for (const [k, v] of Object.entries(o)) if (k !== 'ref' && k !== 'message' && v && typeof v === 'object') localizeErrorTree(v, locale, seen);
}
