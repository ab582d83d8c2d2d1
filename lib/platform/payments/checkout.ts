import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { orders, payments, type Order } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '../audit';
import { defineAction } from '../auth/action-core';
import type { SignedInActor } from '../auth/actor';
import { env } from '../env';
import { appBase, onSelf } from '../http/origin';
import { AppError, isAppError } from '../errors';
import { logger } from '../logger';
import { hit } from '../rate-limit';
import { isSafeRedirectPath, MAX_REDIRECT_PATH } from '../safe-redirect';
import { cancelOrder, getOrderFor, markPaid, noTransferWaiting, orderByNumber, type MarkPaidResult, type PaymentSource } from './orders';
import { channelOf, PAY_CHANNELS, PAY_DEVICES, payMethodFor, type PayMethod } from './methods';
import { BANK_TRANSFER, availableChannels, configuredProviderName, paymentProvider, PaymentProviderError, providerForMethod, type PaymentProvider, type RawNotification } from './providers';
import { qrPagePath } from './qr';
import { deliverSandboxNotification, payAtCashier, readCashierRequest, SANDBOX } from './providers/sandbox';

/**
 * The payer's path: start paying (redirect to the provider's cashier), the
 * provider's signed notification, "支付完毕" (query the provider), and the
 * reconciliation job for notifications that never came. Provider calls are
 * made outside transactions; what they report is then settled by markPaid in
 * one short transaction.
 */


/** An in-app path (never another site): '/portal/exam/x?y=1'. */
const inAppPath = z.string().max(MAX_REDIRECT_PATH).refine(isSafeRedirectPath, { message: 'must be a path inside this site' });

const orderIdSchema = z.object({ orderId: uuidSchema() });

function providerUnavailable(e: unknown): AppError {
  logger.warn('payment provider call failed', { error: e instanceof Error ? e.message : String(e) });
  return new AppError('UNAVAILABLE', { messageKey: 'payments.errors.providerUnavailable', cause: e });
}

/**
 * Sends the owner of an unpaid, unexpired order to the provider's cashier.
 * The order remembers the provider and the method the payer chose (微信支付 /
 * 支付宝, QR or page on a desktop, H5 / WAP on a phone), so the query and the
 * reconciliation ask the platform that holds the trade. `returnUrl` is where
 * the payer comes back (an in-app path; the module's page with the "支付完毕"
 * button). A QR-code payment (WeChat Native) goes to our own QR page.
 */
export async function startPayment(
  db: Db,
  actor: SignedInActor,
  input: { orderId: string; returnUrl: string },
  opts: { provider?: string; method?: PayMethod; clientIp?: string | null } = {},
): Promise<{ redirectUrl: string }> {
  const order = await getOrderFor(db, actor, input.orderId);
  if (order.userId !== actor.id) throw new AppError('NOT_FOUND');
  if (order.status !== 'unpaid') throw new AppError('INVALID_STATE', { messageKey: order.status === 'paid' ? 'payments.errors.alreadyPaid' : 'payments.errors.orderClosed' });
  if (order.expiresAt.getTime() <= Date.now()) throw new AppError('INVALID_STATE', { messageKey: 'payments.errors.orderExpired' });
  if (opts.method && !opts.provider && !availableChannels().includes(channelOf(opts.method))) throw new AppError('BAD_INPUT', { messageKey: 'paymentMethods.errors.unavailable' });
  const name = opts.provider ?? (opts.method ? providerForMethod(opts.method) : configuredProviderName());
  const provider = paymentProvider(db, name);
  const method = name === BANK_TRANSFER ? null : (opts.method ?? null);
  const [o] = await db
    .update(orders)
    .set({ provider: name, payMethod: method, updatedAt: sql`now()` })
    // A bank transfer waiting for finance may already have moved the money: no second way to pay meanwhile.
    .where(and(eq(orders.id, order.id), eq(orders.status, 'unpaid'), name === BANK_TRANSFER ? undefined : noTransferWaiting()))
    .returning();
  if (!o) {
    const [now] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    throw new AppError('INVALID_STATE', { messageKey: now?.status === 'unpaid' ? 'bankTransfer.errors.waitingForFinance' : 'payments.errors.orderClosed' });
  }
  try {
    const created = await provider.createPayment(
      o,
      { returnUrl: `${appBase()}${input.returnUrl}`, notifyUrl: `${appBase()}/api/payments/notify/${encodeURIComponent(name)}` },
      { method: method ?? undefined, clientIp: opts.clientIp },
    );
    if ('qrCode' in created) return { redirectUrl: await qrPagePath(db, o, created.qrCode, input.returnUrl) };
    return created;
  } catch (e) {
    if (isAppError(e)) throw e;
    throw providerUnavailable(e);
  }
}

