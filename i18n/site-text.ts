import dictionary from '@/messages/en/site-text.json';

/**
 * Site texts that staff keep in the site settings — the module-A login
 * notice, the pre-application notes, the business-field names, the support
 * hours — are written in Chinese. For English they are translated here,
 * gettext-style: the shipped Chinese text is the key
 * (messages/en/site-text.json). A text staff have rewritten has no entry and
 * stays as they wrote it, rather than showing a translation of something else.
 * Paragraphs (blank-line separated) are translated one by one.
 */
const exact = (dictionary as { exact: Record<string, string> }).exact;

export function localizeSiteText(text: string, locale: string): string {
  if (locale === 'zh-CN' || !text) return text;
  const whole = exact[text];
  if (whole !== undefined) return whole;
  if (!text.includes('\n')) return text;
  return text
    .split(/(\n+)/)
    .map((part) => exact[part.trim()] ?? part)
    .join('');
}

/** Fills `{name}` placeholders of a site text (e.g. `{sender}`, the address emails come from). */
export function fillSiteText(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}
