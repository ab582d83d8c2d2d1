import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { applications, type Order } from '@/db/schema';
import { AppError } from '../errors';
import type { PaymentSubject } from '../manifest';
import { SYSTEM, transition } from './engine';
import { APPLICATION_ORDER } from './payment-step';
import { getKind } from './registry';

/**
 * The bridge from the payment layer back to the engine: an order of a payment
 * step was paid, cancelled, expired or refunded → the state's system
 * transition fires, in the payment's transaction (so the order and the
 * application move together or not at all).
 */
async function fire(tx: DbOrTx, order: Order, outcome: 'paid' | 'cancelled' | 'expired' | 'refunded'): Promise<void> {
  const [app] = await tx.select().from(applications).where(eq(applications.id, order.subjectId));
  if (!app) throw new AppError('NOT_FOUND');
  const kind = getKind(app.kind);
  if (outcome === 'refunded') {
    // A refund may come after the application moved on: fire the refund transition from wherever it allows.
    const event = Object.values(kind.states).find((s) => s.payment?.on.refunded)?.payment?.on.refunded;
    if (event && (kind.transitions as Record<string, { from: readonly string[] }>)[event]?.from.includes(app.status)) await transition(tx, SYSTEM, { applicationId: app.id, event });
    return;
  }
  const step = kind.states[app.status]?.payment;
  if (!step) {
    // Money for an application that has left its payment step: refuse, so the payment stays unsettled for finance to refund.
    if (outcome === 'paid') throw new AppError('CONFLICT', { messageKey: 'workflow.errors.paymentNotExpected' });
    return;
  }
  const event = step.on[outcome];
  if (event) await transition(tx, SYSTEM, { applicationId: app.id, event });
}

export const applicationPaymentSubject: PaymentSubject = {
  type: APPLICATION_ORDER,
  onPaid: (tx, order) => fire(tx, order, 'paid'),
  onCancelled: (tx, order, info) => fire(tx, order, info.reason === 'expired' ? 'expired' : 'cancelled'),
  onRefunded: (tx, order) => fire(tx, order, 'refunded'),
};
