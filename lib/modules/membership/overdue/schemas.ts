import { z } from 'zod';
import { searchParamSchema, uuidSchema } from '@/lib/platform/schemas';
import { STAGE_ACTIONS } from './stages';

/**
 * Inputs of the staff actions on overdue annual reviews (reverse a stage,
 * extend the due date) and the list's filters (query string). Shared by the
 * forms and the server; no server imports.
 */
const reason = (message: string) => z.string({ error: message }).trim().min(2, message).max(500, '说明不能超过500个字');

export const reverseStageSchema = z.object({
  stageId: uuidSchema('请选择要撤销的阶段'),
  reason: reason('请填写撤销原因（至少2个字）'),
});
export type ReverseStageInput = z.input<typeof reverseStageSchema>;

export const extendDueSchema = z.object({
  qualificationId: uuidSchema('请选择资质'),
  /** The new due date (a China calendar day); the server checks it against the current one and today. */
  reviewDueOn: z
    .string({ error: '请选择新的年审截止日期' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, '请选择新的年审截止日期')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '请选择有效的日期'),
  reason: reason('请填写延期原因（至少2个字）'),
});
export type ExtendDueInput = z.input<typeof extendDueSchema>;

export const OVERDUE_TIMINGS = ['overdue', 'upcoming'] as const;
export const QUALIFICATION_STATES = ['active', 'suspended'] as const;

export const overdueFilterSchema = z.object({
  /** Part of the enterprise's name, its credit code or certificate number. */
  q: searchParamSchema(),
  status: z.enum(QUALIFICATION_STATES).optional().catch(undefined),
  /** Has a stage of this action in force in its current cycle ('none': no stage yet). */
  stage: z.enum([...STAGE_ACTIONS, 'none']).optional().catch(undefined),
  /** Past its due date, or not yet. */
  timing: z.enum(OVERDUE_TIMINGS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type OverdueFilter = Partial<z.infer<typeof overdueFilterSchema>>;

export function parseOverdueFilter(raw: Record<string, string | string[] | undefined>): OverdueFilter {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return overdueFilterSchema.parse(first);
}
