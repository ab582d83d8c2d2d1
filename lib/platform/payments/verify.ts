import { eq } from 'drizzle-orm';
import { orders, payments, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { maskApplicantName, type VerifiedRecord } from '../pdf/verify';
import { formatFen } from './money';

/** The shape of an order number (newOrderNumber): DD + yyyymmdd + 8 digits. */
export const RECEIPT_NUMBER = /^DD\d{16}$/;

/**
 * 电子收据 verification (the QR code on a receipt leads to /verify/<order
 * number>): a receipt exists for an order with a settled payment. It shows
 * what the receipt shows — what was paid for, the amount, when — with the
 * payer's name partly hidden; a refunded order's receipt no longer holds.
 */
export async function verifyReceiptNumber(db: DbOrTx, number: string): Promise<VerifiedRecord | null> {
  if (!RECEIPT_NUMBER.test(number)) return null;
  const [row] = await db
    .select({ order: orders, paidAt: payments.createdAt, payerName: users.name })
    .from(orders)
    .innerJoin(payments, eq(payments.orderId, orders.id))
    .innerJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.number, number));
  if (!row || !['paid', 'refund_requested', 'refunded'].includes(row.order.status)) return null;
  return {
    number: row.order.number,
    typeKey: 'pdf.verify.types.receipt',
    statusKey: `payments.status.${row.order.status}`,
    valid: row.order.status === 'paid',
    holderMasked: maskApplicantName(row.payerName),
    facts: [
      { labelKey: 'pdf.verify.paidFor', value: row.order.title },
      { labelKey: 'pdf.verify.amount', value: formatFen(row.order.amountFen) },
      { labelKey: 'pdf.verify.paidAt', value: row.order.paidAt ?? row.paidAt },
    ],
  };
}
