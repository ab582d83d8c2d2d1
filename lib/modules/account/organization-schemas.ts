import { z } from 'zod';
import { isSpecificRegionShape } from '@/lib/reference/provinces';
import { creditCodeSchema, mobileSchema, passwordSchema } from '@/lib/reference/validators';
import { smsCodeSchema } from './schemas';

/** Landline: 3–4 digit area code (with its leading 0), 7–8 digit number, optional extension. */
export const LANDLINE_RE = /^0\d{2,3}-\d{7,8}(-\d{1,6})?$/;

/** An optional text field: empty input becomes undefined. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || undefined);

export const organizationRegistrationSchema = z
  .object({
    orgName: z.string({ error: '请输入机构名称' }).trim().min(1, '请输入机构名称').max(100, '机构名称不能超过100个字'),
    // Optional; when given, a valid unified social credit code (stored upper-cased).
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .superRefine((v, ctx) => {
        if (!v) return;
        const r = creditCodeSchema.safeParse(v);
        if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      })
      .transform((v) => v || undefined),
    mobile: mobileSchema,
    smsCode: smsCodeSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
    contactName: z.string({ error: '请输入联系人姓名' }).trim().min(1, '请输入联系人姓名').max(50, '联系人姓名不能超过50个字'),
    landline: z
      .string()
      .trim()
      .optional()
      // "0571 8888 0000"-style spacing is tolerated and removed.
      .transform((v) => v?.replace(/\s+/g, '') || undefined)
      .refine((v) => v === undefined || LANDLINE_RE.test(v), '固定电话格式不正确，例如 0571-88880000 或 010-12345678-123'),
    regionCode: z
      .string({ error: '请选择所在地区' })
      .trim()
      .min(1, '请选择所在地区')
      // The shape only: this schema runs in the browser, which never loads the region tree; the server's definition adds that the code exists (lib/reference/region-checks.ts).
      .refine(isSpecificRegionShape, '请选择到市或区县'),
    address: optionalText(200, '详细地址不能超过200个字'),
    email: z
      .string()
      .trim()
      .max(100, '电子邮箱不能超过100个字符')
      .optional()
      .refine((v) => !v || z.email().safeParse(v).success, '请输入有效的电子邮箱')
      .transform((v) => v || undefined),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: 'custom', message: '两次输入的密码不一致', path: ['confirmPassword'] });
  });
export type OrganizationRegistrationInput = z.input<typeof organizationRegistrationSchema>;
export type OrganizationRegistration = z.output<typeof organizationRegistrationSchema>;
