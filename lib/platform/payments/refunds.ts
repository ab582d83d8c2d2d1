import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { orders, refunds, users, type Order, type Refund } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '../audit';
import { defineAction } from '../auth/action-core';
import type { SignedInActor } from '../auth/actor';
import { can } from '../auth/permissions';
import { sendEmail } from '../email/send';
import { RefundResultEmail, refundResultSubject } from '../email/templates/refund-result';
import { AppError, isUniqueViolation } from '../errors';
import { logger } from '../logger';
import { notifyRole, notifyUser } from '../notify/in-app';
import { enqueueSms } from '../notify/outbox';
import { runRefundedHandler } from './hooks';
import { paymentsT, staffOrderLink } from './messages';
import { formatFen } from './money';
import { paymentOf } from './orders';
import { paymentProvider, PaymentProviderError } from './providers';

/**
 * Refunds. Requesting one is a database change in the caller's transaction
 * (the module checks its own rules — refund window, … — in the same
 * transaction); paying it back is a provider call made after the commit by
 * processRefund, from the request itself (best effort) and from the payment
 * loop. The provider gets the refund's idempotency key, so a retried refund
 * (after a timeout, a crash, a failure finance retries) is never paid twice.
 *
 * Refund states: requested → processing → refunded | failed (→ requested
 * again when finance retries). `processing` is a lease: a worker that died
 * mid-call leaves the row claimable again after LEASE_MINUTES.
 */

const LEASE_MINUTES = 5;
/** Transport failures are retried by the loop this many times before the refund is reported failed. */
const AUTO_ATTEMPTS = 3;

export type RequestRefundInput = {
  orderId: string;
  userId: string;
  /** The rule the refund counts against: one refund per (scope, user), ever — 'exam' for exam registrations. */
  scope: string;
  reason?: string | null;
};

const refundKey = (o: Pick<Order, 'number'>) => `RF${o.number}`;

async function insertRefund(tx: DbOrTx, values: typeof refunds.$inferInsert): Promise<Refund> {
  try {
    const [row] = await tx.insert(refunds).values(values).returning();
    return row;
  } catch (e) {
    if (isUniqueViolation(e, 'refunds_one_per_person_idx')) throw new AppError('CONFLICT', { messageKey: 'payments.errors.refundOnce', cause: e });
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { messageKey: 'payments.errors.refundExists', cause: e });
    throw e;
  }
}

/**
 * Requests the full refund of a paid order of `userId`: the order moves
 * paid → refund_requested and a refund row is written. One refund per
 * (scope, user) ever and one per order are unique indexes: a second request
 * gets a clear CONFLICT and changes nothing (the whole request is one
 * savepoint, so the caller's transaction stays usable). Call processRefund
 * after the commit (processRefundSoon).
 */
export async function requestRefund(tx: DbOrTx, input: RequestRefundInput): Promise<Refund> {
  return tx.transaction(async (sp) => {
    const [order] = await sp
      .update(orders)
      .set({ status: 'refund_requested', updatedAt: sql`now()` })
      .where(and(eq(orders.id, input.orderId), eq(orders.userId, input.userId), eq(orders.status, 'paid')))
      .returning();
    if (!order) {
      const [o] = await sp.select({ status: orders.status }).from(orders).where(and(eq(orders.id, input.orderId), eq(orders.userId, input.userId)));
      if (!o) throw new AppError('NOT_FOUND');
      throw new AppError(o.status === 'refund_requested' || o.status === 'refunded' ? 'CONFLICT' : 'INVALID_STATE', {
        messageKey: o.status === 'refund_requested' || o.status === 'refunded' ? 'payments.errors.refundExists' : 'payments.errors.notRefundable',
      });
    }
    const payment = await paymentOf(sp, order.id);
    if (!payment) throw new AppError('INVALID_STATE', { messageKey: 'payments.errors.notRefundable' });
    const refund = await insertRefund(sp, { orderId: order.id, userId: input.userId, scope: input.scope, amountFen: payment.amountFen, idempotencyKey: refundKey(order) });
    await audit(sp, { action: 'refund.requested', actorId: input.userId, targetType: 'order', targetId: order.id, detail: { number: order.number, refundId: refund.id, scope: input.scope, amountFen: refund.amountFen, reason: input.reason ?? null } });
    return refund;
  });
}

/**
 * Finance returns a payment that came after its order was released and could
 * not be settled (markPaid left the order cancelled/expired with the money
 * recorded). Counts against no one's once-only rule: its scope is the order.
 */
