import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { isValidEducationLevel } from '@/lib/reference/education';
import { checkIdNumber, ID_TYPE_CODES, normalizeIdNumber, type IdTypeCode } from '@/lib/reference/id-types';
import { isValidBirthDate } from '@/lib/reference/validators';
import { STAFF_GRADES, type StaffGrade } from '../staff-grades';
import { COURSE_CAPACITY_MAX, COURSE_CODE_MAX, derivesFromId, ENROLLMENT_FILE_MAX_BYTES, identityFromId, PHOTO_INVALID_MESSAGE, STAFF_CERTIFICATES_MAX, STAFF_NAME_MAX, STAFF_TEXT_MAX, type Gender } from './fields';
import { beijingLocalToDate, isCalendarDate } from './time';

/**
 * Module B 技术培训 (SPEC §3.3, seed 001): the technical staff roster form,
 * the training course form, the 报名须知 and the batch-enrollment upload.
 * Shared by the browser forms and the server; nothing here imports server code.
 */

export * from './fields';

const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过${max}个字`).default('');

const certificateSchema = z.object({
  name: z.string({ error: '请输入证书名称' }).trim().min(1, '请输入证书名称').max(100, '证书名称不能超过100个字'),
  number: z.string({ error: '请输入证书编号' }).trim().min(1, '请输入证书编号').max(50, '证书编号不能超过50个字'),
  validUntil: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || isCalendarDate(v), '请输入有效的有效期日期'),
});
export type StaffCertificate = { name: string; number: string; validUntil: string | null };

const personFields = {
  name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(STAFF_NAME_MAX, `姓名不能超过${STAFF_NAME_MAX}个字`),
  idType: z.enum(ID_TYPE_CODES, { error: '请选择证件类型' }),
  idNumber: z.string({ error: '请输入证件号码' }).transform(normalizeIdNumber),
  gender: z.enum(['', 'male', 'female'], { error: '请选择性别' }).default(''),
  birthDate: z.string().trim().default(''),
  education: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || isValidEducationLevel(v), '请选择学历'),
  title: optionalText('职称', STAFF_TEXT_MAX),
  position: optionalText('岗位', STAFF_TEXT_MAX),
  grade: z.enum(STAFF_GRADES, { error: '请选择技术等级' }),
  certificates: z.array(certificateSchema).max(STAFF_CERTIFICATES_MAX, `持有证书最多填写${STAFF_CERTIFICATES_MAX}项`).default([]),
  photoDocumentId: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || uuidSchema().safeParse(v).success, PHOTO_INVALID_MESSAGE),
};

type PersonRaw = {
  name: string;
  idType: IdTypeCode;
  idNumber: string;
  gender: '' | Gender;
  birthDate: string;
  education: string;
  title: string;
  position: string;
  grade: StaffGrade;
  certificates: Array<{ name: string; number: string; validUntil: string }>;
  photoDocumentId: string;
};

/** The ID number against its type (check digit …); gender and birth date required unless the number carries them. */
function personRules(v: PersonRaw, ctx: z.RefinementCtx) {
  const reason = checkIdNumber(v.idType, v.idNumber);
  if (reason) ctx.addIssue({ code: 'custom', message: reason, path: ['idNumber'] });
  if (derivesFromId(v.idType)) return;
  if (!v.gender) ctx.addIssue({ code: 'custom', message: '请选择性别', path: ['gender'] });
  if (!v.birthDate) ctx.addIssue({ code: 'custom', message: '请输入出生日期', path: ['birthDate'] });
  else if (!isCalendarDate(v.birthDate) || !isValidBirthDate(v.birthDate.replace(/-/g, ''))) ctx.addIssue({ code: 'custom', message: '请输入有效的出生日期', path: ['birthDate'] });
}

/** What the roster stores: gender and birth date from the ID number when it carries them, empty texts as null. */
function toPerson(v: PersonRaw) {
  const derived = identityFromId(v.idType, v.idNumber);
  return {
    name: v.name.replace(/\s+/g, ' '),
    idType: v.idType,
    idNumber: v.idNumber,
    gender: (derived?.gender ?? v.gender) as Gender,
    birthDate: derived?.birthDate ?? v.birthDate,
    education: v.education || null,
    title: v.title || null,
    position: v.position || null,
    grade: v.grade,
    certificates: v.certificates.map((c): StaffCertificate => ({ name: c.name, number: c.number, validUntil: c.validUntil || null })),
    photoDocumentId: v.photoDocumentId || null,
  };
}

export const staffPersonSchema = z.object(personFields).superRefine(personRules).transform(toPerson);
export type StaffPersonInput = z.input<typeof staffPersonSchema>;
export type StaffPerson = z.output<typeof staffPersonSchema>;

export const updateStaffPersonSchema = z
  .object({ id: uuidSchema('人员编号不正确'), ...personFields })
  .superRefine(personRules)
  .transform((v) => ({ id: v.id, ...toPerson(v) }));
export type UpdateStaffPersonInput = z.input<typeof updateStaffPersonSchema>;

export const removeStaffPersonSchema = z.object({ id: uuidSchema('人员编号不正确') });

// ---------------------------------------------------------------------------
// Training courses (staff)
// ---------------------------------------------------------------------------


const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请输入${label}` })
    .trim()
    .min(1, `请输入${label}`)
    .max(max, `${label}不能超过${max}个字`);

