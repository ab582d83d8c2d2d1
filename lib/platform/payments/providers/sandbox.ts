import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { actionTokens } from '@/db/schema';
import type { Db } from '@/db';
import { authSecret } from '../../auth/secret';
import { logger } from '../../logger';
import { parseFen } from '../money';
import { canonicalString, chinaDate, chinaDateTime, safeEqual } from './signing';
import type { PayMethod } from '../methods';
import { PaymentProviderError, type CreatedPayment, type CreatePaymentOptions, type PaymentProvider, type ProviderOrder, type RefundRequest, type TradeStatus, type VerifiedNotification } from './types';

/**
 * The built-in sandbox cashier (模拟支付平台): a payment platform played by the
 * app itself, so the whole payment path — redirect to a cashier, signed
 * asynchronous notification, query, refund — runs on a laptop with no account
 * anywhere. It behaves like Alipay where it matters: the cashier link and
 * every notification are signed (HMAC-SHA256 with a key derived from the auth
 * secret), a trade is paid once, a refund key refunds once.
 *
 * The platform's own books (its "ledger") are one `action_tokens` row per order
 * number (purpose 'sandbox_trade'; data = { tradeNo, amountFen, status,
 * refunds, refundedFen }). There is no sandbox table: these rows are the
 * sandbox's state, never read by the order logic, which learns of payments
 * only through notifications and queries, as with a real platform.
 */
export const SANDBOX = 'sandbox';
const LEDGER = 'sandbox_trade';

type LedgerData = {
  tradeNo?: string;
  amountFen?: number;
  status: 'paid' | 'closed';
  paidAt?: string;
  refunds?: Record<string, string>;
  refundedFen?: number;
  /** The method the trade was paid by, and the signed notification the platform sent (the cashier shows it, for replaying). */
  method?: SandboxMethod;
  notification?: SandboxNotification;
};

/**
 * The sandbox plays every method: each has its own cashier page
 * (components/payments/sandbox-cashier.tsx) —
 *   sandbox.page.pay    支付宝 computer-website cashier (also the default when no method is chosen)
 *   sandbox.wap.pay     支付宝 phone-website cashier
 *   sandbox.native.pay  微信支付 Native: what the phone shows after scanning the QR code
 *   sandbox.h5.pay      微信支付 H5 cashier in a phone browser
 */
export const SANDBOX_METHODS = ['sandbox.page.pay', 'sandbox.wap.pay', 'sandbox.native.pay', 'sandbox.h5.pay'] as const;
export type SandboxMethod = (typeof SANDBOX_METHODS)[number];
const SANDBOX_METHOD_OF: Record<PayMethod, SandboxMethod> = {
  alipay_page: 'sandbox.page.pay',
  alipay_wap: 'sandbox.wap.pay',
  wechat_native: 'sandbox.native.pay',
  wechat_h5: 'sandbox.h5.pay',
};

const ledgerHash = (orderNumber: string) => crypto.createHash('sha256').update(`${LEDGER}:${orderNumber}`).digest('hex');

/** The sandbox's signing key: derived, so a sandbox signature is never a valid session or captcha signature. */
async function sandboxKey(db: Db): Promise<Buffer> {
  return crypto.createHmac('sha256', await authSecret(db)).update('payments.sandbox.v1').digest();
}

async function sign(db: Db, params: Record<string, string>): Promise<string> {
  return crypto.createHmac('sha256', await sandboxKey(db)).update(canonicalString(params)).digest('hex');
}

async function verified(db: Db, params: Record<string, string | undefined>): Promise<boolean> {
  if (!params.sign || params.sign_type !== 'HMAC-SHA256') return false;
  return safeEqual(await sign(db, params as Record<string, string>), params.sign);
}

async function ledger(db: Db, orderNumber: string): Promise<LedgerData | null> {
  const [row] = await db
    .select({ data: actionTokens.data })
    .from(actionTokens)
    .where(and(eq(actionTokens.tokenHash, ledgerHash(orderNumber)), eq(actionTokens.purpose, LEDGER)));
  return (row?.data as LedgerData | undefined) ?? null;
}