export const startPaymentDef = defineAction({
  access: { kind: 'signedIn' },
  // `provider`: the payer chose bank transfer (银行转账) instead of an online platform. `channel`: 微信支付 or
  // 支付宝, on the payer's `device` (a phone gets H5 / WAP, a desktop the QR code / page pay).
  schema: z.object({
    orderId: uuidSchema(),
    returnUrl: inAppPath,
    provider: z.literal(BANK_TRANSFER).optional(),
    channel: z.enum(PAY_CHANNELS).optional(),
    device: z.enum(PAY_DEVICES).optional(),
  }),
  handler: async ({ db, actor, input, ip }) =>
    startPayment(
      db,
      actor,
      { orderId: input.orderId, returnUrl: input.returnUrl },
      { provider: input.provider, method: input.provider || !input.channel ? undefined : payMethodFor(input.channel, input.device ?? 'desktop'), clientIp: ip },
    ),
});

/**
 * Asks the order's provider how its trade stands and settles a payment it
 * reports (markPaid: idempotent, amount checked). Null when the provider
 * reports nothing paid. Throws PaymentProviderError when the provider cannot
 * answer.
 */
export async function settleFromProvider(db: Db, order: Order, source: PaymentSource): Promise<MarkPaidResult | null> {
  if (!order.provider) return null;
  const provider = paymentProvider(db, order.provider);
  const trade = await provider.queryTrade(order.number);
  if (!trade.paid) return null;
  if (!trade.tradeNo || trade.amountFen === undefined) throw new PaymentProviderError(`${provider.name}: paid trade without trade number or amount`);
  const { tradeNo, amountFen } = trade;
  return db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: provider.name, providerTradeNo: tradeNo, amountFen, source, raw: { query: trade } }));
}

export type OrderState = { id: string; number: string; status: string; paid: boolean };
const stateOf = (o: Order): OrderState => ({ id: o.id, number: o.number, status: o.status, paid: ['paid', 'refund_requested', 'refunded'].includes(o.status) });

/**
 * "支付完毕": the payer says they have paid. The notification may not have
 * arrived (or never will), so ask the provider and settle what it reports.
 */
export async function confirmPayment(db: Db, actor: SignedInActor, orderId: string): Promise<OrderState> {
  const order = await getOrderFor(db, actor, orderId);
  if (!order.provider || !['unpaid', 'expired', 'cancelled'].includes(order.status)) return stateOf(order);
  if (order.status !== 'unpaid' && (await db.select({ id: payments.id }).from(payments).where(eq(payments.orderId, order.id))).length) return stateOf(order);
  // Each click is a call to the provider: a handful a minute is plenty for a person.
  const limit = await hit(db, `payments:confirm:${order.id}`, 60);
  if (limit.count > 12) throw new AppError('RATE_LIMITED', { params: { seconds: limit.retryAfterSec } });
  try {
    const r = await settleFromProvider(db, order, 'query');
    return stateOf(r?.order ?? order);
  } catch (e) {
    if (isAppError(e)) throw e;
    throw providerUnavailable(e);
  }
}

export const confirmPaymentDef = defineAction({
  access: { kind: 'signedIn' },
  schema: orderIdSchema,
  handler: async ({ db, actor, input }) => confirmPayment(db, actor, input.orderId),
});

/**
 * Cancels an unpaid order from a page: first asks the provider (the payer may
 * have paid a moment ago in another tab; then the order is settled, not
 * cancelled), then cancels, then closes the trade at the provider so it can
 * no longer be paid. If the provider cannot be asked, the cancellation goes
 * ahead: a payment arriving later takes the late-payment path (markPaid).
 */
export async function cancelOrderChecked(db: Db, actor: SignedInActor, orderId: string): Promise<OrderState> {
  const order = await getOrderFor(db, actor, orderId);
  if (order.status === 'unpaid' && order.provider) {
    let settled: MarkPaidResult | null = null;
    try {
      settled = await settleFromProvider(db, order, 'query');
    } catch (e) {
      if (isAppError(e)) throw e;
      logger.warn('query before cancel failed; cancelling anyway', { orderId, error: e instanceof Error ? e.message : String(e) });
    }
    if (settled) throw new AppError('INVALID_STATE', { messageKey: 'payments.errors.alreadyPaid' });
  }
  const cancelled = await db.transaction((tx) => cancelOrder(tx, actor, orderId));
  if (cancelled.provider) {
    const provider = paymentProvider(db, cancelled.provider);
    await provider.closeTrade?.(cancelled.number).catch((e: unknown) => logger.warn('closing the trade failed', { orderId, error: e instanceof Error ? e.message : String(e) }));
  }
  return stateOf(cancelled);
}

