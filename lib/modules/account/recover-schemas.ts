import { z } from 'zod';
import { mobileSchema, passwordSchema } from '@/lib/reference/validators';

/** Forgotten password: by SMS code to the account's mobile, or by an email link. */
const identifier = z.string({ error: '请输入账号' }).trim().min(1, '请输入账号').max(64);
const captcha = z.string({ error: '请先完成人机验证' }).min(1, '请先完成人机验证');
const audience = z.enum(['applicant', 'staff']).default('applicant');

const passwordsMatch = (v: { password: string; confirmPassword: string }, ctx: z.RefinementCtx) => {
  if (v.password !== v.confirmPassword) ctx.addIssue({ code: 'custom', message: '两次输入的密码不一致', path: ['confirmPassword'] });
};
const newPassword = { password: passwordSchema, confirmPassword: z.string() };

export const requestResetCodeSchema = z.object({ identifier, mobile: mobileSchema, captcha, audience });
export const resetBySmsSchema = z
  .object({ identifier, mobile: mobileSchema, smsCode: z.string().trim().regex(/^\d{6}$/, '请输入6位短信验证码'), audience, ...newPassword })
  .superRefine(passwordsMatch);
export const requestResetEmailSchema = z.object({ identifier, captcha, audience });
export const resetByLinkSchema = z.object({ token: z.string().min(10, '链接无效').max(100, '链接无效'), ...newPassword }).superRefine(passwordsMatch);

/** 找回账户: the bound mobile proves itself by a code; then the account's login names are shown. */
export const requestFindAccountCodeSchema = z.object({ mobile: mobileSchema, captcha });
export const findAccountSchema = z.object({ mobile: mobileSchema, smsCode: z.string().trim().regex(/^\d{6}$/, '请输入6位短信验证码') });

export type RequestResetCodeInput = z.input<typeof requestResetCodeSchema>;
export type ResetBySmsInput = z.input<typeof resetBySmsSchema>;
export type RequestResetEmailInput = z.input<typeof requestResetEmailSchema>;
export type ResetByLinkInput = z.input<typeof resetByLinkSchema>;