async function writeLedger(db: Db, orderNumber: string, data: LedgerData): Promise<LedgerData> {
  await db
    .insert(actionTokens)
    .values({ purpose: LEDGER, subjectId: orderNumber, tokenHash: ledgerHash(orderNumber), data, expiresAt: sql`now() + interval '3 years'` })
    .onConflictDoNothing({ target: actionTokens.tokenHash });
  // Whoever wrote first decides (paying and closing one trade at once): read back what stands.
  return (await ledger(db, orderNumber))!;
}

async function tradeNoOf(db: Db, orderNumber: string, at: Date): Promise<string> {
  const digest = crypto.createHmac('sha256', await sandboxKey(db)).update(`trade:${orderNumber}`).digest('hex').slice(0, 16).toUpperCase();
  return `SB${chinaDate(at)}${digest}`;
}

export class SandboxProvider implements PaymentProvider {
  readonly name = SANDBOX;
  readonly notifyAck = { ok: 'success', fail: 'fail' };

  constructor(private readonly db: Db) {}

  async createPayment(order: ProviderOrder, urls: { returnUrl: string; notifyUrl: string }, opts: CreatePaymentOptions = {}): Promise<CreatedPayment> {
    const method = opts.method ? SANDBOX_METHOD_OF[opts.method] : 'sandbox.page.pay';
    const params: Record<string, string> = {
      method,
      out_trade_no: order.number,
      subject: order.title,
      total_fen: String(order.amountFen),
      time_expire: String(order.expiresAt.getTime()),
      return_url: urls.returnUrl,
      notify_url: urls.notifyUrl,
      sign_type: 'HMAC-SHA256',
    };
    params.sign = await sign(this.db, params);
    // A path, not a URL: the cashier is this app, whatever host the payer reached it by.
    const path = `/pay/sandbox/${encodeURIComponent(order.number)}?${new URLSearchParams(params)}`;
    // Native: the code a phone scans is the platform's own link (here: our cashier, on the public address the notify URL names).
    if (method === 'sandbox.native.pay') return { qrCode: `${new URL(urls.notifyUrl).origin}${path}` };
    return { redirectUrl: path };
  }

  async verifyNotification(params: Record<string, string>): Promise<VerifiedNotification> {
    if (params.notify_type !== 'trade_status_sync' || !(await verified(this.db, params))) throw new PaymentProviderError('sandbox notification signature does not verify');
    const amountFen = parseFen(params.total_fen);
    if (!params.out_trade_no || !params.trade_no || amountFen === null) throw new PaymentProviderError('sandbox notification without order number, trade number or amount');
    return { orderNumber: params.out_trade_no, tradeNo: params.trade_no, amountFen, paid: params.trade_status === 'TRADE_SUCCESS' };
  }

  async queryTrade(orderNumber: string): Promise<TradeStatus> {
    const l = await ledger(this.db, orderNumber);
    if (!l || l.status !== 'paid') return { paid: false };
    return { paid: true, tradeNo: l.tradeNo, amountFen: l.amountFen };
  }

