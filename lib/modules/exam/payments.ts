import { and, eq, inArray } from 'drizzle-orm';
import { examRegistrations, exams, registrationSubjects } from '@/db/schema';
import { AppError } from '@/lib/platform/errors';
import type { PaymentSubject } from '@/lib/platform/manifest';
import type { OrderItem } from '@/lib/platform/payments/orders';
import { EXAM_ORDER, releaseSeat, takeSeat } from './registration/services/order';
import { assignTicketNumbers } from './registration/services/ticket';

/**
 * What the payment layer's order events mean for a registration, inside the
 * payment layer's transaction: paid → registered (a late payment re-takes its
 * seat — when the registration still holds the subjects it paid for — or
 * stays unsettled for finance to refund; paid after the tickets' release, it
 * gets its ticket number); cancelled / expired → the seat is given
 * back and the registration can change again; refunded → the seat is given
 * back and the candidate may register anew.
 */
const onPaid: PaymentSubject['onPaid'] = async (tx, order, info) => {
  const [reg] = await tx.select().from(examRegistrations).where(eq(examRegistrations.id, order.subjectId));
  if (!reg) throw new AppError('NOT_FOUND');
  if (info.late) {
    if (reg.status !== 'area' || !reg.areaId) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
    // Once released, the registration could change: money paid for other subjects (another amount) must not register these.
    const chosen = await tx.select({ id: registrationSubjects.subjectId }).from(registrationSubjects).where(eq(registrationSubjects.registrationId, reg.id));
    const paidFor = new Set((order.items as OrderItem[]).map((i) => i.ref));
    if (chosen.length !== paidFor.size || chosen.some((s) => !paidFor.has(s.id))) throw new AppError('CONFLICT', { messageKey: 'exam.errors.paidSubjectsChanged' });
    await takeSeat(tx, reg.areaId);
  }
  const [row] = await tx
    .update(examRegistrations)
    .set({ status: 'paid', updatedAt: new Date() })
    .where(and(eq(examRegistrations.id, reg.id), inArray(examRegistrations.status, info.late ? ['area'] : ['ordered'])))
    .returning();
  if (!row) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
  // Paid after the tickets were released (a late notification): its ticket number now, like the others' at release.
  const [exam] = await tx.select({ released: exams.ticketsReleasedAt }).from(exams).where(eq(exams.id, row.examId));
  if (exam?.released) await assignTicketNumbers(tx, row.examId);
};

const onCancelled: PaymentSubject['onCancelled'] = async (tx, order) => {
  const [row] = await tx
    .update(examRegistrations)
    .set({ status: 'area', updatedAt: new Date() })
    .where(and(eq(examRegistrations.id, order.subjectId), eq(examRegistrations.status, 'ordered')))
    .returning();
  if (row?.areaId) await releaseSeat(tx, row.areaId);
};

const onRefunded: PaymentSubject['onRefunded'] = async (tx, order) => {
  const [row] = await tx
    .update(examRegistrations)
    .set({ status: 'refunded', updatedAt: new Date() })
    .where(and(eq(examRegistrations.id, order.subjectId), eq(examRegistrations.status, 'paid')))
    .returning();
  if (row?.areaId) await releaseSeat(tx, row.areaId);
};

export const examPaymentSubject: PaymentSubject = { type: EXAM_ORDER, onPaid, onCancelled, onRefunded };
