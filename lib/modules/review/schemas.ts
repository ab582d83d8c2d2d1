import { z } from 'zod';
import { mobileSchema, orgCodeOrCreditCodeSchema } from '@/lib/reference/validators';
import { uuidSchema } from '@/lib/platform/schemas';
import { ACCEPTANCE_CATEGORIES, CONCLUSIONS, INSTITUTION_TYPES, PROVINCE_CODES, REVIEW_TYPES } from './constants';
import { isCalendarDate } from './dates';

/**
 * Module E's forms (SPEC §6, seed 004), shared by the browser forms and the
 * server: the new project (新增评审项目), the invitation, the review notice,
 * the on-site conclusion, rectification, evaluation, the unit's basic
 * information and the module's settings. Chinese messages next to the field.
 */

const text = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `不能超过${max}个字`);

/** An optional text: empty means not given. */
const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字`).optional().default('');

const PHONE_RE = /^[0-9+()\- ]{7,20}$/;
const phone = (required: string | null, invalid: string) =>
  z
    .string({ error: required ?? invalid })
    .trim()
    .superRefine((v, ctx) => {
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: required });
      } else if (!PHONE_RE.test(v)) ctx.addIssue({ code: 'custom', message: invalid });
    })
    .optional()
    .default('');

const requiredDate = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .superRefine((v, ctx) => {
      if (v === '') ctx.addIssue({ code: 'custom', message: required });
      else if (!isCalendarDate(v)) ctx.addIssue({ code: 'custom', message: '请选择有效的日期' });
    });

const optionalDate = z
  .string()
  .trim()
  .refine((v) => v === '' || isCalendarDate(v), '请选择有效的日期')
  .optional()
  .default('');

const postalCode = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\d{6}$/.test(v), '邮政编码为6位数字')
  .optional()
  .default('');

const email = z
  .string()
  .trim()
  .max(100, '不能超过100个字')
  .refine((v) => v === '' || z.email().safeParse(v).success, '请输入有效的电子邮箱')
  .optional()
  .default('');

const bankAccount = z
  .string()
  .trim()
  .refine((v) => v === '' || /^[0-9 ]{8,34}$/.test(v), '银行账号为8–34位数字')
  .optional()
  .default('');

/** 注册资本 (万元): optional, non-negative, at most two decimals. */
const capital = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{1,12}(\.\d{1,2})?$/.test(v) && Number(v) >= 0), '注册资本须为非负数，最多保留两位小数（万元）')
  .optional()
  .default('');

const website = z
  .string()
  .trim()
  .max(200, '不能超过200个字')
  .refine((v) => v === '' || /^(https?:\/\/)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}(\/\S*)?$/.test(v), '请输入有效的网址')
  .optional()
  .default('');

const institutionType = z.enum(INSTITUTION_TYPES, { error: '请选择机构类型' });

/** 新增评审项目 (seed 004 §3.1): 联系方式, 法律地位, 资料清单. The uploads are document slots of the project. */
export const projectFormSchema = z.object({
  // 联系方式
  address: text('请输入单位地址', 200),
  postalCode,
  contactName: text('请输入联系人', 50),
  contactPhone: phone('请输入联系电话', '请输入有效的联系电话'),
  contactMobile: mobileSchema,
  fax: phone(null, '请输入有效的传真号码'),
  email,
  bankName: optionalText(100),
  bankAccount,
  // 法律地位
  creditCode: orgCodeOrCreditCodeSchema,
  legalRepresentative: text('请输入法定代表人/负责人', 50),
  registrationAuthority: optionalText(100),
  registrationDate: optionalDate,
  registeredCapital: capital,
  institutionType,
  certificateIssuer: optionalText(100),
  previousLicenseNumber: optionalText(60),
  previousLicenseValidUntil: optionalDate,
  parentApprovalDate: optionalDate,
  parentApprovalNumber: optionalText(60),
  parentHead: optionalText(50),
  // 资料清单
  acceptanceNumber: text('请输入受理决定书编号', 60),
  acceptanceDate: requiredDate('请选择受理日期'),
  reviewType: z.enum(REVIEW_TYPES, { error: '请选择评审类型' }),
  acceptanceCategory: z.enum(ACCEPTANCE_CATEGORIES, { error: '请选择受理类别' }),
  province: z.string({ error: '请选择省份' }).refine((v) => PROVINCE_CODES.includes(v), '请选择省份'),
  remarks: optionalText(500),
});

export type ProjectFormInput = z.input<typeof projectFormSchema>;
export type ProjectForm = z.output<typeof projectFormSchema>;

/** What a project stores: the form plus the unit's name (from its profile) and the latest step inputs (each round's are in the round tables). */
export type ReviewProjectData = ProjectForm & {
  unitName: string;
  invitation?: { expectedDate: string; note?: string };
  notice?: { startDate: string; endDate: string; location?: string; note?: string; leaderId: string; reviewerIds: string[] };
  conclusion?: { remarks: string };
  rectification?: { note?: string };
};

/** 约请: the expected review date (the 5-day rule is checked against the server's clock) and a note. */
export const invitationSchema = z.object({
  expectedDate: requiredDate('请选择预期评审日期'),
  note: optionalText(500),
});
export type InvitationInput = z.input<typeof invitationSchema>;

/** 评审通知函: the planned dates, place, leader and reviewers. */
export const noticeSchema = z
  .object({
    startDate: requiredDate('请选择评审开始日期'),
    endDate: requiredDate('请选择评审结束日期'),
    location: optionalText(200),
    leaderId: uuidSchema('请选择评审组长'),
    reviewerIds: z.array(uuidSchema('请选择评审组成员'), { error: '请选择评审组成员' }).min(1, '请至少选择一名评审组成员').max(12, '评审组成员不能超过12人'),
    note: optionalText(1000),
  })
  .superRefine((d, ctx) => {
    if (isCalendarDate(d.startDate) && isCalendarDate(d.endDate) && d.endDate < d.startDate) ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期', path: ['endDate'] });
    if (d.reviewerIds.includes(d.leaderId)) ctx.addIssue({ code: 'custom', message: '评审组长不能同时作为组员', path: ['reviewerIds'] });
    if (new Set(d.reviewerIds).size !== d.reviewerIds.length) ctx.addIssue({ code: 'custom', message: '评审组成员不能重复', path: ['reviewerIds'] });
  });
export type NoticeInput = z.input<typeof noticeSchema>;

/** 评审结论 with the leader's remarks. */
export const conclusionSchema = z.object({
  outcome: z.enum(CONCLUSIONS, { error: '请选择评审结论' }),
  remarks: text('请填写评审结论说明', 2000),
});
export type ConclusionInput = z.input<typeof conclusionSchema>;

/** 单位整改资料: a note with the uploaded materials. */
export const rectificationSchema = z.object({ note: optionalText(1000) });

/** 评审评价: a score of 1–5 per configured criterion, and a comment. */
export const evaluationSchema = z.object({
  applicationId: uuidSchema(),
  round: z.number({ error: '评审轮次无效' }).int().min(1, '评审轮次无效'),
  scores: z.record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/),
    z.number({ error: '请为每一项打分（1–5分）' }).int('请为每一项打分（1–5分）').min(1, '请为每一项打分（1–5分）').max(5, '请为每一项打分（1–5分）'),
  ),
  comment: optionalText(1000),
});
export type EvaluationInput = z.input<typeof evaluationSchema>;

/** 单位信息管理 (seed 004 §5): the basic-info form; the contact mobile changes through its own SMS check. */
export const unitProfileSchema = z.object({
  address: text('请输入机构地址', 200),
  legalRepresentative: text('请输入法定代表人', 50),
  contactName: text('请输入联系人名称', 50),
  contactPhone: phone(null, '请输入有效的联系人电话'),
  fax: phone(null, '请输入有效的传真号码'),
  email,
  postalCode,
  bankAccount,
  bankName: optionalText(100),
  website,
  registrationAuthority: optionalText(100),
  registrationDate: optionalDate,
  registeredCapital: capital,
  institutionType: z.union([institutionType, z.literal('')]).optional().default(''),
  certificateIssuer: optionalText(100),
  parentApprovalDate: optionalDate,
  parentApprovalNumber: optionalText(60),
  parentHead: optionalText(50),
  /** The business licence file (a current document of the unit's licence slot), if any. */
  licenseDocumentId: uuidSchema().nullable().optional(),
});
export type UnitProfileInput = z.input<typeof unitProfileSchema>;

/** A criterion of the evaluation (site setting `review.evaluationCriteria`). */
export const criterionSchema = z.object({
  key: z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '编码须以字母开头，仅含字母、数字和下划线'),
  label: text('请输入评价项名称', 30),
});
export type Criterion = z.output<typeof criterionSchema>;

/** Module E settings: the project number prefix and the evaluation criteria. */
export const reviewSettingsSchema = z
  .object({
    prefix: z
      .string({ error: '请输入项目编号前缀' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,12}$/, '项目编号前缀为1–12位字母或数字'),
    criteria: z.array(criterionSchema).min(1, '至少保留一项评价项').max(10, '评价项不能超过10项'),
  })
  .superRefine((d, ctx) => {
    const keys = d.criteria.map((c) => c.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', message: '评价项编码不能重复', path: ['criteria', i, 'key'] });
    });
  });
export type ReviewSettingsInput = z.input<typeof reviewSettingsSchema>;
