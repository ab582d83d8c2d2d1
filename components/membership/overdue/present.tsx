import { Badge } from '@/components/ui/badge';
import { stageName } from '@/lib/modules/membership/overdue/present';
import type { StageRow } from '@/lib/modules/membership/overdue/queries';

type T = (key: string, values?: Record<string, string | number>) => string;

export const ACTION_TONE = { remind: 'primary', warn: 'warning', suspend: 'danger' } as const;

/** A fired stage's name: by its configured offset, else its action and key (a stage no longer configured). */
export function stageLabel(t: T, s: Pick<StageRow, 'action' | 'offsetDays' | 'stage'>): string {
  return s.offsetDays === null ? `${t(`actions.${s.action}`)}（${s.stage}）` : stageName(t, { action: s.action, offsetDays: s.offsetDays });
}

/** Days from the due date as a badge: late in red, the due day in amber, days left in grey. */
export function DaysBadge({ t, days }: { t: T; days: number }) {
  if (days > 0) return <Badge tone="danger">{t('staff.overdueDays', { days })}</Badge>;
  if (days === 0) return <Badge tone="warning">{t('staff.dueToday')}</Badge>;
  return <Badge tone="neutral">{t('staff.daysLeft', { days: -days })}</Badge>;
}