export async function refundLatePayment(db: Db, actor: SignedInActor, orderId: string): Promise<Refund> {
  if (!can(actor, { action: 'staff.role', role: 'finance' })) throw new AppError('FORBIDDEN');
  const refund = await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) throw new AppError('NOT_FOUND');
    const payment = await paymentOf(tx, order.id);
    if (!payment || (order.status !== 'cancelled' && order.status !== 'expired')) throw new AppError('INVALID_STATE', { messageKey: 'payments.errors.notLatePayment' });
    const r = await insertRefund(tx, { orderId: order.id, userId: order.userId, scope: `late:${order.id}`, amountFen: payment.amountFen, idempotencyKey: refundKey(order) });
    await audit(tx, { action: 'refund.requested', actorId: actor.id, targetType: 'order', targetId: order.id, detail: { number: order.number, refundId: r.id, scope: r.scope, amountFen: r.amountFen, late: true } });
    return r;
  });
  await processRefund(db, refund.id);
  return refund;
}

export const refundLatePaymentDef = defineAction({
  access: { kind: 'staff', roles: ['finance'] },
  schema: z.object({ orderId: uuidSchema() }),
  handler: async ({ db, actor, input }) => {
    const r = await refundLatePayment(db, actor, input.orderId);
    return { id: r.id, status: (await refundById(db, r.id))?.status ?? r.status };
  },
});

async function refundById(db: DbOrTx, id: string): Promise<Refund | null> {
  const [r] = await db.select().from(refunds).where(eq(refunds.id, id));
  return r ?? null;
}

/** Tells the person how their refund went: in-app, SMS and email (each once per outcome and attempt). */
async function tellUser(tx: DbOrTx, refund: Refund, order: Order, outcome: 'refunded' | 'failed'): Promise<void> {
  const [u] = await tx.select({ name: users.name, email: users.email, mobile: users.mobile }).from(users).where(eq(users.id, refund.userId));
  if (!u) return;
  const t = paymentsT();
  const amount = formatFen(refund.amountFen);
  const key = `refund:${refund.id}:${outcome}:${refund.attempts}`;
  const vars = { title: order.title, number: order.number, amount };
  await notifyUser(tx, {
    userId: refund.userId,
    title: t(`notify.${outcome}Title`, vars),
    body: t(`notify.${outcome}Body`, vars),
    dedupeKey: key,
  });
  if (u.mobile) {
    await enqueueSms(
      tx,
      { to: u.mobile, template: outcome === 'refunded' ? 'refund_succeeded' : 'refund_failed', params: { number: order.number, amount }, text: t(`sms.${outcome}`, vars) },
      { dedupeKey: `${key}:sms` },
    );
  }
  if (u.email) {
    const props = { recipientName: u.name, orderNumber: order.number, title: order.title, amount, outcome, link: '/portal' } as const;
    await sendEmail(tx, { to: u.email, subject: refundResultSubject(props), template: RefundResultEmail, props, dedupeKey: `${key}:email` });
  }
}

/**
 * Pays one refund back through the provider of its payment. Claims the row
 * first (requested → processing, attempts + 1), so two processors — the
 * request's own call and the loop, or two instances — never both call the
 * provider; then calls the provider outside any transaction; then records the
 * outcome. Returns the refund as it stands, or null when someone else holds it.
 */
