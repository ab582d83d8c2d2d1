import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { bankTransfers, documents, orders, users, type BankTransfer, type Order } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { maskMobile } from '@/lib/reference/validators';
import { audit } from '../audit';
import { defineAction, type Applicant } from '../auth/action-core';
import type { Actor, SignedInActor } from '../auth/actor';
import { can } from '../auth/permissions';
import type { DocumentSummary } from '../documents/schemas';
import { listSlotDocuments } from '../documents/services/list-documents';
import { BANK_TRANSFER_SLOT } from '../documents/slots';
import { sendEmail } from '../email/send';
import { BankTransferRejectedEmail, bankTransferRejectedSubject } from '../email/templates/bank-transfer-rejected';
import { AppError, isUniqueViolation } from '../errors';
import { notifyRole, notifyUser } from '../notify/in-app';
import { maskApplicantName } from '../pdf/verify';
import { payeeAccount, type PayeeAccount } from './bank-account';
import { confirmBankTransferSchema, rejectBankTransferSchema, submitBankTransferSchema } from './bank-transfer-schemas';
import { bankTransfersT } from './messages';
import { formatFen } from './money';
import { markPaid, orderByNumber, paymentOf } from './orders';
import { BANK_TRANSFER, bankTransferPath } from './providers/bank-transfer';

/**
 * 银行转账: the payer transfers the order's amount to the payee account (a
 * site setting) with the order number as the memo, uploads the transfer
 * screenshot (the bank_transfer_screenshot slot: JPG/PNG ≤ 5 MB, content
 * checked by the documents upload) and a contact mobile. Finance then
 * confirms — the order is paid through markPaid, the same path as an online
 * payment, so the module's paid handler runs once — or rejects with a reason,
 * and the payer is told (in-app + email) and may submit again.
 *
 * Locks are always taken order first, then transfer (submit, confirm and
 * reject alike), so they never deadlock. One waiting transfer per order is a
 * partial unique index; a confirmation moves the transfer submitted →
 * confirmed in a conditional UPDATE, so repeated or concurrent confirmations
 * record one payment.
 *
 * A module sends its payer here with <PayButton provider="bank_transfer"> /
 * startPayment(db, actor, { orderId, returnUrl }, { provider: BANK_TRANSFER }),
 * or a plain link to bankTransferPath(order.number).
 */

/** After a rejection the payer has at least this long to submit again before the order expires. */
export const RESUBMIT_GRACE_HOURS = 48;

export type BankTransferState = 'open' | 'waiting' | 'rejected' | 'paid' | 'closed';

export type PayerTransfer = { id: string; status: string; reason: string | null; mobileMasked: string; fileName: string; createdAt: Date; reviewedAt: Date | null };

export type BankTransferView = {
  orderId: string;
  number: string;
  title: string;
  amountFen: number;
  orderStatus: string;
  expiresAt: Date;
  payee: PayeeAccount;
  /** What the payer writes as the transfer's memo (附言): the order number. */
  memo: string;
  state: BankTransferState;
  /** Newest first. */
  transfers: PayerTransfer[];
};

const PAID_STATUSES = ['paid', 'refund_requested', 'refunded'];

function requireOwner(actor: Actor, order: Order | null): asserts order is Order {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  // Only the payer: not finance on the payer's behalf, not another account of the organization.
  if (!order || order.userId !== actor.id) throw new AppError('NOT_FOUND');
}

function stateOf(order: Order, latest: BankTransfer | undefined, now = Date.now()): BankTransferState {
  if (PAID_STATUSES.includes(order.status)) return 'paid';
  if (order.status !== 'unpaid') return 'closed';
  if (latest?.status === 'submitted') return 'waiting';
  if (order.expiresAt.getTime() <= now) return 'closed';
  return latest?.status === 'rejected' ? 'rejected' : 'open';
}

async function viewOf(db: DbOrTx, order: Order): Promise<BankTransferView> {
  const rows = await db
    .select({ t: bankTransfers, fileName: documents.fileName })
    .from(bankTransfers)
    .innerJoin(documents, eq(documents.id, bankTransfers.documentId))
    .where(eq(bankTransfers.orderId, order.id))
    .orderBy(desc(bankTransfers.createdAt), desc(bankTransfers.id));
  return {
    orderId: order.id,
    number: order.number,
    title: order.title,
    amountFen: order.amountFen,
    orderStatus: order.status,
    expiresAt: order.expiresAt,
    payee: await payeeAccount(db),
    memo: order.number,
    state: stateOf(order, rows[0]?.t),
    transfers: rows.map(({ t, fileName }) => ({ id: t.id, status: t.status, reason: t.reason, mobileMasked: maskMobile(t.mobile), fileName, createdAt: t.createdAt, reviewedAt: t.reviewedAt })),
  };
}

