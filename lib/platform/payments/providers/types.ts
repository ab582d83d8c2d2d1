/**
 * A payment platform behind one interface: the built-in sandbox cashier, Alipay,
 * or any other (tests register fakes). Providers speak to the outside world
 * only; they never touch orders. Callers keep every provider call outside
 * database transactions (a slow platform must never hold row locks).
 */

/** What a provider needs to know about an order to take its payment. */
export type ProviderOrder = { number: string; title: string; amountFen: number; expiresAt: Date };

/** A verified asynchronous notification. `paid` false: a notification about something else (waiting, closed), acknowledged and ignored. */
export type VerifiedNotification = { orderNumber: string; tradeNo: string; amountFen: number; paid: boolean };

export type TradeStatus = { paid: boolean; tradeNo?: string; amountFen?: number };

export type RefundRequest = { orderNumber: string; tradeNo: string; amountFen: number; idempotencyKey: string; reason?: string };

export interface PaymentProvider {
  readonly name: string;
  /** Where to send the payer (the platform's cashier page for this order). */
  createPayment(order: ProviderOrder, urls: { returnUrl: string; notifyUrl: string }): Promise<{ redirectUrl: string }>;
  /** Checks a notification's signature and reads it; throws PaymentProviderError when it is not authentic. */
  verifyNotification(params: Record<string, string>): Promise<VerifiedNotification>;
  /** Asks the platform how a trade stands (the "支付完毕" button and the reconciliation job). */
  queryTrade(orderNumber: string): Promise<TradeStatus>;
  /** Refunds (the whole or part of) a trade. The same idempotency key never refunds twice. */
  refund(req: RefundRequest): Promise<{ refundNo: string }>;
  /** Closes an unpaid trade so it can no longer be paid (after a cancellation); optional, best effort. */
  closeTrade?(orderNumber: string): Promise<void>;
  /** The body the platform expects in answer to a notification. */
  readonly notifyAck: { ok: string; fail: string };
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
