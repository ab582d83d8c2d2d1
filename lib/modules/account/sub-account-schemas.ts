import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { MODULES } from '@/lib/platform/modules';
import { mobileSchema, passwordSchema } from '@/lib/reference/validators';

/** The modules a main account can grant: the organization modules. */
export const ORG_MODULE_KEYS = MODULES.filter((m) => m.audience === 'organization').map((m) => m.key) as ['accreditation', 'membership', 'review'];
const modulesSchema = z.array(z.enum(ORG_MODULE_KEYS, { error: '业务模块不正确' })).max(ORG_MODULE_KEYS.length);

export const createSubAccountSchema = z
  .object({
    name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(50, '姓名不能超过50个字'),
    username: z
      .string({ error: '请输入登录名' })
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, '登录名须以字母开头，4–32位字母、数字或下划线'),
    mobile: z.union([z.literal(''), mobileSchema]).optional(),
    password: passwordSchema,
    modules: modulesSchema,
  })
  .transform((v) => ({ ...v, mobile: v.mobile || undefined }));
export type CreateSubAccountInput = z.input<typeof createSubAccountSchema>;

export const subAccountIdSchema = z.object({ id: uuidSchema('账户编号不正确') });
export const setSubAccountModulesSchema = subAccountIdSchema.extend({ modules: modulesSchema });
export const setSubAccountStatusSchema = subAccountIdSchema.extend({ status: z.enum(['active', 'disabled']) });