/** The bank-transfer page of an order, for its owner only (NOT_FOUND for anyone else, so existence is not given away). */
export async function bankTransferForPayer(db: DbOrTx, actor: Actor, orderNumber: string): Promise<BankTransferView> {
  const order = await orderByNumber(db, orderNumber);
  requireOwner(actor, order);
  return viewOf(db, order);
}

/**
 * The payer's screenshot slot as the order's page shows it: a current
 * screenshot already submitted for another order is left out (it cannot be
 * used again), so the payer starts with an empty slot there.
 */
export async function screenshotsForOrder(db: DbOrTx, actor: Actor, orderId: string): Promise<DocumentSummary[]> {
  const docs = await listSlotDocuments(db, actor, { slot: BANK_TRANSFER_SLOT });
  const ids = docs.filter((d) => d.status === 'current').map((d) => d.id);
  if (!ids.length) return docs;
  const used = await db
    .select({ documentId: bankTransfers.documentId })
    .from(bankTransfers)
    .where(and(inArray(bankTransfers.documentId, ids), ne(bankTransfers.orderId, orderId)));
  const usedIds = new Set(used.map((u) => u.documentId));
  return docs.filter((d) => d.status === 'current' && !usedIds.has(d.id));
}

/**
 * The payer submits a transfer: the screenshot (already uploaded to their
 * bank_transfer_screenshot slot) and a contact mobile. Refused, changing
 * nothing, when the order is not theirs, not payable, or already has a
 * transfer waiting for finance.
 */
export async function submitBankTransfer(db: Db, actor: Applicant, input: { orderId: string; documentId: string; mobile: string }, ip: string | null = null): Promise<BankTransferView> {
  const { orderId, documentId, mobile } = submitBankTransferSchema.parse(input);
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.userId, actor.id))).for('update');
    if (!order) throw new AppError('NOT_FOUND');
    if (order.status !== 'unpaid') throw new AppError('INVALID_STATE', { messageKey: PAID_STATUSES.includes(order.status) ? 'payments.errors.alreadyPaid' : 'payments.errors.orderClosed' });
    if (order.expiresAt.getTime() <= Date.now()) throw new AppError('INVALID_STATE', { messageKey: 'payments.errors.orderExpired' });
    const [waiting] = await tx.select({ id: bankTransfers.id }).from(bankTransfers).where(and(eq(bankTransfers.orderId, order.id), eq(bankTransfers.status, 'submitted')));
    if (waiting) throw new AppError('CONFLICT', { messageKey: 'bankTransfer.errors.alreadySubmitted' });

    const [doc] = await tx
      .select({ id: documents.id, fileName: documents.fileName })
      .from(documents)
      .where(and(eq(documents.id, documentId), eq(documents.ownerUserId, actor.id), sql`${documents.applicationId} is null`, eq(documents.slot, BANK_TRANSFER_SLOT), eq(documents.status, 'current')));
    if (!doc) throw new AppError('BAD_INPUT', { messageKey: 'bankTransfer.errors.screenshotMissing' });
    const [usedElsewhere] = await tx.select({ id: bankTransfers.id }).from(bankTransfers).where(and(eq(bankTransfers.documentId, doc.id), ne(bankTransfers.orderId, order.id))).limit(1);
    if (usedElsewhere) throw new AppError('BAD_INPUT', { messageKey: 'bankTransfer.errors.screenshotUsed' });

    let transfer: BankTransfer;
    try {
      [transfer] = await tx.transaction((sp) => sp.insert(bankTransfers).values({ orderId: order.id, userId: actor.id, documentId: doc.id, mobile }).returning());
    } catch (e) {
      if (isUniqueViolation(e, 'bank_transfers_one_submitted_idx')) throw new AppError('CONFLICT', { messageKey: 'bankTransfer.errors.alreadySubmitted', cause: e });
      throw e;
    }
    const [moved] = await tx.update(orders).set({ provider: BANK_TRANSFER, updatedAt: sql`now()` }).where(eq(orders.id, order.id)).returning();
    await audit(tx, { action: 'bank_transfer.submitted', actorId: actor.id, targetType: 'order', targetId: order.id, ip, detail: { number: order.number, transferId: transfer.id, documentId: doc.id, amountFen: order.amountFen } });
    const t = bankTransfersT();
    await notifyRole(tx, {
      role: 'finance',
      title: t('alerts.submittedTitle', { number: order.number }),
      body: t('alerts.submittedBody', { number: order.number, title: order.title, amount: formatFen(order.amountFen) }),
      link: '/staff/payments/transfers',
      dedupeKey: `bank-transfer:${transfer.id}:submitted`,
    });
    return viewOf(tx, moved);
  });
}

