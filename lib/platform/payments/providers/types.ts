import type { PayMethod } from '../methods';

/**
 * A payment platform behind one interface: the built-in sandbox cashier, Alipay,
 * or any other (tests register fakes). Providers speak to the outside world
 * only; they never touch orders. Callers keep every provider call outside
 * database transactions (a slow platform must never hold row locks).
 */

/** What a provider needs to know about an order to take its payment. */
export type ProviderOrder = { number: string; title: string; amountFen: number; expiresAt: Date };

/** A verified asynchronous notification. `paid` false: a notification about something else (waiting, closed), acknowledged and ignored. */
export type VerifiedNotification = { orderNumber: string; tradeNo: string; amountFen: number; paid: boolean; /** What to keep with the payment (e.g. the decrypted resource); the fields when absent. */ record?: Record<string, unknown> };

export type TradeStatus = { paid: boolean; tradeNo?: string; amountFen?: number };

/** `totalFen`: what the trade took in all (WeChat Pay wants it beside the refund amount); the refund amount when absent. */
export type RefundRequest = { orderNumber: string; tradeNo: string; amountFen: number; totalFen?: number; idempotencyKey: string; reason?: string };

/** How the payer reaches the platform (methods.ts); a provider that has only one way ignores it. `clientIp`: the payer's address (WeChat H5 requires it). */
export type CreatePaymentOptions = { method?: PayMethod; clientIp?: string | null };

/**
 * Where to send the payer: a URL (a cashier page, an H5 page), or — for a
 * QR-code payment (WeChat Native) — the code to show on our own page, which
 * the payer scans with their phone.
 */
export type CreatedPayment = { redirectUrl: string } | { qrCode: string };

/** A notification exactly as it came (WeChat Pay signs the raw body and sends its signature in headers). */
export type RawNotification = { body: string; headers: Record<string, string> };

export interface PaymentProvider {
  readonly name: string;
  /** Where to send the payer (the platform's cashier page for this order). */
  createPayment(order: ProviderOrder, urls: { returnUrl: string; notifyUrl: string }, opts?: CreatePaymentOptions): Promise<CreatedPayment>;
  /** Checks a notification's signature and reads it; throws PaymentProviderError when it is not authentic. `params`: its form (or top-level JSON) fields; `raw`: the body and headers as received. */
  verifyNotification(params: Record<string, string>, raw?: RawNotification): Promise<VerifiedNotification>;
  /** Asks the platform how a trade stands (the "支付完毕" button and the reconciliation job). */
  queryTrade(orderNumber: string): Promise<TradeStatus>;
  /** Refunds (the whole or part of) a trade. The same idempotency key never refunds twice. */
  refund(req: RefundRequest): Promise<{ refundNo: string }>;
  /** Closes an unpaid trade so it can no longer be paid (after a cancellation); optional, best effort. */
  closeTrade?(orderNumber: string): Promise<void>;
  /** The body the platform expects in answer to a notification. */
  readonly notifyAck: { ok: string; fail: string; contentType?: string };
}

/**
 * A provider refused or could not be reached. `retryable`: a transport
 * failure or an answer meaning "try again" (the same request may succeed
 * later); otherwise the platform refused the request itself.
 */
export class PaymentProviderError extends Error {
  readonly retryable: boolean;
  readonly providerCode?: string;
  constructor(message: string, opts: { retryable?: boolean; providerCode?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'PaymentProviderError';
    this.retryable = opts.retryable ?? false;
    this.providerCode = opts.providerCode;
  }
}
