import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { examAreas, examRegistrations, exams, orders, type Order } from '@/db/schema';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { createOrder } from '@/lib/platform/payments/orders';
import { processRefundSoon, requestRefund } from '@/lib/platform/payments/refunds';
import { areaChangeOpen, refundOpen } from '../../catalog';
import { EXAM_ORDER, EXAM_REFUND_SCOPE } from '../../constants';
import { chooseAreaSchema, registrationIdSchema } from '../schemas';
import { CANDIDATE, openExam, ownRegistration, registrationProgress } from './registration';

/**
 * Money steps of a registration. Placing the order takes the area seat with a
 * conditional UPDATE (taken < capacity) and freezes subjects and area, in one
 * transaction with the order; cancelling, expiry and refund give the seat back
 * (lib/modules/exam/payments.ts, called by the payment layer).
 */

export { EXAM_ORDER, EXAM_REFUND_SCOPE };

/** Takes one seat in an area, or refuses when it is full. */
export async function takeSeat(tx: DbOrTx, areaId: string): Promise<void> {
  const [row] = await tx
    .update(examAreas)
    .set({ taken: sql`${examAreas.taken} + 1` })
    .where(and(eq(examAreas.id, areaId), sql`${examAreas.taken} < ${examAreas.capacity}`))
    .returning({ id: examAreas.id });
  if (!row) throw new AppError('CONFLICT', { messageKey: 'exam.errors.areaFull', fieldErrors: { areaId: ['exam.errors.areaFull'] } });
}

export async function releaseSeat(tx: DbOrTx, areaId: string): Promise<void> {
  await tx
    .update(examAreas)
    .set({ taken: sql`${examAreas.taken} - 1` })
    .where(and(eq(examAreas.id, areaId), gt(examAreas.taken, 0)));
}

/** Why a registration cannot be ordered now, as a message key (the step the candidate has to finish first). */
function notOrderableReason(status: string): string {
  switch (status) {
    case 'info':
      return 'exam.errors.infoFirst';
    case 'subjects':
      return 'exam.errors.subjectsFirst';
    case 'area':
      return 'exam.errors.areaFirst';
    case 'ordered':
    case 'paid':
      return 'exam.errors.frozen';
    default:
      return 'exam.errors.registrationEnded';
  }
}

export async function placeOrder(db: Db, actor: Actor, registrationId: string, now = new Date()): Promise<Order> {
  const reg = await ownRegistration(db, actor, registrationId);
  if (reg.status !== 'area' || !reg.areaId) throw new AppError('INVALID_STATE', { messageKey: notOrderableReason(reg.status) });
  const exam = await openExam(db, reg.examId, now);
  return db.transaction(async (tx) => {
    // Staff edits to fees and subjects hold the exam row FOR UPDATE; an order must not slip in beside one.
    await tx.select({ id: exams.id }).from(exams).where(eq(exams.id, exam.id)).for('share');
    // Double clicks and two tabs: only one moves area → ordered; the other rolls back its seat.
    const [frozen] = await tx
      .update(examRegistrations)
      .set({ status: 'ordered', updatedAt: now })
      .where(and(eq(examRegistrations.id, reg.id), eq(examRegistrations.status, 'area')))
      .returning();
    if (!frozen?.areaId) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
    // The area and subjects as frozen, read after the freeze and the exam lock: another tab may have
    // changed them since `reg` was read (a seat taken in the area just left), or staff the fees.
    const { subjects } = await registrationProgress(tx, frozen);
    if (subjects.length === 0) throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.subjectsFirst' });
    await takeSeat(tx, frozen.areaId);
    return createOrder(tx, {
      userId: reg.userId,
      subjectType: EXAM_ORDER,
      subjectId: reg.id,
      title: `${exam.name} 报名费`,
      items: subjects.map((s) => ({ name: `${s.code} ${s.name}`, amountFen: s.feeFen, ref: s.id })),
      ttlMinutes: exam.orderTtlMinutes,
    });
  });
}