export const submitBankTransferDef = defineAction({
  access: { kind: 'applicant' },
  schema: submitBankTransferSchema,
  handler: async ({ db, actor, input, ip }) => submitBankTransfer(db, actor, input, ip),
});

function requireFinance(actor: SignedInActor): void {
  if (!can(actor, { action: 'staff.role', role: 'finance' })) throw new AppError('FORBIDDEN');
}

/** Locks the order of a transfer, then returns the transfer (order first, then transfer: the one lock order). */
async function lockTransfer(tx: DbOrTx, transferId: string): Promise<{ transfer: BankTransfer; order: Order }> {
  const [t0] = await tx.select({ orderId: bankTransfers.orderId }).from(bankTransfers).where(eq(bankTransfers.id, transferId));
  if (!t0) throw new AppError('NOT_FOUND');
  const [order] = await tx.select().from(orders).where(eq(orders.id, t0.orderId)).for('update');
  const [transfer] = await tx.select().from(bankTransfers).where(eq(bankTransfers.id, transferId));
  return { transfer, order };
}

export type ConfirmOutcome = { transferId: string; status: 'confirmed'; orderNumber: string; orderStatus: string; paymentId: string | null; alreadyConfirmed: boolean; settled: boolean };

/**
 * Finance has seen the money on the account statement: the transfer is
 * confirmed and the order paid through markPaid (provider bank_transfer, the
 * transfer's id as the trade number, source 'finance'). Idempotent: a repeated
 * or concurrent confirmation finds the transfer confirmed and records nothing.
 */
export async function confirmBankTransfer(db: Db, actor: SignedInActor, transferId: string, ip: string | null = null): Promise<ConfirmOutcome> {
  requireFinance(actor);
  return db.transaction(async (tx) => {
    const { transfer, order } = await lockTransfer(tx, transferId);
    if (transfer.status === 'confirmed') {
      const p = await paymentOf(tx, order.id);
      return { transferId, status: 'confirmed', orderNumber: order.number, orderStatus: order.status, paymentId: p?.id ?? null, alreadyConfirmed: true, settled: PAID_STATUSES.includes(order.status) };
    }
    if (transfer.status !== 'submitted') throw new AppError('INVALID_STATE', { messageKey: 'bankTransfer.errors.notWaiting' });
    // Paid another way meanwhile (a cashier tab opened before the transfer): this money goes back, it does not pay the order twice.
    if (order.status !== 'unpaid') throw new AppError('INVALID_STATE', { messageKey: 'bankTransfer.errors.orderNotOpen' });
    const [done] = await tx
      .update(bankTransfers)
      .set({ status: 'confirmed', reviewedBy: actor.id, reviewedAt: sql`now()` })
      .where(and(eq(bankTransfers.id, transfer.id), eq(bankTransfers.status, 'submitted')))
      .returning();
    if (!done) throw new AppError('CONFLICT', { messageKey: 'bankTransfer.errors.notWaiting' });
    const r = await markPaid(tx, { orderId: order.id, provider: BANK_TRANSFER, providerTradeNo: transfer.id, amountFen: order.amountFen, source: 'finance', raw: { transferId: transfer.id, confirmedBy: actor.id } });
    await audit(tx, {
      action: 'bank_transfer.confirmed',
      actorId: actor.id,
      targetType: 'order',
      targetId: order.id,
      ip,
      detail: { number: order.number, transferId: transfer.id, paymentId: r.payment.id, amountFen: order.amountFen, settled: r.settled, duplicate: Boolean(r.duplicate) },
    });
    return { transferId, status: 'confirmed', orderNumber: order.number, orderStatus: r.order.status, paymentId: r.payment.id, alreadyConfirmed: false, settled: r.settled };
  });
}

export const confirmBankTransferDef = defineAction({
  access: { kind: 'staff', roles: ['finance'] },
  schema: confirmBankTransferSchema,
  handler: async ({ db, actor, input, ip }) => confirmBankTransfer(db, actor, input.transferId, ip),
});

/**
 * Finance cannot match the transfer (no such credit, wrong amount, unreadable
 * screenshot …): rejected with a reason, the payer told in-app and by email,
 * and the order kept open long enough to submit again.
 */
