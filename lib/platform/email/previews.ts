import type { AppLocale } from '@/i18n/config';
import type { EmailEnv } from './env';
import { renderEmail, type EmailTemplate, type RenderedEmail } from './render';
import { EMAIL_TEMPLATES } from './templates';

/**
 * The staff preview page's list (/staff/emails): the platform's own templates
 * and those the modules declare in their manifests (`emailTemplates`), each
 * rendered with its preview props. A module's template lives in its folder
 * and is sent with `sendEmail` like any other; declaring it here only shows it.
 */
export type EmailPreview = {
  key: string;
  /** Message key of the template's name on the preview page. */
  nameKey: string;
  render: (email: EmailEnv) => RenderedEmail;
  subject: (locale: AppLocale) => string;
};

/** A module's template as the preview page lists it (the props' type stays with the module). */
export function emailPreview<P extends object>(key: string, nameKey: string, Component: EmailTemplate<P>, PreviewProps: P, subject: (p: P, locale?: AppLocale) => string): EmailPreview {
  return { key, nameKey, render: (email) => renderEmail(Component, PreviewProps, email), subject: (locale) => subject(PreviewProps, locale) };
}

const g = globalThis as unknown as { __accreditEmailPreviews?: Map<string, EmailPreview> };
const registered = (g.__accreditEmailPreviews ??= new Map());

/** Registers a module's templates (through its manifest); a key the platform uses is a start error. */
export function registerEmailPreviews(list: readonly EmailPreview[]): void {
  for (const p of list) {
    if (EMAIL_TEMPLATES.some((t) => t.key === p.key)) throw new Error(`email template ${p.key} is the platform's`);
    registered.set(p.key, p);
  }
}

/** Every template: the platform's first, then the modules'. */
export function emailPreviews(): EmailPreview[] {
  const own = EMAIL_TEMPLATES.map((t) => emailPreview(t.key, `emails.preview.templates.${t.key}`, t.Component as EmailTemplate<object>, t.PreviewProps as object, t.subject as (p: object, locale?: AppLocale) => string));
  return [...own, ...registered.values()];
}
