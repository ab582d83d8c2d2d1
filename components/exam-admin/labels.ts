import type { Exam } from '@/db/schema';
import { shanghaiDayEnd } from '@/lib/modules/exam/time';

/** Where a published exam stands in time (a draft has no phase: candidates never see it). */
export type ExamPhase = 'upcoming' | 'open' | 'closed' | 'finished';

export function examPhase(e: Pick<Exam, 'status' | 'registrationOpensAt' | 'registrationClosesAt' | 'periodEnd'>, now: Date): ExamPhase | null {
  if (e.status !== 'published') return null;
  if (now < e.registrationOpensAt) return 'upcoming';
  if (now < e.registrationClosesAt) return 'open';
  return now < shanghaiDayEnd(e.periodEnd) ? 'closed' : 'finished';
}

export const statusTone = { draft: 'neutral', published: 'success' } as const;
export const phaseTone = { upcoming: 'neutral', open: 'primary', closed: 'warning', finished: 'neutral' } as const;
export const registrationTone: Record<string, 'neutral' | 'primary' | 'success' | 'warning' | 'danger'> = {
  info: 'neutral',
  subjects: 'neutral',
  area: 'neutral',
  ordered: 'warning',
  paid: 'success',
  refunded: 'danger',
  cancelled: 'neutral',
};
export const asStatus = (s: string): 'draft' | 'published' => (s === 'published' ? 'published' : 'draft');