export async function rejectBankTransfer(db: Db, actor: SignedInActor, input: { transferId: string; reason: string }, ip: string | null = null): Promise<{ transferId: string; status: 'rejected' }> {
  requireFinance(actor);
  const { transferId, reason } = rejectBankTransferSchema.parse(input);
  return db.transaction(async (tx) => {
    const { transfer, order } = await lockTransfer(tx, transferId);
    if (transfer.status !== 'submitted') throw new AppError('INVALID_STATE', { messageKey: 'bankTransfer.errors.notWaiting' });
    const [done] = await tx
      .update(bankTransfers)
      .set({ status: 'rejected', reason, reviewedBy: actor.id, reviewedAt: sql`now()` })
      .where(and(eq(bankTransfers.id, transfer.id), eq(bankTransfers.status, 'submitted')))
      .returning();
    if (!done) throw new AppError('CONFLICT', { messageKey: 'bankTransfer.errors.notWaiting' });
    await tx
      .update(orders)
      .set({ expiresAt: sql`greatest(${orders.expiresAt}, now() + make_interval(hours => ${RESUBMIT_GRACE_HOURS}))`, updatedAt: sql`now()` })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'unpaid')));
    await audit(tx, { action: 'bank_transfer.rejected', actorId: actor.id, targetType: 'order', targetId: order.id, ip, detail: { number: order.number, transferId: transfer.id, reason } });

    const t = bankTransfersT();
    const link = bankTransferPath(order.number);
    const amount = formatFen(order.amountFen);
    await notifyUser(tx, {
      userId: order.userId,
      title: t('notify.rejectedTitle', { title: order.title }),
      body: t('notify.rejectedBody', { number: order.number, amount, reason }),
      link,
      dedupeKey: `bank-transfer:${transfer.id}:rejected`,
    });
    const [u] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, order.userId));
    if (u?.email) {
      const props = { recipientName: u.name, orderNumber: order.number, title: order.title, amount, reason, link };
      await sendEmail(tx, { to: u.email, subject: bankTransferRejectedSubject(props), template: BankTransferRejectedEmail, props, dedupeKey: `bank-transfer:${transfer.id}:rejected:email` });
    }
    return { transferId: transfer.id, status: 'rejected' as const };
  });
}

export const rejectBankTransferDef = defineAction({
  access: { kind: 'staff', roles: ['finance'] },
  schema: rejectBankTransferSchema,
  handler: async ({ db, actor, input, ip }) => rejectBankTransfer(db, actor, input, ip),
});

export type WaitingTransfer = {
  id: string;
  orderId: string;
  orderNumber: string;
  title: string;
  amountFen: number;
  payerMasked: string;
  username: string | null;
  mobileMasked: string;
  documentId: string;
  fileName: string;
  contentType: string;
  createdAt: Date;
};

/** Transfers waiting for finance, oldest first (finance and admins; the page shows them, only finance decides). */
export async function listWaitingTransfers(db: DbOrTx, actor: Actor, limit = 200): Promise<WaitingTransfer[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!can(actor, { action: 'staff.role', role: 'finance' }) && !can(actor, { action: 'staff.role', role: 'admin' })) throw new AppError('FORBIDDEN');
  const rows = await db
    .select({
      id: bankTransfers.id,
      orderId: orders.id,
      orderNumber: orders.number,
      title: orders.title,
      amountFen: orders.amountFen,
      payerName: users.name,
      username: users.username,
      mobile: bankTransfers.mobile,
      documentId: documents.id,
      fileName: documents.fileName,
      contentType: documents.contentType,
      createdAt: bankTransfers.createdAt,
    })
    .from(bankTransfers)
    .innerJoin(orders, eq(orders.id, bankTransfers.orderId))
    .innerJoin(users, eq(users.id, orders.userId))
    .innerJoin(documents, eq(documents.id, bankTransfers.documentId))
    .where(eq(bankTransfers.status, 'submitted'))
    .orderBy(asc(bankTransfers.createdAt), asc(bankTransfers.id))
    .limit(limit);
  return rows.map(({ payerName, mobile, ...r }) => ({ ...r, payerMasked: maskApplicantName(payerName), mobileMasked: maskMobile(mobile) }));
}

/** How many transfers wait for finance (the payments page's link). */
export async function countWaitingTransfers(db: DbOrTx, actor: Actor): Promise<number> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!can(actor, { action: 'staff.role', role: 'finance' }) && !can(actor, { action: 'staff.role', role: 'admin' })) throw new AppError('FORBIDDEN');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(bankTransfers).where(eq(bankTransfers.status, 'submitted'));
  return Number(row?.n ?? 0);
}
