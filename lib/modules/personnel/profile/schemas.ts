import { z } from 'zod';
import { isValidEducationLevel } from '@/lib/reference/education';
import { findMajor } from '@/lib/reference/majors';
import { UUID_PATTERN } from '@/lib/platform/schemas';

/**
 * 人员注册信息 / 基本信息修改 (seed 002 §1, §4): what module C adds to the
 * individual account. Shared by the browser form and the server action.
 * ID type, number and birth date are not fields here: sending them is
 * refused, so they cannot be changed through this form.
 */
const FIXED = '证件类型、证件号码和出生日期不能修改';
const fixed = z.undefined({ error: FIXED }).optional();

export const MAJOR_TYPES = ['science', 'other'] as const;

export const personnelProfileSchema = z
  .object({
    name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(50, '姓名不能超过50个字'),
    // Only for ID types other than the resident ID (where it is derived from the number).
    gender: z.enum(['male', 'female'], { error: '请选择性别' }).optional(),
    photoDocumentId: z.string({ error: '请上传照片' }).regex(UUID_PATTERN, '请上传照片'),
    education: z.string({ error: '请选择学历' }).refine(isValidEducationLevel, '请选择学历'),
    majorType: z.enum(MAJOR_TYPES, { error: '请选择专业类型' }),
    // 理工科: the 2012 catalog code (picked by its new or its old name).
    majorCode: z.string().trim().max(10).optional(),
    // Others: typed. 理工科: filled from the catalog (the server takes the catalog's name).
    majorName: z.string().trim().max(50, '专业名称不能超过50个字').optional(),
    employer: z.string({ error: '请输入工作单位' }).trim().min(1, '请输入工作单位').max(100, '工作单位不能超过100个字'),
    title: z.string().trim().max(30, '职称不能超过30个字').optional(),
    yearsOfWork: z.coerce.number({ error: '请输入工作年限（0–60 的整数）' }).int('请输入工作年限（0–60 的整数）').min(0, '请输入工作年限（0–60 的整数）').max(60, '请输入工作年限（0–60 的整数）'),
    idType: fixed,
    idNumber: fixed,
    birthDate: fixed,
  })
  .superRefine((v, ctx) => {
    if (v.majorType === 'science' && !(v.majorCode && findMajor(v.majorCode))) {
      ctx.addIssue({ code: 'custom', message: '理工科专业请从专业目录中选择（专业名称或原专业名称）', path: ['majorCode'] });
    }
    if (v.majorType === 'other' && !v.majorName) ctx.addIssue({ code: 'custom', message: '请输入所学专业', path: ['majorName'] });
  })
  .transform((all) => {
    const { idType, idNumber, birthDate, ...v } = all;
    void [idType, idNumber, birthDate];
    const major = v.majorType === 'science' ? findMajor(v.majorCode!)! : null;
    return { ...v, majorCode: major?.code ?? null, majorName: major ? major.name : v.majorName!, title: v.title ?? '' };
  });

export type PersonnelProfileInput = z.input<typeof personnelProfileSchema>;
export type PersonnelProfileData = z.output<typeof personnelProfileSchema>;
