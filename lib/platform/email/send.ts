import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { enqueueEmail } from '../notify/outbox';
import { loadEmailEnv } from './env';
import { renderEmail, type EmailTemplate } from './render';

export type SendEmailInput<P> = {
  to: string;
  subject: string;
  template: EmailTemplate<P>;
  props: P;
  /** Sending the same logical email twice (retries, concurrent runs) is a no-op with the same key. */
  dedupeKey?: string;
  locale?: AppLocale;
  availableAt?: Date;
};

/**
 * The one way to send an email: renders the template (HTML + plain text, with
 * the support contacts from the site settings) and writes it to the outbox in
 * the caller's transaction. Returns the outbox id, or null when deduped.
 */
export async function sendEmail<P extends object>(tx: DbOrTx, input: SendEmailInput<P>): Promise<number | null> {
  const { html, text } = renderEmail(input.template, input.props, await loadEmailEnv(tx, input.locale));
  return enqueueEmail(tx, { to: input.to, subject: input.subject, text, html }, { dedupeKey: input.dedupeKey, availableAt: input.availableAt });
}
