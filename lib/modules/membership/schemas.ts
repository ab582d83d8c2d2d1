import { z } from 'zod';
import { creditCodeSchema, mobileSchema } from '@/lib/reference/validators';

/**
 * Module B 入会申请 (SPEC §3.2, seed 001): the application form, the
 * certificate-delivery step and the staff settings. Shared by the browser
 * forms and the server (the engine validates submits with the form schema).
 */

/** Membership grades, lowest first; the dues of each are a site setting (membership.dues). */
export const MEMBERSHIP_GRADES = ['regular', 'council', 'executive', 'vicePresident'] as const;
export type MembershipGrade = (typeof MEMBERSHIP_GRADES)[number];

const text = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `不能超过${max}个字`);

const count = (message: string, min: number) =>
  z.coerce
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(1_000_000, message);

export const membershipFormSchema = z
  .object({
    companyName: text('请输入单位名称', 100),
    creditCode: creditCodeSchema,
    legalRepresentative: text('请输入法定代表人', 50),
    registeredAddress: text('请输入注册地址', 200),
    businessScope: text('请输入经营范围', 2000),
    staffTotal: count('请输入职工总数（正整数）', 1),
    technicalStaff: count('请输入技术人员人数（非负整数）', 0),
    grade: z.enum(MEMBERSHIP_GRADES, { error: '请选择申请的会员等级' }),
    contactName: text('请输入联系人', 50),
    contactMobile: mobileSchema,
    contactEmail: z.string({ error: '请输入电子邮箱' }).trim().min(1, '请输入电子邮箱').email('请输入有效的电子邮箱').max(100),
  })
  .refine((d) => d.technicalStaff <= d.staffTotal, { message: '技术人员人数不能多于职工总数', path: ['technicalStaff'] });

export type MembershipFormInput = z.input<typeof membershipFormSchema>;

/** 证书发放方式: mailed (to an address) or picked up at the association. */
export const deliverySchema = z
  .object({
    method: z.enum(['mail', 'pickup'], { error: '请选择证书发放方式' }),
    recipient: z.string().trim().max(50, '收件人不能超过50个字').optional(),
    phone: z.string().trim().max(30, '收件电话不能超过30个字').optional(),
    address: z.string().trim().max(200, '收件地址不能超过200个字').optional(),
  })
  .superRefine((d, ctx) => {
    if (d.method !== 'mail') return;
    if (!d.address || d.address.length < 5) ctx.addIssue({ code: 'custom', message: '邮寄须填写收件地址', path: ['address'] });
    if (!d.recipient) ctx.addIssue({ code: 'custom', message: '邮寄须填写收件人', path: ['recipient'] });
    if (!d.phone) ctx.addIssue({ code: 'custom', message: '邮寄须填写收件电话', path: ['phone'] });
  })
  .transform((d) => (d.method === 'pickup' ? { method: 'pickup' as const } : d));

export type Delivery = z.output<typeof deliverySchema>;

/** What a submitted application stores (the form's output, plus the later steps' data). */
export type MembershipData = z.output<typeof membershipFormSchema> & {
  delivery?: Delivery;
  /** Written when the dues are paid. */
  member?: { number: string; certificateNumber: string; certificateId: string; validUntil: string | null };
};

/** Staff settings: the dues of each grade (entered in yuan, stored in fen) and the membership term. */
const fee = () =>
  z.coerce
    .number({ error: '请输入会费金额' })
    .min(0, '会费金额不能为负数')
    .max(1_000_000, '会费金额不能超过1000000元')
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '会费金额最多保留两位小数');

export const membershipSettingsSchema = z.object({
  dues: z.object({ regular: fee(), council: fee(), executive: fee(), vicePresident: fee() } satisfies Record<MembershipGrade, unknown>),
  termMonths: z.coerce.number({ error: '请输入会员有效期' }).int('会员有效期须为整数月').min(1, '会员有效期至少1个月').max(120, '会员有效期不能超过120个月'),
});

export type MembershipSettingsInput = z.input<typeof membershipSettingsSchema>;
