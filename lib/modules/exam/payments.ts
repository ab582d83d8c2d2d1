import { and, eq, inArray } from 'drizzle-orm';
import { examRegistrations } from '@/db/schema';
import { AppError } from '@/lib/platform/errors';
import { onOrderCancelled, onOrderPaid, onOrderRefunded } from '@/lib/platform/payments/hooks';
import { EXAM_ORDER, releaseSeat, takeSeat } from './registration/services/order';

/**
 * What the payment layer's order events mean for a registration, inside the
 * payment layer's transaction: paid → registered (a late payment re-takes its
 * seat or stays unsettled for finance); cancelled / expired → the seat is given
 * back and the registration can change again; refunded → the seat is given
 * back and the candidate may register anew.
 */
onOrderPaid(EXAM_ORDER, async (tx, order, info) => {
  const [reg] = await tx.select().from(examRegistrations).where(eq(examRegistrations.id, order.subjectId));
  if (!reg) throw new AppError('NOT_FOUND');
  if (info.late) {
    if (reg.status !== 'area' || !reg.areaId) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
    await takeSeat(tx, reg.areaId);
  }
  const [row] = await tx
    .update(examRegistrations)
    .set({ status: 'paid', updatedAt: new Date() })
    .where(and(eq(examRegistrations.id, reg.id), inArray(examRegistrations.status, info.late ? ['area'] : ['ordered'])))
    .returning();
  if (!row) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
});

onOrderCancelled(EXAM_ORDER, async (tx, order) => {
  const [row] = await tx
    .update(examRegistrations)
    .set({ status: 'area', updatedAt: new Date() })
    .where(and(eq(examRegistrations.id, order.subjectId), eq(examRegistrations.status, 'ordered')))
    .returning();
  if (row?.areaId) await releaseSeat(tx, row.areaId);
});

onOrderRefunded(EXAM_ORDER, async (tx, order) => {
  const [row] = await tx
    .update(examRegistrations)
    .set({ status: 'refunded', updatedAt: new Date() })
    .where(and(eq(examRegistrations.id, order.subjectId), eq(examRegistrations.status, 'paid')))
    .returning();
  if (row?.areaId) await releaseSeat(tx, row.areaId);
});
