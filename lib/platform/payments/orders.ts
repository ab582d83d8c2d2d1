import crypto from 'node:crypto';
import { and, asc, eq, lte, notExists, sql } from 'drizzle-orm';
import { bankTransfers, orders, payments, type Order, type Payment } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '../audit';
import type { SignedInActor } from '../auth/actor';
import { can } from '../auth/permissions';
import { AppError, isAppError, isUniqueViolation } from '../errors';
import { logger } from '../logger';
import { notifyUser } from '../notify/in-app';
import { runCancelledHandler, runPaidHandler } from './hooks';
import { alertFinance, paymentsT } from './messages';
import { formatFen } from './money';
import { paymentProvider } from './providers';
import { chinaDate } from './providers/signing';
import { isUuid } from '@/lib/platform/schemas';

/**
 * Orders: created by a module for something it sells (an exam registration …),
 * paid through a provider, cancelled by their owner, expired by the payment
 * loop, refunded. Every status change is one conditional UPDATE; uniqueness
 * that matters (one live order per subject, one payment per order, one trade
 * per payment) is a constraint. Module handlers (hooks.ts) run in the same
 * transaction as the change they react to.
 */

export type OrderItem = { name: string; amountFen: number; ref?: string | null };

export type CreateOrderInput = {
  userId: string;
  subjectType: string;
  subjectId: string;
  title: string;
  items: OrderItem[];
  ttlMinutes: number;
};