export const cancelOrderDef = defineAction({
  access: { kind: 'signedIn' },
  schema: orderIdSchema,
  handler: async ({ db, actor, input }) => cancelOrderChecked(db, actor, input.orderId),
});

// Default wait for a notification before asking the provider (PAYMENT_RECONCILE_AFTER_SECONDS).
const RECONCILE_AFTER_MS = 2 * 60_000;
// An order that has just expired gets a few more looks: its payment may have come in its last minutes with the notification lost.
const RECHECK_EXPIRED_MS = 10 * 60_000;
const RECONCILE_BATCH = 200;
// How long a claim keeps other instances off an order while it is checked: done (or its instance dead) by then.
export const RECONCILE_CLAIM_SECONDS = 60;

/**
 * The orders due for a look, claimed for this run: each is marked
 * `reconcile_claimed_until` = now + RECONCILE_CLAIM_SECONDS in one UPDATE over
 * rows locked with SKIP LOCKED, so of several instances running the job at
 * once exactly one asks the provider about a given order; the claim expiring
 * (an instance that died midway) makes the order due again. Times are the
 * job's clock (`now`), as the waits are.
 */
async function claimForReconciliation(db: Db, now: Date, afterMs: number): Promise<Order[]> {
  const due = db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        isNotNull(orders.provider),
        sql`not exists (select 1 from ${payments} where ${payments.orderId} = ${orders.id})`,
        or(isNull(orders.reconcileClaimedUntil), lte(orders.reconcileClaimedUntil, now)),
        or(
          and(eq(orders.status, 'unpaid'), lte(orders.createdAt, new Date(now.getTime() - afterMs))),
          and(eq(orders.status, 'expired'), gt(orders.updatedAt, new Date(now.getTime() - RECHECK_EXPIRED_MS))),
        ),
      ),
    )
    .orderBy(asc(orders.createdAt))
    .limit(RECONCILE_BATCH)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(orders)
    .set({ reconcileClaimedUntil: new Date(now.getTime() + RECONCILE_CLAIM_SECONDS * 1000) })
    .where(inArray(orders.id, due))
    .returning();
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * The reconciliation job (SPEC: "第二天查看支付状态", automated): orders sent to a
 * provider, unpaid for more than `afterMs` (two minutes by default) — plus
 * those that expired in the last ten — are queried, and what the provider reports paid is settled with
 * source 'reconcile'. Safe on several instances at once: each order is claimed
 * in the database first (claimForReconciliation), so one instance asks the
 * provider about it, and markPaid is idempotent under the order's row lock
 * besides. An order the provider reports unpaid is not looked at again, by any
 * instance, for `recheckSeconds` (the loop's interval, at most a minute). With
 * `signal` aborted (the instance is stopping) the orders not yet asked about
 * are released for another instance at once.
 */
export async function reconcileOrders(
  db: Db,
  now = new Date(),
  afterMs = RECONCILE_AFTER_MS,
  opts: { signal?: AbortSignal; recheckSeconds?: number } = {},
): Promise<{ checked: number; settled: number; failed: number; released: number }> {
  const { signal } = opts;
  const recheckMs = Math.min(RECONCILE_CLAIM_SECONDS, opts.recheckSeconds ?? RECONCILE_CLAIM_SECONDS) * 1000;
  const due = await claimForReconciliation(db, now, afterMs);
  const result = { checked: 0, settled: 0, failed: 0, released: 0 };
  for (let i = 0; i < due.length; i++) {
    if (signal?.aborted) {
      const rest = due.slice(i).map((o) => o.id);
      const released = await db.update(orders).set({ reconcileClaimedUntil: null }).where(inArray(orders.id, rest)).returning({ id: orders.id });
      result.released = released.length;
      break;
    }
    const order = due[i];
    result.checked++;
    try {
      const r = await settleFromProvider(db, order, 'reconcile');
      if (r?.created) result.settled++;
      // Not paid (yet): the next look, by whichever instance, after recheckSeconds.
      if (!r) await db.update(orders).set({ reconcileClaimedUntil: new Date(now.getTime() + recheckMs) }).where(eq(orders.id, order.id));
    } catch (e) {
      result.failed++;
      // The provider did not answer: asked again after recheckSeconds.
      await db.update(orders).set({ reconcileClaimedUntil: new Date(now.getTime() + recheckMs) }).where(eq(orders.id, order.id)).catch(() => {});
      logger.warn('reconciliation of an order failed', { orderId: order.id, number: order.number, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return result;
}

export type NotificationOutcome = {
  /** The body and status to answer the provider with. */
  body: string;
  status: number;
  /** The answer's content type (text/plain when absent). */
  contentType?: string;
  outcome: 'recorded' | 'repeated' | 'ignored' | 'unknownProvider' | 'badSignature' | 'unknownOrder' | 'amountMismatch' | 'tradeMismatch';
};

/**
 * A provider's asynchronous notification (POST /api/payments/notify/<provider>):
 * verified (signature), matched to an order (number) and its amount, then
 * settled. Repeats — providers resend until they hear 'success' — find the
 * recorded payment and change nothing. Anything not authentic, for an unknown
 * order, or for the wrong amount is refused and changes nothing.
 */
export async function handleNotification(db: Db, providerName: string, params: Record<string, string>, raw?: RawNotification): Promise<NotificationOutcome> {
  let provider: PaymentProvider;
  try {
    provider = paymentProvider(db, providerName);
  } catch {
    return { body: 'fail', status: 404, outcome: 'unknownProvider' };
  }
  const contentType = provider.notifyAck.contentType;
  const fail = (status: number, outcome: NotificationOutcome['outcome']): NotificationOutcome => ({ body: provider.notifyAck.fail, status, contentType, outcome });
  let n;
  try {
    n = await provider.verifyNotification(params, raw);
  } catch (e) {
    logger.warn('payment notification refused', { provider: providerName, error: e instanceof Error ? e.message : String(e) });
    return fail(400, 'badSignature');
  }
  if (!n.paid) return { body: provider.notifyAck.ok, status: 200, contentType, outcome: 'ignored' };
  const order = await orderByNumber(db, n.orderNumber);
  if (!order) {
    logger.warn('payment notification for an unknown order', { provider: providerName, orderNumber: n.orderNumber });
    return fail(404, 'unknownOrder');
  }
  try {
    const r = await db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: provider.name, providerTradeNo: n.tradeNo, amountFen: n.amountFen, source: 'notify', raw: n.record ?? params }));
    return { body: provider.notifyAck.ok, status: 200, contentType, outcome: r.created ? 'recorded' : 'repeated' };
  } catch (e) {
    if (isAppError(e) && e.messageKey === 'payments.errors.amountMismatch') {
      // Signed by the provider yet for another amount: never settle it, and leave a trace for finance.
      await audit(db, { action: 'payment.amount_mismatch', targetType: 'order', targetId: order.id, success: false, detail: { number: order.number, provider: provider.name, tradeNo: n.tradeNo, paidFen: n.amountFen, expectedFen: order.amountFen } });
      return fail(400, 'amountMismatch');
    }
    if (isAppError(e) && e.messageKey === 'payments.errors.tradeMismatch') return fail(409, 'tradeMismatch');
    throw e;
  }
}

// ---------------------------------------------------------------------------
// The sandbox cashier's buttons
// ---------------------------------------------------------------------------

export const sandboxPayDef = defineAction({
  // The cashier is the "payment platform": whoever holds the signed cashier link may pay, as on a real one.
  access: { kind: 'public' },
  schema: z.object({
    orderNumber: z.string().min(1).max(64),
    outcome: z.enum(['pay', 'fail', 'abandon']),
    // The sandbox's test lever: pay, but "lose" the asynchronous notification (the query and reconciliation must settle it).
    dropNotify: z.boolean().optional(),
    params: z.record(z.string(), z.string().max(2000)),
  }),
  handler: async ({ db, input }) => {
    if (configuredProviderName() !== SANDBOX) throw new AppError('NOT_FOUND');
    const request = await readCashierRequest(db, input.orderNumber, input.params);
    if (!request) throw new AppError('BAD_INPUT', { messageKey: 'payments.sandbox.invalidLink' });
    const r = await payAtCashier(db, request, input.outcome);
    // The sandbox is this instance: its notification goes to this process's own address, whatever APP_URL
    // says (APP_URL is where people reach us, perhaps through a proxy the server cannot reach itself).
    if (r.notification && !input.dropNotify && !env().SANDBOX_DROP_NOTIFY) deliverSandboxNotification({ ...r.notification, url: onSelf(r.notification.url) });
    return { redirectTo: r.redirectTo, status: r.status };
  },
});

