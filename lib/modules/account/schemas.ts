import { z } from 'zod';
import { checkIdNumber, ID_TYPE_CODES, normalizeIdNumber } from '@/lib/reference/id-types';
import { isValidBirthDate } from '@/lib/reference/validators';
import { mobileSchema, passwordSchema } from '@/lib/reference/validators';

/** Schemas shared by the account forms (browser) and the server actions. */
export const smsCodeSchema = z.string().trim().regex(/^\d{6}$/, '请输入6位短信验证码');
export const captchaSchema = z.string({ error: '请先完成人机验证' }).min(1, '请先完成人机验证');

export const requestSmsCodeSchema = z.object({
  mobile: mobileSchema,
  // 'activate': an old-system user binding a new mobile (must not be registered yet, like 'register').
  purpose: z.enum(['register', 'login', 'activate']),
  captcha: captchaSchema,
  identifier: z.string().trim().max(64).optional(),
  audience: z.enum(['applicant', 'staff']).optional(),
});
export type RequestSmsCodeInput = z.input<typeof requestSmsCodeSchema>;

export const individualRegistrationSchema = z
  .object({
    idType: z.enum(ID_TYPE_CODES, { error: '请选择证件类型' }),
    idNumber: z.string({ error: '请输入证件号码' }).transform(normalizeIdNumber),
    name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(50, '姓名不能超过50个字'),
    // Derived from a resident ID; entered for other ID types.
    gender: z.enum(['male', 'female']).optional(),
    birthDate: z.string().optional(),
    mobile: mobileSchema,
    smsCode: smsCodeSchema,
    email: z.string().trim().email('请输入有效的电子邮箱').max(100),
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .superRefine((v, ctx) => {
    const reason = checkIdNumber(v.idType, v.idNumber);
    if (reason) ctx.addIssue({ code: 'custom', message: reason, path: ['idNumber'] });
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: 'custom', message: '两次输入的密码不一致', path: ['confirmPassword'] });
    if (v.idType !== 'resident_id') {
      if (!v.gender) ctx.addIssue({ code: 'custom', message: '请选择性别', path: ['gender'] });
      if (!v.birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate) || !isValidBirthDate(v.birthDate.replaceAll('-', ''))) {
        ctx.addIssue({ code: 'custom', message: '请输入有效的出生日期', path: ['birthDate'] });
      }
    }
  });
export type IndividualRegistrationInput = z.input<typeof individualRegistrationSchema>;
export type IndividualRegistration = z.output<typeof individualRegistrationSchema>;

