import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { documents } from './documents';

/**
 * Orders, payments and refunds (lib/platform/payments). Money is integer fen.
 * Uniqueness that matters is a constraint: one live order per subject, one
 * successful payment per order, one exam refund per person ever.
 */
export const orders = pgTable('orders', {
  id: uuid().primaryKey().defaultRandom(),
  number: text().notNull().unique(),
  userId: uuid().notNull().references(() => users.id, { onDelete: 'restrict' }),
  // What is paid for, e.g. ('exam_registration', <id>).
  subjectType: text().notNull(),
  subjectId: text().notNull(),
  title: text().notNull(),
  // [{ name, amountFen, ref }]
  items: jsonb().notNull().default([]),
  amountFen: integer().notNull(),
  // unpaid | paid | cancelled | expired | refund_requested | refunded
  status: text().notNull().default('unpaid'),
  provider: text(), // sandbox | alipay | wechatpay | bank_transfer
  // How the payer chose to pay at the cashier step: wechat_native | wechat_h5 | alipay_page | alipay_wap (lib/platform/payments/methods.ts).
  payMethod: text(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  paidAt: timestamp({ withTimezone: true }),
  // The reconciliation's claim (lib/platform/payments/checkout.ts reconcileOrders): the instance that set it
  // asks the provider about this order; no other does until it has passed.
  reconcileClaimedUntil: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('orders_live_subject_idx').on(t.subjectType, t.subjectId).where(sql`${t.status} in ('unpaid', 'paid', 'refund_requested')`),
  index('orders_user_idx').on(t.userId, t.createdAt),
  index('orders_unpaid_idx').on(t.status, t.expiresAt),
  check('orders_amount_check', sql`${t.amountFen} > 0`),
]);

export const payments = pgTable('payments', {
  id: uuid().primaryKey().defaultRandom(),
  orderId: uuid().notNull().references(() => orders.id, { onDelete: 'restrict' }),
  provider: text().notNull(),
  providerTradeNo: text().notNull(),
  amountFen: integer().notNull(),
  status: text().notNull(), // succeeded
  // How we learned of it: notify | query | reconcile
  source: text().notNull(),
  raw: jsonb(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('payments_order_idx').on(t.orderId), uniqueIndex('payments_trade_idx').on(t.provider, t.providerTradeNo)]);

export const refunds = pgTable('refunds', {
  id: uuid().primaryKey().defaultRandom(),
  orderId: uuid().notNull().unique().references(() => orders.id, { onDelete: 'restrict' }),
  userId: uuid().notNull().references(() => users.id, { onDelete: 'restrict' }),
  // The rule a refund counts against: 'exam' = one exam refund per person, ever.
  scope: text().notNull(),
  amountFen: integer().notNull(),
  status: text().notNull().default('requested'), // requested | refunded | failed
  // Sent to the provider so a retried refund is never paid twice.
  idempotencyKey: text().notNull().unique(),
  providerRefundNo: text(),
  failureReason: text(),
  attempts: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('refunds_one_per_person_idx').on(t.scope, t.userId), index('refunds_status_idx').on(t.status)]);

/**
 * Bank transfers (lib/platform/payments/bank-transfer.ts): the payer's
 * transfer screenshot and contact mobile for an order, waiting for finance to
 * confirm (the order is then paid through markPaid) or reject (with a reason;
 * the payer may submit again). At most one waiting ('submitted') per order.
 */
export const bankTransfers = pgTable('bank_transfers', {
  id: uuid().primaryKey().defaultRandom(),
  orderId: uuid().notNull().references(() => orders.id, { onDelete: 'restrict' }),
  // Who submitted it (the order's owner).
  userId: uuid().notNull().references(() => users.id, { onDelete: 'restrict' }),
  // The screenshot (a checked JPG/PNG in the bank_transfer_screenshot slot).
  documentId: uuid().notNull().references(() => documents.id, { onDelete: 'restrict' }),
  mobile: text().notNull(),
  status: text().notNull().default('submitted'), // submitted | confirmed | rejected
  reason: text(),
  reviewedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  reviewedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('bank_transfers_one_submitted_idx').on(t.orderId).where(sql`${t.status} = 'submitted'`),
  index('bank_transfers_order_idx').on(t.orderId, t.createdAt),
  index('bank_transfers_status_idx').on(t.status, t.createdAt),
  check('bank_transfers_status_check', sql`${t.status} in ('submitted', 'confirmed', 'rejected')`),
  check('bank_transfers_reason_check', sql`${t.status} <> 'rejected' or length(trim(${t.reason})) > 0`),
]);

export type Order = typeof orders.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type BankTransfer = typeof bankTransfers.$inferSelect;
