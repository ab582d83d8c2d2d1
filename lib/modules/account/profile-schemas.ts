import { z } from 'zod';
import { mobileSchema } from '@/lib/reference/validators';
import { isSpecificRegionShape } from '@/lib/reference/provinces';
import { LANDLINE_RE } from './organization-schemas';

/** Account management (SPEC §1.1, §3.8): profile, mobile (SMS to the new number), email (link to the new address). */
const name = z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(50, '姓名不能超过50个字');
const optional = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || null);

export const profileSchema = z.object({
  name,
  // Only for ID types other than the resident ID (where it is derived and fixed).
  gender: z.enum(['male', 'female']).optional(),
  // Organization main accounts: the organization's contact data.
  contactName: optional(50, '联系人姓名不能超过50个字'),
  landline: z
    .string()
    .trim()
    .optional()
    .transform((v) => v?.replace(/\s+/g, '') || null)
    .refine((v) => v === null || LANDLINE_RE.test(v), '固定电话格式不正确，例如 0571-88880000 或 010-12345678-123'),
  regionCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isSpecificRegionShape(v), '请选择到市或区县'),
  address: optional(200, '详细地址不能超过200个字'),
  legalRepresentative: optional(50, '法定代表人不能超过50个字'),
});
export type ProfileInput = z.input<typeof profileSchema>;

export const requestMobileCodeSchema = z.object({ newMobile: mobileSchema, captcha: z.string().min(1, '请先完成人机验证') });
export const changeMobileSchema = z.object({ newMobile: mobileSchema, smsCode: z.string().trim().regex(/^\d{6}$/, '请输入6位短信验证码') });
export const requestEmailChangeSchema = z.object({ newEmail: z.string().trim().email('请输入有效的电子邮箱').max(100) });
export const confirmEmailChangeSchema = z.object({ token: z.string().min(10).max(100) });
export type RequestMobileCodeInput = z.input<typeof requestMobileCodeSchema>;
export type ChangeMobileInput = z.input<typeof changeMobileSchema>;
export type RequestEmailChangeInput = z.input<typeof requestEmailChangeSchema>;
export type ConfirmEmailChangeInput = z.input<typeof confirmEmailChangeSchema>;
