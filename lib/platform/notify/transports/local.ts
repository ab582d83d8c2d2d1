import { mailboxMessages } from '@/db/schema';
import type { Db } from '@/db';
import type { DeliveryContext, EmailMessage, EmailTransport, SmsMessage, SmsTransport } from '../types';

/**
 * The local outbox: "sending" stores the message for the mailbox page. The
 * unique outbox_id makes a retried delivery a no-op, so each row appears once.
 */
export class LocalEmailTransport implements EmailTransport {
  readonly name = 'local';
  constructor(private readonly db: Db) {}
  async send(msg: EmailMessage, ctx: DeliveryContext) {
    await this.db
      .insert(mailboxMessages)
      .values({ outboxId: ctx.outboxId, channel: 'email', recipient: msg.to, subject: msg.subject, body: msg.text, html: msg.html })
      .onConflictDoNothing({ target: mailboxMessages.outboxId });
    return { providerMessageId: `local-${ctx.outboxId}` };
  }
}

export class LocalSmsTransport implements SmsTransport {
  readonly name = 'local';
  constructor(private readonly db: Db) {}
  async send(msg: SmsMessage, ctx: DeliveryContext) {
    await this.db
      .insert(mailboxMessages)
      .values({ outboxId: ctx.outboxId, channel: 'sms', recipient: msg.to, body: msg.text })
      .onConflictDoNothing({ target: mailboxMessages.outboxId });
    return { providerMessageId: `local-${ctx.outboxId}` };
  }
}