export async function processRefund(db: Db, refundId: string): Promise<Refund | null> {
  const [claimed] = await db
    .update(refunds)
    .set({ status: 'processing', attempts: sql`${refunds.attempts} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(refunds.id, refundId),
        or(eq(refunds.status, 'requested'), and(eq(refunds.status, 'processing'), lt(refunds.updatedAt, sql`now() - make_interval(mins => ${LEASE_MINUTES})`))),
      ),
    )
    .returning();
  if (!claimed) return null;

  const [order] = await db.select().from(orders).where(eq(orders.id, claimed.orderId));
  const payment = await paymentOf(db, claimed.orderId);
  let outcome: { ok: true; refundNo: string } | { ok: false; reason: string; retry: boolean };
  try {
    if (!payment) throw new PaymentProviderError('no payment recorded for this order');
    const r = await paymentProvider(db, payment.provider).refund({ orderNumber: order.number, tradeNo: payment.providerTradeNo, amountFen: claimed.amountFen, totalFen: payment.amountFen, idempotencyKey: claimed.idempotencyKey });
    outcome = { ok: true, refundNo: r.refundNo };
  } catch (e) {
    const retryable = e instanceof PaymentProviderError ? e.retryable : !(e instanceof AppError);
    outcome = { ok: false, reason: (e instanceof Error ? e.message : String(e)).slice(0, 1000), retry: retryable && claimed.attempts < AUTO_ATTEMPTS };
    logger.warn('refund failed', { refundId, attempt: claimed.attempts, retry: outcome.retry, error: outcome.reason });
  }

  return db.transaction(async (tx) => {
    if (outcome.ok) {
      const [done] = await tx
        .update(refunds)
        .set({ status: 'refunded', providerRefundNo: outcome.refundNo, failureReason: null, updatedAt: sql`now()` })
        .where(and(eq(refunds.id, claimed.id), eq(refunds.status, 'processing')))
        .returning();
      if (!done) return refundById(tx, claimed.id);
      const [moved] = await tx.update(orders).set({ status: 'refunded', updatedAt: sql`now()` }).where(and(eq(orders.id, order.id), eq(orders.status, 'refund_requested'))).returning();
      if (moved) await runRefundedHandler(tx, moved, { refund: done });
      await audit(tx, { action: 'refund.succeeded', targetType: 'order', targetId: order.id, detail: { number: order.number, refundId: done.id, refundNo: outcome.refundNo, amountFen: done.amountFen, attempts: done.attempts } });
      await tellUser(tx, done, order, 'refunded');
      return done;
    }
    const [after] = await tx
      .update(refunds)
      .set({ status: outcome.retry ? 'requested' : 'failed', failureReason: outcome.reason, updatedAt: sql`now()` })
      .where(and(eq(refunds.id, claimed.id), eq(refunds.status, 'processing')))
      .returning();
    if (!after) return refundById(tx, claimed.id);
    if (!outcome.retry) {
      await audit(tx, { action: 'refund.failed', targetType: 'order', targetId: order.id, success: false, detail: { number: order.number, refundId: after.id, reason: outcome.reason, attempts: after.attempts } });
      await tellUser(tx, after, order, 'failed');
      const t = paymentsT();
      await notifyRole(tx, {
        role: 'finance',
        title: t('alerts.refundFailedTitle', { number: order.number }),
        body: t('alerts.refundFailedBody', { number: order.number, amount: formatFen(after.amountFen), reason: outcome.reason }),
        link: staffOrderLink(order),
        dedupeKey: `payments:refundFailed:${after.id}:${after.attempts}`,
      });
    }
    return after;
  });
}

/** Runs processRefund after the caller's commit without making the caller wait for the provider; the loop picks up whatever this misses. */
export function processRefundSoon(db: Db, refundId: string): void {
  void processRefund(db, refundId).catch((err: unknown) => logger.error('refund processing failed', { refundId, err }));
}

/** The loop's part: every refund waiting for the provider (and any whose processor died). */
export async function processPendingRefunds(db: Db, signal?: AbortSignal): Promise<{ processed: number }> {
  const due = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(or(eq(refunds.status, 'requested'), and(eq(refunds.status, 'processing'), lt(refunds.updatedAt, sql`now() - make_interval(mins => ${LEASE_MINUTES})`))))
    .orderBy(asc(refunds.createdAt))
    .limit(50);
  let processed = 0;
  for (const { id } of due) {
    // Stopping: each refund is claimed only when its turn comes, so nothing is left held.
    if (signal?.aborted) break;
    try {
      if (await processRefund(db, id)) processed++;
    } catch (err) {
      logger.error('refund processing failed', { refundId: id, err });
    }
  }
  return { processed };
}

/** Finance retries a failed refund (same idempotency key: the provider never pays it twice). */
export async function retryRefund(db: Db, actor: SignedInActor, refundId: string): Promise<Refund> {
  if (!can(actor, { action: 'staff.role', role: 'finance' })) throw new AppError('FORBIDDEN');
  const [again] = await db.transaction(async (tx) => {
    const rows = await tx
      .update(refunds)
      .set({ status: 'requested', updatedAt: sql`now()` })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, 'failed')))
      .returning();
    if (rows[0]) await audit(tx, { action: 'refund.retried', actorId: actor.id, targetType: 'refund', targetId: refundId, detail: { orderId: rows[0].orderId, attempts: rows[0].attempts } });
    return rows;
  });
  if (!again) {
    const existing = await refundById(db, refundId);
    if (!existing) throw new AppError('NOT_FOUND');
    throw new AppError('INVALID_STATE', { messageKey: 'payments.errors.refundNotFailed' });
  }
  return (await processRefund(db, refundId)) ?? again;
}

export const retryRefundDef = defineAction({
  access: { kind: 'staff', roles: ['finance'] },
  schema: z.object({ refundId: uuidSchema() }),
  handler: async ({ db, actor, input }) => {
    const r = await retryRefund(db, actor, input.refundId);
    return { id: r.id, status: r.status, attempts: r.attempts };
  },
});
