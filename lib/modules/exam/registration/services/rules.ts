import type { Exam } from '@/db/schema';

/**
 * The candidate's post-payment rules, shared by the mutations (which refuse)
 * and the pages (which offer): a window is open from its start (inclusive)
 * to its end (exclusive); an unset window is closed.
 */
export function windowOpen(from: Date | null, to: Date | null, now: Date): boolean {
  return Boolean(from && to && from.getTime() <= now.getTime() && now.getTime() < to.getTime());
}

/** 更换考点城市 is offered inside the exam's area-change window. */
export const canChangeArea = (exam: Pick<Exam, 'areaChangeOpensAt' | 'areaChangeClosesAt'>, now: Date) => windowOpen(exam.areaChangeOpensAt, exam.areaChangeClosesAt, now);

/** 退费 is offered inside the refund window, when none is on its way and the person's one exam refund is unused. */
export const refundWindowOpen = (exam: Pick<Exam, 'refundOpensAt' | 'refundClosesAt'>, now: Date) => windowOpen(exam.refundOpensAt, exam.refundClosesAt, now);

export function canRefund(exam: Pick<Exam, 'refundOpensAt' | 'refundClosesAt'>, state: { refundOfOrder: boolean; refundUsed: boolean }, now: Date): boolean {
  return !state.refundOfOrder && !state.refundUsed && refundWindowOpen(exam, now);
}