  async refund(req: RefundRequest): Promise<{ refundNo: string }> {
    const refundNo = `SR${crypto.createHmac('sha256', await sandboxKey(this.db)).update(`refund:${req.idempotencyKey}`).digest('hex').slice(0, 20).toUpperCase()}`;
    // One conditional UPDATE: a paid trade, this trade number, a key not used yet, and no more than was paid in total.
    const [row] = await this.db
      .update(actionTokens)
      .set({
        data: sql`${actionTokens.data} || jsonb_build_object(
          'refundedFen', coalesce((${actionTokens.data} ->> 'refundedFen')::int, 0) + ${req.amountFen}::int,
          'refunds', coalesce(${actionTokens.data} -> 'refunds', '{}'::jsonb) || jsonb_build_object(${req.idempotencyKey}::text, ${refundNo}::text))`,
      })
      .where(
        and(
          eq(actionTokens.tokenHash, ledgerHash(req.orderNumber)),
          eq(actionTokens.purpose, LEDGER),
          sql`${actionTokens.data} ->> 'status' = 'paid'`,
          sql`${actionTokens.data} ->> 'tradeNo' = ${req.tradeNo}`,
          sql`(${actionTokens.data} -> 'refunds' ->> ${req.idempotencyKey}::text) is null`,
          sql`coalesce((${actionTokens.data} ->> 'refundedFen')::int, 0) + ${req.amountFen}::int <= (${actionTokens.data} ->> 'amountFen')::int`,
        ),
      )
      .returning({ id: actionTokens.id });
    if (row) return { refundNo };
    const l = await ledger(this.db, req.orderNumber);
    const done = l?.refunds?.[req.idempotencyKey];
    if (done) return { refundNo: done };
    if (!l || l.status !== 'paid' || l.tradeNo !== req.tradeNo) throw new PaymentProviderError('sandbox: no paid trade with this number', { providerCode: 'TRADE_NOT_EXIST' });
    throw new PaymentProviderError('sandbox: the refund exceeds what was paid', { providerCode: 'REFUND_AMT_EXCEEDED' });
  }

  async closeTrade(orderNumber: string): Promise<void> {
    await writeLedger(this.db, orderNumber, { status: 'closed' });
  }
}

// ---------------------------------------------------------------------------
// The cashier page (app/pay/sandbox/[orderNumber])
// ---------------------------------------------------------------------------

export type CashierRequest = {
  orderNumber: string;
  title: string;
  amountFen: number;
  expiresAt: Date;
  returnUrl: string;
  notifyUrl: string;
  /** Which platform and page the cashier plays. */
  method: SandboxMethod;
  /** The signed parameters, posted back by the cashier's buttons. */
  params: Record<string, string>;
};

const CASHIER_KEYS = ['method', 'out_trade_no', 'subject', 'total_fen', 'time_expire', 'return_url', 'notify_url', 'sign_type', 'sign'] as const;