export const ORDER_STATUSES = ['unpaid', 'paid', 'cancelled', 'expired', 'refund_requested', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** DD + yyyymmdd (China) + 8 random digits: DD2026030112345678. */
export function newOrderNumber(now = new Date()): string {
  return `DD${chinaDate(now)}${String(crypto.randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

const MAX_AMOUNT_FEN = 100_000_000_00; // ¥100,000,000: a typo guard, far above any fee

function checkItems(items: OrderItem[]): number {
  if (!Array.isArray(items) || items.length === 0) throw new AppError('BAD_INPUT', { messageKey: 'payments.errors.noItems' });
  let total = 0;
  for (const it of items) {
    if (!it.name?.trim() || !Number.isSafeInteger(it.amountFen) || it.amountFen <= 0) throw new AppError('BAD_INPUT', { messageKey: 'payments.errors.badItem' });
    total += it.amountFen;
  }
  if (total > MAX_AMOUNT_FEN) throw new AppError('BAD_INPUT', { messageKey: 'payments.errors.badItem' });
  return total;
}

/**
 * Creates an unpaid order in the caller's transaction (which usually also
 * freezes what the order is for). A second live order for the same subject
 * (double-click, two tabs) is refused by the unique index, not by a prior
 * SELECT: CONFLICT with payments.errors.orderExists.
 */
export async function createOrder(tx: DbOrTx, input: CreateOrderInput): Promise<Order> {
  const amountFen = checkItems(input.items);
  if (!input.title.trim() || !input.subjectType || !input.subjectId) throw new AppError('BAD_INPUT');
  if (!Number.isInteger(input.ttlMinutes) || input.ttlMinutes < 1 || input.ttlMinutes > 7 * 24 * 60) throw new AppError('BAD_INPUT', { detail: 'ttlMinutes out of range' });
  const items = input.items.map((i) => ({ name: i.name.trim(), amountFen: i.amountFen, ref: i.ref ?? null }));

  for (let attempt = 0; ; attempt++) {
    try {
      // A savepoint: a clash of random numbers is retried without losing the caller's transaction.
      const order = await tx.transaction(async (sp) => {
        const [row] = await sp
          .insert(orders)
          .values({
            number: newOrderNumber(),
            userId: input.userId,
            subjectType: input.subjectType,
            subjectId: input.subjectId,
            title: input.title.trim(),
            items,
            amountFen,
            expiresAt: sql`now() + make_interval(mins => ${input.ttlMinutes})`,
          })
          .returning();
        return row;
      });
      await audit(tx, { action: 'order.created', actorId: input.userId, targetType: 'order', targetId: order.id, detail: { number: order.number, subjectType: order.subjectType, subjectId: order.subjectId, amountFen } });
      return order;
    } catch (e) {
      if (isUniqueViolation(e, 'orders_live_subject_idx')) throw new AppError('CONFLICT', { messageKey: 'payments.errors.orderExists', cause: e });
      if (isUniqueViolation(e, 'orders_number_unique') && attempt < 5) continue;
      throw e;
    }
  }
}

const isStaffFor = (actor: SignedInActor) => can(actor, { action: 'staff.role', role: 'finance' }) || can(actor, { action: 'staff.role', role: 'admin' });

/** The WHERE clause of the orders an actor may act on: their own, or any for finance and admins. */
export function orderScope(actor: SignedInActor) {
  return isStaffFor(actor) ? undefined : eq(orders.userId, actor.id);
}

/** No bank transfer of the order is waiting for finance (the money may have moved: the order neither expires nor is cancelled meanwhile). */
export const noTransferWaiting = () =>
  notExists(sql`(select 1 from ${bankTransfers} where ${bankTransfers.orderId} = ${orders.id} and ${bankTransfers.status} = 'submitted')`);


/** An order the actor may see (owner, finance, admin); NOT_FOUND otherwise, so existence is not given away. */
export async function getOrderFor(db: DbOrTx, actor: SignedInActor, orderId: string): Promise<Order> {
  if (!isUuid(orderId)) throw new AppError('NOT_FOUND');
  const [o] = await db.select().from(orders).where(and(eq(orders.id, orderId), orderScope(actor)));
  if (!o) throw new AppError('NOT_FOUND');
  return o;
}

/**
 * Cancels an unpaid order (its owner, or finance/admin staff) and lets the
 * module release what the order held. Only 'unpaid' moves: a paid order is
 * refunded, not cancelled.
 */
export async function cancelOrder(tx: DbOrTx, actor: SignedInActor, orderId: string): Promise<Order> {
  if (!isUuid(orderId)) throw new AppError('NOT_FOUND');
  const [moved] = await tx
    .update(orders)
    .set({ status: 'cancelled', updatedAt: sql`now()` })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'unpaid'), orderScope(actor), noTransferWaiting()))
    .returning();
  if (!moved) {
    const current = await getOrderFor(tx, actor, orderId);
    throw new AppError('INVALID_STATE', {
      messageKey: current.status === 'paid' ? 'payments.errors.alreadyPaid' : current.status === 'unpaid' ? 'bankTransfer.errors.waitingForFinance' : 'payments.errors.notCancellable',
    });
  }
  await runCancelledHandler(tx, moved, { reason: 'cancelled', actorId: actor.id });
  await audit(tx, { action: 'order.cancelled', actorId: actor.id, targetType: 'order', targetId: moved.id, detail: { number: moved.number } });
  return moved;
}

const EXPIRE_BATCH = 100;

/**
 * Expires unpaid orders past their time, in batches. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several instances (or a cancel racing the loop)
 * never take the same order; each order moves in its own savepoint, so a
 * module handler that fails for one order leaves that order for the next run
 * without holding back the others.
 */
async function closeTrades(db: Db, trades: Array<{ provider: string; number: string }>): Promise<void> {
  for (const t of trades) {
    try {
      await paymentProvider(db, t.provider).closeTrade?.(t.number);
    } catch (err) {
      logger.warn('closing an expired trade failed', { provider: t.provider, number: t.number, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

export async function expireOrders(db: Db, now = new Date()): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const r = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.status, 'unpaid'), lte(orders.expiresAt, now), noTransferWaiting()))
        .orderBy(asc(orders.expiresAt))
        .limit(EXPIRE_BATCH)
        .for('update', { skipLocked: true });
      let moved = 0;
      const sent: Array<{ provider: string; number: string }> = [];
      for (const { id } of due) {
        try {
          await tx.transaction(async (sp) => {
            const [o] = await sp.update(orders).set({ status: 'expired', updatedAt: sql`now()` }).where(and(eq(orders.id, id), eq(orders.status, 'unpaid'), noTransferWaiting())).returning();
            if (!o) return;
            await runCancelledHandler(sp, o, { reason: 'expired', actorId: null });
            await audit(sp, { action: 'order.expired', targetType: 'order', targetId: o.id, detail: { number: o.number } });
            moved++;
            if (o.provider) sent.push({ provider: o.provider, number: o.number });
          });
        } catch (err) {
          logger.error('order expiry failed', { orderId: id, err });
        }
      }
      return { claimed: due.length, moved, sent };
    });
    expired += r.moved;
    // After the commit, outside any transaction: close the expired trades at their platforms, so an old QR code
    // or cashier page can no longer take money for a released order (best effort; a payment that still
    // arrives takes the late-payment path of markPaid).
    await closeTrades(db, r.sent);
    if (r.claimed < EXPIRE_BATCH || r.moved === 0) return { expired };
  }
}

/** How a payment became known: the provider's notification, a query, the reconciliation job, or finance confirming a bank transfer. */
export type PaymentSource = 'notify' | 'query' | 'reconcile' | 'finance';

export type MarkPaidInput = {
  orderId: string;
  provider: string;
  providerTradeNo: string;
  amountFen: number;
  source: PaymentSource;
  raw?: unknown;
};

export type MarkPaidResult = {
  order: Order;
  payment: Payment;
  /** False when this payment was already recorded (a repeated notification): nothing changed. */
  created: boolean;
  /** The order is paid and its module has taken it (false: money recorded, order left as it was, finance alerted). */
  settled: boolean;
  /** The money came after the order had been cancelled or had expired. */
  late: boolean;
  /** A second, different trade for an already paid order: recorded nowhere but the audit log, finance alerted. */
  duplicate?: boolean;
};

/**
 * Records a payment the provider confirmed (notification, query or
 * reconciliation) and settles the order, in the caller's transaction.
 *
 * - The amount must equal the order's, or nothing is written.
 * - Idempotent: the payment row is unique per order and per trade, so a
 *   repeated notification (or ten at once) finds the existing payment and
 *   changes nothing.
 * - A payment arriving after the order expired or was cancelled is still
 *   recorded, and the order is marked paid when its module can take it back
 *   (handler with `late: true`); either way an audit row 'payment.late' and a
 *   note to finance say so. Why mark a cancelled order paid: the money has
 *   moved, and the order is the one place that says what it paid for; a paid
 *   order is visible in every paid list and refundable through the normal
 *   path, whereas a "cancelled" order holding money would be invisible to
 *   both. When the module cannot take it back (the seat is gone, another order
 *   for the subject is live), the order stays as it was with the payment
 *   recorded, and finance refunds it (refundLatePayment).
 */
export async function markPaid(tx: DbOrTx, input: MarkPaidInput): Promise<MarkPaidResult> {
  if (!isUuid(input.orderId)) throw new AppError('NOT_FOUND', { messageKey: 'payments.errors.unknownOrder' });
  // The order row lock serializes concurrent notifications and queries of one order.
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) throw new AppError('NOT_FOUND', { messageKey: 'payments.errors.unknownOrder' });
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen !== order.amountFen) {
    throw new AppError('BAD_INPUT', { messageKey: 'payments.errors.amountMismatch', detail: `order ${order.number}: paid ${input.amountFen}, expected ${order.amountFen}` });
  }

  const [payment] = await tx
    .insert(payments)
    .values({ orderId: order.id, provider: input.provider, providerTradeNo: input.providerTradeNo, amountFen: input.amountFen, status: 'succeeded', source: input.source, raw: input.raw ?? null })
    .onConflictDoNothing()
    .returning();

  if (!payment) {
    const [existing] = await tx.select().from(payments).where(eq(payments.orderId, order.id));
    if (existing && existing.provider === input.provider && existing.providerTradeNo === input.providerTradeNo) {
      return { order, payment: existing, created: false, settled: ['paid', 'refund_requested', 'refunded'].includes(order.status), late: false };
    }
    const [sameTrade] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.provider, input.provider), eq(payments.providerTradeNo, input.providerTradeNo)));
    if (sameTrade) throw new AppError('CONFLICT', { messageKey: 'payments.errors.tradeMismatch', detail: `trade ${input.providerTradeNo} belongs to another order` });
    // The payer paid one order twice (two cashier tabs on a platform without closing): the first payment stands; finance returns this one.
    await audit(tx, { action: 'payment.duplicate', targetType: 'order', targetId: order.id, success: false, detail: { number: order.number, provider: input.provider, tradeNo: input.providerTradeNo, amountFen: input.amountFen, source: input.source } });
    await alertFinance(tx, order, 'duplicate', `${input.provider}:${input.providerTradeNo}`);
    return { order, payment: existing!, created: false, settled: true, late: false, duplicate: true };
  }

  const previous = order.status;
  if (previous !== 'unpaid' && previous !== 'expired' && previous !== 'cancelled') {
    // A paid or refunded order without a payment row cannot come from this code.
    throw new AppError('INVALID_STATE', { detail: `order ${order.number} is ${previous} without a payment` });
  }
  const late = previous !== 'unpaid';
  await audit(tx, { action: 'payment.received', targetType: 'order', targetId: order.id, detail: { number: order.number, provider: input.provider, tradeNo: input.providerTradeNo, amountFen: input.amountFen, source: input.source } });

  let settledOrder: Order | null = null;
  let reason: string | null = null;
  try {
    // A savepoint: when the module refuses (or the subject has another live order), the payment stays recorded.
    settledOrder = await tx.transaction(async (sp) => {
      const [moved] = await sp
        .update(orders)
        .set({ status: 'paid', paidAt: sql`now()`, provider: input.provider, updatedAt: sql`now()` })
        .where(and(eq(orders.id, order.id), eq(orders.status, previous)))
        .returning();
      if (!moved) throw new AppError('INVALID_STATE');
      await runPaidHandler(sp, moved, { payment, previousStatus: previous, late });
      return moved;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'orders_live_subject_idx')) reason = 'subjectTaken';
    else if (isAppError(e)) reason = e.messageKey ?? e.code;
    else throw e;
  }

  if (late) {
    await audit(tx, { action: 'payment.late', targetType: 'order', targetId: order.id, success: Boolean(settledOrder), detail: { number: order.number, previousStatus: previous, settled: Boolean(settledOrder), reason, tradeNo: input.providerTradeNo } });
    await alertFinance(tx, order, 'late', payment.id);
  } else if (!settledOrder) {
    await audit(tx, { action: 'payment.unsettled', targetType: 'order', targetId: order.id, success: false, detail: { number: order.number, reason, tradeNo: input.providerTradeNo } });
    await alertFinance(tx, order, 'unsettled', payment.id);
  }
  if (settledOrder) {
    const t = paymentsT();
    await notifyUser(tx, {
      userId: order.userId,
      title: t('notify.paidTitle', { title: order.title }),
      body: t('notify.paidBody', { number: order.number, amount: formatFen(order.amountFen) }),
      link: `/api/payments/orders/${order.id}/receipt`,
      dedupeKey: `payment:${payment.id}`,
    });
  }
  return { order: settledOrder ?? order, payment, created: true, settled: Boolean(settledOrder), late };
}

/** The payment of an order (null when none was recorded). */
export async function paymentOf(db: DbOrTx, orderId: string): Promise<Payment | null> {
  const [p] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  return p ?? null;
}

/** Orders by number (notifications name orders by number). */
export async function orderByNumber(db: DbOrTx, number: string): Promise<Order | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(number)) return null;
  const [o] = await db.select().from(orders).where(eq(orders.number, number));
  return o ?? null;
}
