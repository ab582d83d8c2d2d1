import { z } from 'zod';
import { captchaSchema } from '@/lib/modules/account/schemas';
import { mobileSchema, orgCodeOrCreditCodeSchema } from '@/lib/reference/validators';

/**
 * Module A pre-application form (SPEC §2, seed 000): contact, applicant entity,
 * business fields. Shared by the browser form and the server.
 */
const required = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `不能超过${max}个字`);

/** Landline (0571-88880000) or mobile; spaces tolerated. */
const PHONE_RE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9})$/;

export const BUSINESS_FIELD_KEY_RE = /^[a-z][a-zA-Z0-9_]{0,39}$/;

/**
 * The business fields arrive as a map key → { selected, description } (one
 * checkbox and one text box per configured field) and leave as the list of
 * selected fields. At least one must be selected; each selected one needs its
 * description.
 */
export const businessFieldsSchemaWith = (noneMessage: string) =>
  z
    .record(z.string().regex(BUSINESS_FIELD_KEY_RE), z.object({ selected: z.boolean(), description: z.string().trim().max(1000, '情况说明不能超过1000个字') }))
    .superRefine((fields, ctx) => {
      const chosen = Object.entries(fields).filter(([, f]) => f.selected);
      if (chosen.length === 0) ctx.addIssue({ code: 'custom', message: noneMessage, path: [] });
      for (const [key, f] of chosen) {
        if (!f.description) ctx.addIssue({ code: 'custom', message: '请填写所选领域的相关情况说明', path: [key, 'description'] });
      }
    })
    .transform((fields) =>
      Object.entries(fields)
        .filter(([, f]) => f.selected)
        .map(([key, f]) => ({ key, description: f.description })),
    );

/** The pre-application's business fields: at least one. */
export const businessFieldsSchema = businessFieldsSchemaWith('请至少选择一项预申请业务');

export const preApplicationFormSchema = z.object({
  contact: z.object({
    name: required('请输入联系人姓名', 50),
    phone: z
      .string({ error: '请输入联系电话' })
      .trim()
      .transform((v) => v.replace(/\s+/g, ''))
      .refine((v) => v !== '', '请输入联系电话')
      .refine((v) => v === '' || PHONE_RE.test(v), '联系电话格式不正确，例如 010-12345678'),
    mobile: mobileSchema,
    email: z.string({ error: '请输入电子邮箱' }).trim().min(1, '请输入电子邮箱').email('请输入有效的电子邮箱').max(100),
  }),
  entity: z.object({
    name: required('请输入申请主体名称', 100),
    // Organization code without "-" (9) or unified social credit code (18), check digit verified.
    code: orgCodeOrCreditCodeSchema,
    address: required('请输入通讯地址', 200),
    postalCode: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d{6}$/.test(v), '邮政编码为6位数字')
      .optional()
      .transform((v) => v || undefined),
    legalRepresentative: required('请输入法定代表人', 50),
  }),
  businessFields: businessFieldsSchema,
});

/** What the kind stores (the form's output). */
export type PreApplicationData = z.output<typeof preApplicationFormSchema>;
export type PreApplicationFormInput = z.input<typeof preApplicationFormSchema>;

/** The stored data, re-validated by the engine (already normalized). */
export const preApplicationDataSchema = z.object({
  contact: z.object({ name: z.string(), phone: z.string(), mobile: z.string(), email: z.string() }),
  entity: z.object({ name: z.string(), code: z.string(), address: z.string(), postalCode: z.string().optional(), legalRepresentative: z.string() }),
  businessFields: z.array(z.object({ key: z.string(), label: z.string(), description: z.string() })).min(1),
});

export type StoredPreApplication = z.output<typeof preApplicationDataSchema>;

export const submitPreApplicationSchema = preApplicationFormSchema.extend({ captcha: captchaSchema });

export const tokenSchema = z.object({ token: z.string().min(10).max(100) });

