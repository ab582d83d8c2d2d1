/** Messages as they are stored in the outbox and handed to transports. */
export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
};

/**
 * An SMS names a provider template and its parameters (real providers only
 * send pre-approved templates); `text` is the rendered Chinese text the local
 * mailbox shows.
 */
export type SmsMessage = {
  to: string;
  template: string;
  params: Record<string, string>;
  text: string;
};

export type OutboxMessage = { channel: 'email'; payload: EmailMessage } | { channel: 'sms'; payload: SmsMessage } | { channel: 'job'; payload: { type: string } & Record<string, unknown> };

export type DeliveryContext = {
  /** Stable per outbox row: providers that support it dedupe retries with it. */
  idempotencyKey: string;
  outboxId: number;
};

export type DeliveryResult = { providerMessageId?: string };

export interface EmailTransport {
  readonly name: string;
  send(msg: EmailMessage, ctx: DeliveryContext): Promise<DeliveryResult>;
}

export interface SmsTransport {
  readonly name: string;
  send(msg: SmsMessage, ctx: DeliveryContext): Promise<DeliveryResult>;
}

export type Transports = { email: EmailTransport; sms: SmsTransport };

/** A failure that retrying will not fix (bad address, rejected template). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
