import type { DbOrTx } from '@/db';
import { getSetting } from '@/lib/platform/settings';
import { criterionSchema, type Criterion } from './schemas';

/** Module E's site settings (README 'Site settings'). */
export const PREFIX_SETTING = 'review.projectNumberPrefix';
export const CRITERIA_SETTING = 'review.evaluationCriteria';
/** The association on the letterhead of the negotiation letter and the review notice. */
export const ASSOCIATION_SETTING = 'review.associationName';

export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'professionalism', label: '专业能力' },
  { key: 'discipline', label: '工作纪律' },
  { key: 'efficiency', label: '工作效率' },
  { key: 'communication', label: '沟通态度' },
  { key: 'fairness', label: '客观公正' },
];

export const REVIEW_SETTING_DEFAULTS = {
  [PREFIX_SETTING]: 'PSSCZJ',
  [CRITERIA_SETTING]: DEFAULT_CRITERIA,
  [ASSOCIATION_SETTING]: '中国特种设备检验协会',
} as const;

/** The evaluation criteria in force (a malformed setting falls back to the shipped ones). */
export async function evaluationCriteria(db: DbOrTx): Promise<Criterion[]> {
  const v = await getSetting<unknown>(db, CRITERIA_SETTING);
  const parsed = criterionSchema.array().min(1).safeParse(v);
  return parsed.success ? parsed.data : DEFAULT_CRITERIA;
}

export async function projectNumberPrefix(db: DbOrTx): Promise<string> {
  const v = await getSetting<unknown>(db, PREFIX_SETTING);
  return typeof v === 'string' && /^[A-Za-z0-9]{1,16}$/.test(v.trim()) ? v.trim().toUpperCase() : 'PSSCZJ';
}

export async function associationName(db: DbOrTx): Promise<string> {
  const v = await getSetting<unknown>(db, ASSOCIATION_SETTING);
  return typeof v === 'string' && v.trim() ? v.trim() : REVIEW_SETTING_DEFAULTS[ASSOCIATION_SETTING];
}
