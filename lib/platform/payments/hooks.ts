import type { DbOrTx } from '@/db';
import type { Order, Payment, Refund } from '@/db/schema';

/**
 * What a module does when one of its orders is paid, cancelled or expired, or
 * refunded (the exam module freezes and releases seats, marks registrations
 * paid …). Handlers run inside the transaction that moves the order, so the
 * order and the module's own rows change together or not at all.
 *
 * One handler per subject type and event: registering again replaces it.
 * Next.js may evaluate a module once per bundle; with a list, each evaluation
 * would add a copy and a payment would be applied twice. The registry lives on
 * globalThis for the same reason (one registry per process, whichever bundle
 * registers or runs).
 *
 * Modules register in a file imported from lib/modules/payment-subjects.ts, which
 * every payments entry point imports, so a notification arriving first after a
 * restart still finds the handler. Import this file (not the payments index)
 * from a registration file, to keep the import graph free of cycles.
 */

export type OrderPaidInfo = {
  payment: Payment;
  /** The status the order had: 'unpaid', or 'expired' / 'cancelled' for a payment that arrived late. */
  previousStatus: 'unpaid' | 'expired' | 'cancelled';
  /** The order had been released (expired or cancelled) before the money came: re-take what it needs, or throw to leave it unsettled for finance to refund. */
  late: boolean;
};
export type OrderCancelledInfo = { reason: 'cancelled' | 'expired'; actorId: string | null };
export type OrderRefundedInfo = { refund: Refund };

export type OrderHandler<I> = (tx: DbOrTx, order: Order, info: I) => Promise<void>;

type Registry = {
  paid: Map<string, OrderHandler<OrderPaidInfo>>;
  cancelled: Map<string, OrderHandler<OrderCancelledInfo>>;
  refunded: Map<string, OrderHandler<OrderRefundedInfo>>;
};

const g = globalThis as unknown as { __accreditPaymentHooks?: Registry };
const registry: Registry = (g.__accreditPaymentHooks ??= { paid: new Map(), cancelled: new Map(), refunded: new Map() });

/** Runs when an order of `subjectType` is paid (in the transaction that records the payment). Throwing refuses the settlement. */
export function onOrderPaid(subjectType: string, handler: OrderHandler<OrderPaidInfo>): void {
  registry.paid.set(subjectType, handler);
}

/** Runs when an unpaid order of `subjectType` is cancelled by its owner or staff, or expires (`info.reason`). */
export function onOrderCancelled(subjectType: string, handler: OrderHandler<OrderCancelledInfo>): void {
  registry.cancelled.set(subjectType, handler);
}

/** Runs when the provider has refunded an order of `subjectType` (the order is now 'refunded'). */
export function onOrderRefunded(subjectType: string, handler: OrderHandler<OrderRefundedInfo>): void {
  registry.refunded.set(subjectType, handler);
}

export async function runPaidHandler(tx: DbOrTx, order: Order, info: OrderPaidInfo): Promise<void> {
  await registry.paid.get(order.subjectType)?.(tx, order, info);
}

export async function runCancelledHandler(tx: DbOrTx, order: Order, info: OrderCancelledInfo): Promise<void> {
  await registry.cancelled.get(order.subjectType)?.(tx, order, info);
}

export async function runRefundedHandler(tx: DbOrTx, order: Order, info: OrderRefundedInfo): Promise<void> {
  await registry.refunded.get(order.subjectType)?.(tx, order, info);
}