/** The registration's live order (unpaid / paid / refund requested), if any. */
export async function liveOrder(db: DbOrTx, registrationId: string): Promise<Order | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.subjectType, EXAM_ORDER), eq(orders.subjectId, registrationId), inArray(orders.status, ['unpaid', 'paid', 'refund_requested'])));
  return row;
}

/** 更换考点城市: after payment, inside the exam's area-change window, capacity respected. */
export async function changeArea(db: Db, actor: Actor, input: { registrationId: string; areaId: string }, now = new Date()) {
  const reg = await ownRegistration(db, actor, input.registrationId);
  if (reg.status !== 'paid') throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.notPaid' });
  const [exam] = await db.select().from(exams).where(eq(exams.id, reg.examId));
  if (!areaChangeOpen(exam, now)) {
    throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.areaChangeClosed' });
  }
  if (input.areaId === reg.areaId) return reg;
  const [area] = await db.select().from(examAreas).where(and(eq(examAreas.id, input.areaId), eq(examAreas.examId, reg.examId)));
  if (!area) throw new AppError('BAD_INPUT', { fieldErrors: { areaId: ['exam.errors.unknownArea'] } });
  // A refund on its way gives the seat back: moving it now would only race the refund.
  if ((await liveOrder(db, reg.id))?.status === 'refund_requested') throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.refundPending' });
  return db.transaction(async (tx) => {
    // Both seats are locked in one fixed order first: two candidates swapping cities at once
    // (A → B and B → A) would otherwise each hold one row and wait for the other's (a deadlock).
    await tx
      .select({ id: examAreas.id })
      .from(examAreas)
      .where(inArray(examAreas.id, [area.id, reg.areaId!]))
      .orderBy(asc(examAreas.id))
      .for('update');
    const [row] = await tx
      .update(examRegistrations)
      .set({ areaId: area.id, updatedAt: now })
      .where(and(eq(examRegistrations.id, reg.id), eq(examRegistrations.status, 'paid'), eq(examRegistrations.areaId, reg.areaId!)))
      .returning();
    if (!row) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.stale' });
    await takeSeat(tx, area.id);
    await releaseSeat(tx, reg.areaId!);
    return row;
  });
}

/** 退费: inside the refund window, the full amount, once per person ever (a constraint). */
export async function requestExamRefund(db: Db, actor: Actor, registrationId: string, now = new Date()) {
  const reg = await ownRegistration(db, actor, registrationId);
  if (reg.status !== 'paid') throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.notPaid' });
  const [exam] = await db.select().from(exams).where(eq(exams.id, reg.examId));
  if (!refundOpen(exam, now)) {
    throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.refundClosed' });
  }
  const order = await liveOrder(db, reg.id);
  if (order?.status === 'refund_requested') throw new AppError('CONFLICT', { messageKey: 'payments.errors.refundExists' });
  if (!order || order.status !== 'paid') throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.notPaid' });
  const refund = await db.transaction((tx) => requestRefund(tx, { orderId: order.id, userId: reg.userId, scope: EXAM_REFUND_SCOPE, reason: '考生申请退费' }));
  processRefundSoon(db, refund.id);
  return refund;
}

export const placeOrderDef = defineAction({
  access: CANDIDATE,
  schema: registrationIdSchema,
  handler: async ({ db, actor, input, now }) => {
    const order = await placeOrder(db, actor, input.registrationId, now());
    return { orderId: order.id, number: order.number, amountFen: order.amountFen };
  },
});

export const changeAreaDef = defineAction({
  access: CANDIDATE,
  schema: chooseAreaSchema,
  handler: async ({ db, actor, input, now }) => {
    const reg = await changeArea(db, actor, input, now());
    return { registrationId: reg.id, areaId: reg.areaId };
  },
});

export const requestExamRefundDef = defineAction({
  access: CANDIDATE,
  schema: registrationIdSchema,
  handler: async ({ db, actor, input, now }) => {
    const refund = await requestExamRefund(db, actor, input.registrationId, now());
    return { refundId: refund.id, status: refund.status, amountFen: refund.amountFen };
  },
});
