import { and, desc, eq, gte, ilike, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { orders, payments, refunds, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '../audit';
import type { Actor, SignedInActor } from '../auth/actor';
import { can } from '../auth/permissions';
import { AppError } from '../errors';
import { getOrderFor, type OrderItem } from './orders';
import type { OrderFilterParams } from './schemas';

/**
 * What the staff payments page and the receipt read. Every read is gated
 * here (finance or admin for lists and exports; owner, finance or admin for a
 * receipt), not only by the page.
 */

export const ORDERS_PAGE_SIZE = 50;
export const ORDERS_EXPORT_MAX = 10_000;

export function canSeePayments(actor: Actor): boolean {
  return can(actor, { action: 'staff.role', role: 'finance' }) || can(actor, { action: 'staff.role', role: 'admin' });
}

function requireFinanceOrAdmin(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canSeePayments(actor)) throw new AppError('FORBIDDEN');
}

export type OrderListItem = {
  id: string;
  number: string;
  title: string;
  subjectType: string;
  amountFen: number;
  status: string;
  provider: string | null;
  /** How the payer chose to pay (methods.ts), when they chose online. */
  payMethod: string | null;
  createdAt: Date;
  paidAt: Date | null;
  expiresAt: Date;
  userId: string;
  userName: string;
  username: string | null;
  tradeNo: string | null;
  paymentSource: string | null;
  refundId: string | null;
  refundStatus: string | null;
};

const shanghaiDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The search box: an order number (DD…, a prefix) or the payer's name (part of it) or account. */
function queryWhere(raw: string | undefined): SQL | undefined {
  const q = raw?.trim();
  if (!q) return undefined;
  return /^DD\d*$/i.test(q) ? like(orders.number, `${escapeLike(q.toUpperCase())}%`) : or(ilike(users.name, `%${escapeLike(q)}%`), eq(users.username, q));
}

function filterWhere(p: OrderFilterParams): SQL | undefined {
  return and(
    p.status ? eq(orders.status, p.status) : undefined,
    p.from ? gte(orders.createdAt, shanghaiDayStart(p.from)) : undefined,
    p.to ? lt(orders.createdAt, new Date(shanghaiDayStart(p.to).getTime() + 86_400_000)) : undefined,
    p.refund ? eq(refunds.status, p.refund) : undefined,
    queryWhere(p.q),
  );
}

async function selectOrders(db: DbOrTx, p: OrderFilterParams, limit: number, after?: { at: Date; id: string }): Promise<OrderListItem[]> {
  return db
    .select({
      id: orders.id,
      number: orders.number,
      title: orders.title,
      subjectType: orders.subjectType,
      amountFen: orders.amountFen,
      status: orders.status,
      provider: orders.provider,
      payMethod: orders.payMethod,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      expiresAt: orders.expiresAt,
      userId: orders.userId,
      userName: users.name,
      username: users.username,
      tradeNo: payments.providerTradeNo,
      paymentSource: payments.source,
      refundId: refunds.id,
      refundStatus: refunds.status,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .leftJoin(payments, eq(payments.orderId, orders.id))
    .leftJoin(refunds, eq(refunds.orderId, orders.id))
    .where(and(filterWhere(p), after ? or(lt(orders.createdAt, after.at), and(eq(orders.createdAt, after.at), lt(orders.id, after.id))) : undefined))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
}

const cursorOf = (r: OrderListItem) => `${r.createdAt.getTime()}_${r.id}`;
function parseCursor(c: string | undefined): { at: Date; id: string } | undefined {
  if (!c) return undefined;
  const [ms, id] = c.split('_');
  return { at: new Date(Number(ms)), id };
}

/** One page of orders, newest first, with the cursor of the next page. */
export async function listOrders(db: DbOrTx, actor: Actor, p: OrderFilterParams): Promise<{ items: OrderListItem[]; next?: string }> {
  requireFinanceOrAdmin(actor);
  const rows = await selectOrders(db, p, ORDERS_PAGE_SIZE + 1, parseCursor(p.after));
  const items = rows.slice(0, ORDERS_PAGE_SIZE);
  return { items, next: rows.length > ORDERS_PAGE_SIZE ? cursorOf(items[items.length - 1]) : undefined };
}

/** The filtered orders for the Excel export (at most ORDERS_EXPORT_MAX), recorded in the audit log. */
export async function exportOrders(db: DbOrTx, actor: Actor, p: OrderFilterParams, ctx: { ip: string | null }) {
  requireFinanceOrAdmin(actor);
  const rows = await selectOrders(db, { ...p, after: undefined }, ORDERS_EXPORT_MAX + 1);
  const items = rows.slice(0, ORDERS_EXPORT_MAX);
  const filter = Object.fromEntries(Object.entries({ ...p, after: undefined }).filter(([, v]) => v !== undefined && v !== ''));
  await audit(db, { action: 'payments.exported', actorId: (actor as SignedInActor).id, ip: ctx.ip, detail: { filter, rows: items.length, truncated: rows.length > ORDERS_EXPORT_MAX } });
  return { items, truncated: rows.length > ORDERS_EXPORT_MAX };
}

/** Totals of the filtered orders by status (the page's summary line). */
export async function orderTotals(db: DbOrTx, actor: Actor, p: OrderFilterParams): Promise<Array<{ status: string; count: number; amountFen: number }>> {
  requireFinanceOrAdmin(actor);
  const rows = await db
    .select({ status: orders.status, count: sql<number>`count(*)::int`, amountFen: sql<number>`coalesce(sum(${orders.amountFen}), 0)::bigint` })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .leftJoin(refunds, eq(refunds.orderId, orders.id))
    .where(filterWhere({ ...p, status: undefined, after: undefined }))
    .groupBy(orders.status);
  return rows.map((r) => ({ status: r.status, count: Number(r.count), amountFen: Number(r.amountFen) }));
}

export type RefundListItem = {
  id: string;
  orderId: string;
  orderNumber: string;
  title: string;
  scope: string;
  amountFen: number;
  status: string;
  attempts: number;
  failureReason: string | null;
  providerRefundNo: string | null;
  createdAt: Date;
  updatedAt: Date;
  userName: string;
};

/** Refunds matching the page's refund status and search box (order number, payer), those needing a person (failed) first, then newest. */
export async function listRefunds(db: DbOrTx, actor: Actor, p: Pick<OrderFilterParams, 'refund' | 'q'> = {}, limit = 100): Promise<RefundListItem[]> {
  requireFinanceOrAdmin(actor);
  return db
    .select({
      id: refunds.id,
      orderId: refunds.orderId,
      orderNumber: orders.number,
      title: orders.title,
      scope: refunds.scope,
      amountFen: refunds.amountFen,
      status: refunds.status,
      attempts: refunds.attempts,
      failureReason: refunds.failureReason,
      providerRefundNo: refunds.providerRefundNo,
      createdAt: refunds.createdAt,
      updatedAt: refunds.updatedAt,
      userName: users.name,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(users, eq(users.id, refunds.userId))
    .where(and(p.refund ? eq(refunds.status, p.refund) : undefined, queryWhere(p.q)))
    .orderBy(sql`case when ${refunds.status} = 'failed' then 0 else 1 end`, desc(refunds.createdAt))
    .limit(limit);
}

/** Payments recorded for orders that were cancelled or had expired and could not be settled: money to return (refundLatePayment). */
export async function listUnsettledPayments(db: DbOrTx, actor: Actor) {
  requireFinanceOrAdmin(actor);
  return db
    .select({ orderId: orders.id, number: orders.number, title: orders.title, status: orders.status, amountFen: payments.amountFen, provider: payments.provider, tradeNo: payments.providerTradeNo, paidAt: payments.createdAt, userName: users.name })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .innerJoin(users, eq(users.id, orders.userId))
    .leftJoin(refunds, eq(refunds.orderId, orders.id))
    .where(and(inArray(orders.status, ['cancelled', 'expired']), isNull(refunds.id)))
    .orderBy(desc(payments.createdAt))
    .limit(100);
}

export type ReceiptData = {
  orderId: string;
  number: string;
  title: string;
  payerName: string;
  items: OrderItem[];
  amountFen: number;
  status: string;
  provider: string;
  tradeNo: string;
  paidAt: Date;
  /** The refund of this payment (the receipt is void): amount, status, and when it was refunded (or requested). */
  refund: { amountFen: number; status: string; at: Date } | null;
};

/** What a receipt shows, for the order's owner, finance or admins; NOT_FOUND for anyone else and for orders without a settled payment. */
export async function receiptFor(db: DbOrTx, actor: Actor, orderId: string): Promise<ReceiptData> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const order = await getOrderFor(db, actor, orderId);
  if (!['paid', 'refund_requested', 'refunded'].includes(order.status)) throw new AppError('NOT_FOUND', { messageKey: 'payments.errors.noReceipt' });
  const [row] = await db
    .select({ payment: payments, payerName: users.name })
    .from(payments)
    .innerJoin(users, eq(users.id, order.userId))
    .where(eq(payments.orderId, order.id));
  if (!row) throw new AppError('NOT_FOUND', { messageKey: 'payments.errors.noReceipt' });
  const [refund] = order.status === 'paid' ? [] : await db.select().from(refunds).where(eq(refunds.orderId, order.id));
  return {
    orderId: order.id,
    number: order.number,
    title: order.title,
    payerName: row.payerName,
    items: (order.items as OrderItem[]) ?? [],
    amountFen: order.amountFen,
    status: order.status,
    provider: row.payment.provider,
    tradeNo: row.payment.providerTradeNo,
    paidAt: order.paidAt ?? row.payment.createdAt,
    refund: refund ? { amountFen: refund.amountFen, status: refund.status, at: refund.status === 'refunded' ? refund.updatedAt : refund.createdAt } : null,
  };
}
