import type { DbOrTx } from '@/db';
import { formatFen } from '@/lib/platform/payments/money';
import { membershipDues } from './member';
import { MEMBERSHIP_GRADES } from './schemas';

/** The grades as the form offers them: each with its label and configured dues (labels translated by the caller's `t`). */
export async function gradeOptions(db: DbOrTx, t: (key: string, values?: Record<string, string>) => string): Promise<Array<{ key: string; label: string }>> {
  const dues = await membershipDues(db);
  return MEMBERSHIP_GRADES.map((g) => ({ key: g, label: Number.isInteger(dues[g]) ? t('membership.form.gradeOption', { grade: t(`membership.grades.${g}`), amount: formatFen(dues[g]) }) : t(`membership.grades.${g}`) }));
}
