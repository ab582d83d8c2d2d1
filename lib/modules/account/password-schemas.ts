import { z } from 'zod';
import { passwordSchema } from '@/lib/reference/validators';

/** Change password: the old one, then the new one twice (SPEC §1.1). */
export const changePasswordSchema = z
  .object({
    oldPassword: z.string({ error: '请输入原密码' }).min(1, '请输入原密码').max(100),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) ctx.addIssue({ code: 'custom', message: '两次输入的密码不一致', path: ['confirmPassword'] });
    if (v.newPassword === v.oldPassword) ctx.addIssue({ code: 'custom', message: '新密码不能与原密码相同', path: ['newPassword'] });
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
