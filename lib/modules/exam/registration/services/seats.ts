import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { examAreas } from '@/db/schema';
import { AppError } from '@/lib/platform/errors';

/*
 * Kept apart from order.ts: the payment layer loads the exam's payment
 * handlers (lib/modules/exam/payments.ts) while order.ts is still loading the
 * payment layer, so what the handlers need must not import the payment layer.
 */
export const EXAM_ORDER = 'exam_registration';
export const EXAM_REFUND_SCOPE = 'exam';

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
