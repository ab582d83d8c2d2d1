import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { isValidEducationLevel } from '@/lib/reference/education';
import { isValidEthnicityCode } from '@/lib/reference/ethnicities';
import { isValidNationalityCode } from '@/lib/reference/nationalities';
import { isSpecificRegionShape } from '@/lib/reference/provinces';
import { CREDIT_CODE_MESSAGES, mobileSchema, validateUnifiedSocialCreditCode } from '@/lib/reference/validators';

/**
 * Exam registration (SPEC §5.5–5.8, seed 003). The identity fields come from
 * the account and are never taken from this form.
 */
const text = (message: string, max: number) => z.string({ error: message }).trim().min(1, message).max(max, `不能超过${max}个字`);

const TAX_CREDIT_CODE_CHARS = '18位纳税人识别号即统一社会信用代码，不能含有字母I、O、S、V、Z，请核对';
const TAX_CREDIT_CODE_CHECK = '18位纳税人识别号即统一社会信用代码，其校验位不正确，请核对';

/** A taxpayer identification number: 15, 18 or 20 characters of digits and capital letters. */
const TAX_NUMBER_RE = /^[0-9A-Z]{15}$|^[0-9A-Z]{18}$|^[0-9A-Z]{20}$/;

export const invoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  // 个人: the title is the candidate's own name, fixed by the server.
  z.object({ type: z.literal('personal') }),
  z.object({
    type: z.literal('enterprise'),
    title: text('请输入发票抬头（单位名称）', 100),
    taxNumber: z
      .string({ error: '请输入纳税人识别号' })
      .trim()
      .toUpperCase()
      .min(1, '请输入纳税人识别号')
      .refine((v) => TAX_NUMBER_RE.test(v), '纳税人识别号为15、18或20位数字或大写字母')
      // 18 characters: the unified social credit code (GB 32100), whose alphabet and check character are known.
      .superRefine((v, ctx) => {
        if (v.length !== 18 || !TAX_NUMBER_RE.test(v)) return;
        const r = validateUnifiedSocialCreditCode(v);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason === CREDIT_CODE_MESSAGES.chars ? TAX_CREDIT_CODE_CHARS : TAX_CREDIT_CODE_CHECK });
      }),
  }),
]);

export const registrationInfoSchema = z.object({
  nationality: z.string({ error: '请选择国籍/地区' }).refine(isValidNationalityCode, '请选择国籍/地区'),
  ethnicity: z.string({ error: '请选择民族' }).refine((v) => isValidEthnicityCode(v), '请选择民族'),
  residenceRegion: z.string({ error: '请选择常住城市' }).refine(isSpecificRegionShape, '请选择到市或区县'),
  education: z.string({ error: '请选择学历' }).refine(isValidEducationLevel, '请选择学历'),
  employer: z.string().trim().max(100, '工作单位不能超过100个字').optional().default(''),
  mobile: mobileSchema,
  address: text('请输入通讯地址', 200),
  email: z.string({ error: '请输入电子邮箱' }).trim().min(1, '请输入电子邮箱').email('请输入有效的电子邮箱').max(100),
  invoice: invoiceSchema,
});
export type RegistrationInfo = z.output<typeof registrationInfoSchema>;
export type RegistrationInfoInput = z.input<typeof registrationInfoSchema>;

export const examIdSchema = z.object({ examId: uuidSchema() });
export const saveInfoSchema = z.object({ registrationId: uuidSchema(), info: registrationInfoSchema });
export const chooseSubjectsSchema = z.object({
  registrationId: uuidSchema(),
  subjectIds: z.array(uuidSchema()).min(1, '请至少选择一个科目').max(20),
});
export const chooseAreaSchema = z.object({ registrationId: uuidSchema(), areaId: uuidSchema('请选择考区') });
export const registrationIdSchema = z.object({ registrationId: uuidSchema() });
