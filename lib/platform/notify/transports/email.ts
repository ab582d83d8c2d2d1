import type { DeliveryContext, EmailMessage, EmailTransport } from '../types';
import { PermanentDeliveryError } from '../types';

/** Resend (https API). The outbox row id is the idempotency key, so a retry never sends twice. */
export class ResendEmailTransport implements EmailTransport {
  readonly name = 'resend';
  constructor(
    private readonly apiKey: string,
    private readonly from: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(msg: EmailMessage, ctx: DeliveryContext) {
    const res = await this.fetchImpl('https://api.resend.com/emails', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${this.apiKey}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': ctx.idempotencyKey,
      },
      body: JSON.stringify({ from: this.from, to: [msg.to], subject: msg.subject, text: msg.text, html: msg.html }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: string; message?: string };
    if (res.status === 422 || res.status === 400) throw new PermanentDeliveryError(`resend ${res.status}: ${body.message ?? ''}`);
    if (!res.ok) throw new Error(`resend ${res.status}: ${body.message ?? ''}`);
    return { providerMessageId: body.id };
  }
}

/** SMTP through nodemailer (loaded lazily: only this transport needs it). */
export class SmtpEmailTransport implements EmailTransport {
  readonly name = 'smtp';
  private transporter?: Promise<import('nodemailer').Transporter>;
  constructor(
    private readonly url: string,
    private readonly from: string,
  ) {}

  async send(msg: EmailMessage, ctx: DeliveryContext) {
    this.transporter ??= import('nodemailer').then((m) => m.createTransport(this.url));
    const t = await this.transporter;
    const host = new URL(this.url).hostname || 'accredit.local';
    const info = await t.sendMail({
      from: this.from,
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      // Deterministic Message-ID: a retried send carries the same id, so receivers can dedupe.
      messageId: `<${ctx.idempotencyKey}@${host}>`,
    });
    return { providerMessageId: info.messageId };
  }
}
