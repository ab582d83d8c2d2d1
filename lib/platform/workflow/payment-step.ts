import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { orders, type Application, type Order } from '@/db/schema';
import { audit } from '../audit';
import { AppError } from '../errors';
import { createOrder } from '../payments/orders';
import { getSetting } from '../settings';
import type { AnyKind } from './define';
import { kindLabels } from './labels';

/**
 * Payment steps of the engine (StateDef.payment): entering such a state opens
 * an order for the applicant with the configured fee, in the transition's
 * transaction; the order's outcome comes back through the payment subject
 * 'application' (payment-subject.ts), which fires the state's system
 * transition. Leaving the state another way (withdrawn, cancelled by staff)
 * cancels the order that is still unpaid.
 */
export const APPLICATION_ORDER = 'application';

const DEFAULT_TTL_MINUTES = 7 * 24 * 60;

async function feeOf(tx: DbOrTx, kind: AnyKind, app: Application): Promise<number> {
  const step = kind.states[app.status]!.payment!;
  const fee = typeof step.fee === 'function' ? await step.fee({ tx, app }) : await getSetting<unknown>(tx, step.fee.setting);
  if (typeof fee !== 'number' || !Number.isSafeInteger(fee) || fee <= 0) throw new AppError('INVALID_STATE', { messageKey: 'workflow.errors.feeNotConfigured' });
  return fee;
}

export async function enterPaymentStep(tx: DbOrTx, kind: AnyKind, app: Application, from: string): Promise<Order | null> {
  const step = kind.states[app.status]?.payment;
  if (!step || from === app.status) return null;
  if (!app.applicantUserId) throw new AppError('INVALID_STATE', { messageKey: 'workflow.errors.noPayer' });
  const l = kindLabels('zh-CN');
  return createOrder(tx, {
    userId: app.applicantUserId,
    subjectType: APPLICATION_ORDER,
    subjectId: app.id,
    title: `${l.name(kind.key)} ${app.number}`,
    items: [{ name: l.part(kind.key, step.item), amountFen: await feeOf(tx, kind, app), ref: app.id }],
    ttlMinutes: step.ttlMinutes ?? DEFAULT_TTL_MINUTES,
  });
}

export async function leavePaymentStep(tx: DbOrTx, kind: AnyKind, app: Application, from: string, event: string): Promise<void> {
  const step = kind.states[from]?.payment;
  if (!step || from === app.status || Object.values(step.on).includes(event)) return;
  const cancelled = await tx
    .update(orders)
    .set({ status: 'cancelled', updatedAt: sql`now()` })
    .where(and(eq(orders.subjectType, APPLICATION_ORDER), eq(orders.subjectId, app.id), eq(orders.status, 'unpaid')))
    .returning({ id: orders.id, number: orders.number });
  for (const o of cancelled) await audit(tx, { action: 'order.cancelled', actorId: null, targetType: 'order', targetId: o.id, detail: { number: o.number, reason: 'application.left-payment-step', event } });
}

/** The live (unpaid or paid) order of an application's payment step, for the applicant's pages. */
export async function applicationOrder(tx: DbOrTx, applicationId: string): Promise<Order | null> {
  const [o] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.subjectType, APPLICATION_ORDER), eq(orders.subjectId, applicationId)))
    .orderBy(sql`${orders.createdAt} desc`)
    .limit(1);
  return o ?? null;
}