const courseDate = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .trim()
    .superRefine((v, ctx) => {
      if (v === '') ctx.addIssue({ code: 'custom', message: `请选择${label}` });
      else if (!isCalendarDate(v)) ctx.addIssue({ code: 'custom', message: `请输入有效的${label}` });
    });

const courseInstant = (label: string) =>
  z.string({ error: `请选择${label}` }).transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: `请选择${label}` });
      return z.NEVER;
    }
    const d = beijingLocalToDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `请输入有效的${label}` });
      return z.NEVER;
    }
    return d;
  });

/** The last instant of a course's final day, Beijing time (00:00 of the next day). */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);

const courseFields = {
  code: z
    .string({ error: '请输入课程编号' })
    .trim()
    .toUpperCase()
    .min(1, '请输入课程编号')
    .max(COURSE_CODE_MAX, `课程编号不能超过${COURSE_CODE_MAX}个字符`)
    .regex(/^[A-Z0-9][A-Z0-9-]*$/, '课程编号只能包含字母、数字和“-”'),
  name: requiredText('课程名称', 100),
  description: optionalText('课程简介', 2000),
  location: optionalText('培训地点', 200),
  startsOn: courseDate('培训开始日期'),
  endsOn: courseDate('培训结束日期'),
  enrollOpensAt: courseInstant('报名开始时间'),
  enrollClosesAt: courseInstant('报名截止时间'),
  // Empty: no limit.
  capacity: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v.trim())) : (v ?? null)),
    z.number({ error: '名额须为正整数' }).int('名额须为正整数').min(1, '名额须为正整数').max(COURSE_CAPACITY_MAX, `名额不能超过${COURSE_CAPACITY_MAX}`).nullable(),
  ),
};

type CourseRaw = { startsOn: string; endsOn: string; enrollOpensAt: Date; enrollClosesAt: Date };

function courseRules(v: CourseRaw, ctx: z.RefinementCtx) {
  if (isCalendarDate(v.startsOn) && isCalendarDate(v.endsOn) && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', message: '培训结束日期不能早于开始日期', path: ['endsOn'] });
  if (v.enrollClosesAt <= v.enrollOpensAt) ctx.addIssue({ code: 'custom', message: '报名截止时间必须晚于报名开始时间', path: ['enrollClosesAt'] });
  else if (isCalendarDate(v.endsOn) && v.enrollClosesAt > dayAfter(v.endsOn)) ctx.addIssue({ code: 'custom', message: '报名截止时间不能晚于培训结束日期', path: ['enrollClosesAt'] });
}

export const courseFieldsSchema = z.object(courseFields).superRefine(courseRules);
export type CourseFieldsInput = z.input<typeof courseFieldsSchema>;
export type CourseFields = z.output<typeof courseFieldsSchema>;

export const updateCourseSchema = z.object({ id: uuidSchema('课程编号不正确'), ...courseFields }).superRefine(courseRules);
export type UpdateCourseInput = z.input<typeof updateCourseSchema>;

/** 开放报名 / 关闭报名. */
export const setCourseStatusSchema = z.object({ id: uuidSchema('课程编号不正确'), status: z.enum(['open', 'closed'], { error: '状态不正确' }) });
export type SetCourseStatusInput = z.input<typeof setCourseStatusSchema>;

/** The 报名须知 shown before a batch enrollment (a site setting staff edit). */
export const enrollmentNoticeSchema = z.object({
  title: requiredText('须知标题', 50),
  body: requiredText('须知内容', 10_000),
});
export type EnrollmentNoticeInput = z.input<typeof enrollmentNoticeSchema>;
export type EnrollmentNotice = z.output<typeof enrollmentNoticeSchema>;

// ---------------------------------------------------------------------------
// Batch enrollment upload (批量报名)
// ---------------------------------------------------------------------------

/** Rows of one file (the template has room for 1,000; a little more is accepted). */
export const ENROLLMENT_MAX_ROWS = 2000;

export const enrollmentFileSchema = z.object({
  fileName: z
    .string({ error: '请选择文件' })
    .trim()
    .min(1, '请选择文件')
    .max(200, '文件名过长')
    .refine((n) => /\.(xlsx|csv)$/i.test(n), '仅支持 .xlsx 或 .csv 文件'),
  contentBase64: z
    .string()
    .min(1, '文件为空')
    .max(Math.ceil(ENROLLMENT_FILE_MAX_BYTES / 3) * 4 + 4, '文件不能超过 5 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容无效'),
});
export type EnrollmentFileInput = z.input<typeof enrollmentFileSchema>;

/** Importing: the whole file (refused while any row is wrong), or — chosen and confirmed by the user — only its correct rows. */
export const importEnrollmentSchema = enrollmentFileSchema.extend({ validOnly: z.boolean().default(false) });
export type ImportEnrollmentInput = z.input<typeof importEnrollmentSchema>;
