import type { Exam } from '@/db/schema';
import { areaChangeOpen, refundOpen } from '../../catalog';

/**
 * The candidate's post-payment rules, shared by the mutations (which refuse)
 * and the pages (which offer); the windows themselves are the catalog's one
 * rule (`windowOpen`: from its start, inclusive, to its end, exclusive).
 */

/** 更换考点城市 is offered inside the exam's area-change window. */
export const canChangeArea = (exam: Pick<Exam, 'areaChangeOpensAt' | 'areaChangeClosesAt'>, now: Date) => areaChangeOpen(exam, now);

/** 退费 is offered inside the refund window, when none is on its way and the person's one exam refund is unused. */
export function canRefund(exam: Pick<Exam, 'refundOpensAt' | 'refundClosesAt'>, state: { refundOfOrder: boolean; refundUsed: boolean }, now: Date): boolean {
  return !state.refundOfOrder && !state.refundUsed && refundOpen(exam, now);
}
