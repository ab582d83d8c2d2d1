import type { CoursePhase } from '@/lib/modules/membership/staff/courses';

export const statusTone = { draft: 'neutral', open: 'success', closed: 'danger' } as const;
export const phaseTone: Record<CoursePhase, 'neutral' | 'primary' | 'success' | 'warning' | 'danger'> = {
  draft: 'neutral',
  closed: 'neutral',
  upcoming: 'primary',
  enrolling: 'success',
  ended: 'warning',
};
