import type { PersonnelExamPlan } from '@/db/schema';
import { formatFen } from '@/lib/platform/payments/money';
import { dateToShanghaiLocal } from '@/lib/modules/exam/time';
import { itemLabel, type PlanKind } from '../catalog';
import type { PlanFormInput } from './schemas';

/** A plan's fields as the staff form edits them (Beijing datetime-local values, yuan). */
export function planFormValues(p: PersonnelExamPlan): PlanFormInput {
  return {
    kind: p.kind as PlanKind,
    item: p.item,
    name: p.name,
    examStartsOn: p.examStartsOn,
    examEndsOn: p.examEndsOn,
    site: p.site,
    capacity: String(p.capacity),
    enrollOpensAt: dateToShanghaiLocal(p.enrollOpensAt),
    enrollClosesAt: dateToShanghaiLocal(p.enrollClosesAt),
    fee: p.feeFen === null ? '' : (p.feeFen / 100).toFixed(2),
    note: p.note,
  };
}

/** "¥300.00" or null (no fee). */
export const planFee = (p: Pick<PersonnelExamPlan, 'feeFen'>): string | null => (p.feeFen === null || p.feeFen === 0 ? null : formatFen(p.feeFen));

export const planItemLabel = (p: Pick<PersonnelExamPlan, 'kind' | 'item'>) => itemLabel(p.kind as PlanKind, p.item);

/** "2027-05-20" or "2027-05-20 至 2027-05-21". */
export const planDates = (p: Pick<PersonnelExamPlan, 'examStartsOn' | 'examEndsOn'>, to = '至') => (p.examStartsOn === p.examEndsOn ? p.examStartsOn : `${p.examStartsOn} ${to} ${p.examEndsOn}`);
