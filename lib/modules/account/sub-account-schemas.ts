import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { mobileSchema, passwordSchema } from '@/lib/reference/validators';
import { ORG_MODULE_KEYS } from './org-modules';

export { ORG_MODULE_KEYS } from './org-modules';
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
