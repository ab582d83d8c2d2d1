import { z } from 'zod';
import { uuidSchema } from '../schemas';

/** The staff roles (lib/platform/auth/actor.ts STAFF_ROLES; repeated here so the browser form needs no server module). */
const ROLES = ['admin', 'reviewer', 'finance', 'exam_admin', 'review_planner', 'review_leader', 'issuing_authority'] as const;

const isDay = (v: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
};
const day = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .superRefine((v, ctx) => {
      if (v === '') ctx.addIssue({ code: 'custom', message: required });
      else if (!isDay(v)) ctx.addIssue({ code: 'custom', message: '请选择有效的日期' });
    });

/** 设置代理: which of my roles, who, and for which days (inclusive, Beijing). */
export const createDelegationSchema = z
  .object({
    role: z.enum(ROLES, { error: '请选择要委托的角色' }),
    module: z.string({ error: '请选择要委托的角色' }).regex(/^(\*|[a-z]{2,20})$/, '请选择要委托的角色'),
    substituteId: uuidSchema('请选择代理人'),
    startsOn: day('请选择开始日期'),
    endsOn: day('请选择结束日期'),
    reason: z.string().trim().max(200, '不能超过200个字').optional().default(''),
  })
  .superRefine((d, ctx) => {
    if (isDay(d.startsOn) && isDay(d.endsOn)) {
      if (d.endsOn < d.startsOn) ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期', path: ['endsOn'] });
      else if ((Date.parse(d.endsOn) - Date.parse(d.startsOn)) / 86_400_000 > 365) ctx.addIssue({ code: 'custom', message: '代理期限不能超过一年', path: ['endsOn'] });
    }
  });
export type CreateDelegationFormInput = z.input<typeof createDelegationSchema>;

export const revokeDelegationSchema = z.object({ id: uuidSchema() });
