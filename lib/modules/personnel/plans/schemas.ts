import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { readYuan } from '@/lib/modules/exam/money';
import { isDateString, shanghaiDayStart, shanghaiLocalToDate } from '@/lib/modules/exam/time';
import { findItem, PLAN_KINDS } from '../catalog';

/**
 * 考试计划 (exam plans) of module C, as staff set them up: per enrollment kind
 * and item, the exam dates and site, the capacity, the enrollment window
 * (Beijing datetime-local values) and the fee if any (yuan typed, fen
 * stored). Shared by the staff form and the server. Pure.
 */
export const PLAN_CAPACITY_MAX = 100_000;
/** ¥100,000.00 */
export const PLAN_FEE_MAX_FEN = 10_000_000;

const instant = (missing: string, invalid: string) =>
  z.string({ error: missing }).transform((v, ctx) => {
    if (!v.trim()) {
      ctx.addIssue({ code: 'custom', message: missing });
      return z.NEVER;
    }
    const d = shanghaiLocalToDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: invalid });
      return z.NEVER;
    }
    return d;
  });

const day = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .refine((v) => v !== '', missing)
    .refine((v) => v === '' || isDateString(v), '请输入有效的日期');

const planFields = z.object({
  kind: z.enum(PLAN_KINDS, { error: '请选择报名类别' }),
  item: z.string({ error: '请选择报名项目' }).trim().min(1, '请选择报名项目').max(20),
  name: z.string({ error: '请输入计划名称' }).trim().min(1, '请输入计划名称').max(100, '计划名称不能超过100个字'),
  examStartsOn: day('请选择考试开始日期'),
  examEndsOn: day('请选择考试结束日期'),
  site: z.string({ error: '请输入考试地点' }).trim().min(1, '请输入考试地点').max(500, '考试地点不能超过500个字'),
  capacity: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: '请输入计划人数' }).int('计划人数须为正整数').min(1, '计划人数须为正整数').max(PLAN_CAPACITY_MAX, `计划人数不能超过${PLAN_CAPACITY_MAX}`),
  ),
  enrollOpensAt: instant('请选择报名开始时间', '请输入有效的报名开始时间'),
  enrollClosesAt: instant('请选择报名截止时间', '请输入有效的报名截止时间'),
  // Empty: no fee.
  fee: z
    .string()
    .default('')
    .transform((v, ctx) => {
      if (!v.trim()) return null;
      const r = readYuan(v);
      if (!r.ok || r.fen > PLAN_FEE_MAX_FEN) {
        ctx.addIssue({ code: 'custom', message: '考试费用须为不超过100000元的金额，最多两位小数' });
        return z.NEVER;
      }
      return r.fen;
    }),
  note: z.string().trim().max(2000, '说明不能超过2000个字').default(''),
});

function refinePlan(v: z.output<typeof planFields>, ctx: z.RefinementCtx) {
  if (!findItem(v.kind, v.item)) ctx.addIssue({ code: 'custom', message: '请选择该报名类别下的报名项目', path: ['item'] });
  if (isDateString(v.examStartsOn) && isDateString(v.examEndsOn) && v.examEndsOn < v.examStartsOn) ctx.addIssue({ code: 'custom', message: '考试结束日期不能早于开始日期', path: ['examEndsOn'] });
  if (v.enrollOpensAt instanceof Date && v.enrollClosesAt instanceof Date) {
    if (v.enrollClosesAt <= v.enrollOpensAt) ctx.addIssue({ code: 'custom', message: '报名截止时间须晚于报名开始时间', path: ['enrollClosesAt'] });
    else if (isDateString(v.examStartsOn) && v.enrollClosesAt > shanghaiDayStart(v.examStartsOn)) ctx.addIssue({ code: 'custom', message: '报名须在考试开始日期之前截止', path: ['enrollClosesAt'] });
  }
}

export const planFormSchema = planFields.superRefine(refinePlan);

export type PlanFormInput = z.input<typeof planFormSchema>;
export type PlanForm = z.output<typeof planFormSchema>;

export const createPlanSchema = planFormSchema;
export const updatePlanSchema = planFields.extend({ planId: uuidSchema() }).superRefine(refinePlan);
export type UpdatePlanInput = z.input<typeof updatePlanSchema>;

export const PLAN_STATUSES = ['draft', 'open', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** Opening publishes the plan to candidates (enrolling also needs its window); closing stops new enrollments. */
export const setPlanStatusSchema = z.object({ planId: uuidSchema(), status: z.enum(['open', 'closed']) });
export type SetPlanStatusInput = z.input<typeof setPlanStatusSchema>;