/** The merchant's signed request the cashier was opened with, or null when it is not authentic. */
export async function readCashierRequest(db: Db, orderNumber: string, query: Record<string, string | string[] | undefined>): Promise<CashierRequest | null> {
  const params: Record<string, string> = {};
  for (const k of CASHIER_KEYS) {
    const v = query[k];
    if (typeof v !== 'string' || v === '') return null;
    params[k] = v;
  }
  if (!(SANDBOX_METHODS as readonly string[]).includes(params.method) || params.out_trade_no !== orderNumber || !(await verified(db, params))) return null;
  const amountFen = parseFen(params.total_fen);
  const expiresMs = parseFen(params.time_expire);
  if (!amountFen || expiresMs === null || !(/^https?:\/\//.test(params.return_url) || params.return_url.startsWith('/'))) return null;
  return { orderNumber, title: params.subject, amountFen, expiresAt: new Date(expiresMs), returnUrl: params.return_url, notifyUrl: params.notify_url, method: params.method as SandboxMethod, params };
}

/** What the cashier can offer for a request: to pay ('open'), or only the way back (already paid, closed, past its time). */
export async function cashierState(db: Db, request: CashierRequest, now = new Date()): Promise<'open' | 'paid' | 'closed' | 'expired'> {
  const status = (await ledger(db, request.orderNumber))?.status;
  if (status) return status;
  return request.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

/**
 * The asynchronous notification the sandbox sent for a paid trade (its URL
 * and signed form body), which the cashier shows once paid: a tester can
 * replay it and see that a repeated notification changes nothing.
 */
export async function sentNotification(db: Db, orderNumber: string): Promise<SandboxNotification | null> {
  return (await ledger(db, orderNumber))?.notification ?? null;
}

export type CashierOutcome = 'pay' | 'fail' | 'abandon';
export type SandboxNotification = { url: string; body: string };
export type CashierResult = { redirectTo: string; status: 'paid' | 'failed' | 'abandoned' | 'closed' | 'expired'; notification?: SandboxNotification };

function withFlag(url: string, flag: string | null): string {
  if (!flag) return url;
  return `${url}${url.includes('?') ? '&' : '?'}payResult=${flag}`;
}

/**
 * A button of the cashier. Paying records the trade once (paying again, from
 * a second tab, changes nothing and sends the same notification) and returns
 * the signed notification to deliver; failing and abandoning record nothing,
 * as on a real platform. The payer goes back to the merchant's return URL
 * with `payResult=paid|failed` (nothing when abandoned).
 */
export async function payAtCashier(db: Db, request: CashierRequest, outcome: CashierOutcome, now = new Date()): Promise<CashierResult> {
  if (outcome === 'abandon') return { redirectTo: request.returnUrl, status: 'abandoned' };
  if (outcome === 'fail') return { redirectTo: withFlag(request.returnUrl, 'failed'), status: 'failed' };
  if (request.expiresAt.getTime() <= now.getTime()) return { redirectTo: withFlag(request.returnUrl, 'expired'), status: 'expired' };

  const tradeNo = await tradeNoOf(db, request.orderNumber, now);
  const params: Record<string, string> = {
    notify_type: 'trade_status_sync',
    notify_id: crypto.randomUUID(),
    notify_time: chinaDateTime(now),
    out_trade_no: request.orderNumber,
    trade_no: tradeNo,
    total_fen: String(request.amountFen),
    trade_status: 'TRADE_SUCCESS',
    gmt_payment: chinaDateTime(now),
    sign_type: 'HMAC-SHA256',
  };
  params.sign = await sign(db, params);
  const l = await writeLedger(db, request.orderNumber, {
    status: 'paid',
    tradeNo,
    amountFen: request.amountFen,
    paidAt: now.toISOString(),
    refunds: {},
    refundedFen: 0,
    method: request.method,
    notification: { url: request.notifyUrl, body: new URLSearchParams(params).toString() },
  });
  if (l.status !== 'paid') return { redirectTo: withFlag(request.returnUrl, 'closed'), status: 'closed' };
  // Paid before (a second tab): the same trade, the same notification as the first time.
  let notification = l.notification;
  if (!notification) {
    // A trade recorded before notifications were kept: sign one for what the ledger holds.
    const again: Record<string, string> = { ...params, trade_no: l.tradeNo!, total_fen: String(l.amountFen), gmt_payment: chinaDateTime(new Date(l.paidAt ?? now)) };
    delete again.sign;
    again.sign = await sign(db, again);
    notification = { url: request.notifyUrl, body: new URLSearchParams(again).toString() };
  }
  return { redirectTo: withFlag(request.returnUrl, 'paid'), status: 'paid', notification };
}

/**
 * Sends a notification the way a platform does: asynchronously, after the
 * payer has been sent back, retried a few times until the merchant answers
 * 'success'. A notification that never gets through is what the query on
 * "支付完毕" and the reconciliation job are for.
 */
export function deliverSandboxNotification(n: SandboxNotification, delaysMs: readonly number[] = [500, 5_000, 30_000]): void {
  const attempt = (i: number) => {
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(n.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: n.body, signal: AbortSignal.timeout(10_000) });
        if ((await res.text()).trim() === 'success') return;
        logger.warn('sandbox notification refused', { url: n.url, status: res.status, attempt: i + 1 });
      } catch (err) {
        logger.warn('sandbox notification failed', { url: n.url, attempt: i + 1, error: err instanceof Error ? err.message : String(err) });
      }
      if (i + 1 < delaysMs.length) attempt(i + 1);
    }, delaysMs[i]);
    timer.unref?.();
  };
  attempt(0);
}
