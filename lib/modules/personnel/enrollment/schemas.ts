import { z } from 'zod';
import { isValidEducationLevel } from '@/lib/reference/education';
import { isDateString } from '@/lib/modules/exam/time';
import {
  AUDIT_RENEWAL,
  findItem,
  INSPECTION_CATEGORIES,
  INSPECTION_ITEMS,
  INSPECTION_NATURES,
  RENEWAL_TYPES,
  RETAKE_SUBJECTS,
  RETAKE_TYPES,
  TESTING_ENROLL_TYPES,
  TESTING_NATURES,
  type PlanKind,
} from '../catalog';

/**
 * The three enrollment forms of module C (seed 002 §5–§7), shared by the
 * browser and the engine (which validates every submit with the kind's
 * schema). Each: the item, the kind's own fields, the person's work data
 * (prefilled from the profile, editable per enrollment), the held
 * certificate items, and the chosen exam plan. Pure.
 */
export const INSPECTION_ENROLLMENT = 'personnelInspectionRenewal';
export const TESTING_ENROLLMENT = 'personnelTestingExam';
export const TYPE_TEST_ENROLLMENT = 'personnelTypeTestRenewal';

/** Engine kind of each plan kind, and back. */
export const ENROLLMENT_KIND: Record<PlanKind, string> = { inspection: INSPECTION_ENROLLMENT, testing: TESTING_ENROLLMENT, typeTest: TYPE_TEST_ENROLLMENT };
export const ENROLLMENT_KINDS = Object.values(ENROLLMENT_KIND);
export const planKindOf = (kind: string): PlanKind | undefined => (Object.keys(ENROLLMENT_KIND) as PlanKind[]).find((k) => ENROLLMENT_KIND[k] === kind);

const dateField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .refine((v) => v !== '', missing)
    .refine((v) => v === '' || isDateString(v), '请输入有效的日期（年-月-日）');

/** Today in China (YYYY-MM-DD), for "in the past" rules (the browser's clock there, the server's here). */
export const chinaToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** One held certificate item (持证项目): what, its certificate number, valid until. */
export const heldItemSchema = z.object({
  item: z.string({ error: '请填写持证项目' }).trim().min(1, '请填写持证项目').max(50, '持证项目不能超过50个字'),
  certificateNumber: z.string({ error: '请填写证书编号' }).trim().min(1, '请填写证书编号').max(40, '证书编号不能超过40个字符'),
  validUntil: dateField('请填写证书有效期'),
});
export type HeldItem = z.output<typeof heldItemSchema>;

const heldItems = z.array(heldItemSchema).max(10, '持证项目最多填写10项').default([]);

/** The person's work data as this enrollment states it (prefilled from the profile; 修改 may correct it). */
const workFields = {
  education: z.string({ error: '请选择学历' }).refine(isValidEducationLevel, '请选择学历'),
  employer: z.string({ error: '请输入工作单位' }).trim().min(1, '请输入工作单位').max(100, '工作单位不能超过100个字'),
  title: z.string().trim().max(30, '职称不能超过30个字').default(''),
  yearsOfWork: z.coerce.number({ error: '请输入工作年限（0–60 的整数）' }).int('请输入工作年限（0–60 的整数）').min(0, '请输入工作年限（0–60 的整数）').max(60, '请输入工作年限（0–60 的整数）'),
};

const planId = z.string({ error: '请选择考试计划' }).regex(/^[0-9a-f-]{36}$/i, '请选择考试计划');

// ---- 检验人员换证报名 -----------------------------------------------------------

const inspectionFields = z.object({
  category: z.enum(INSPECTION_CATEGORIES, { error: '请选择报名类别（检验员/检验师）' }),
  item: z.string({ error: '请选择报名项目' }).trim().min(1, '请选择报名项目'),
  nature: z.enum(INSPECTION_NATURES, { error: '请选择检验性质' }),
  enrollType: z.literal(AUDIT_RENEWAL, { error: '请选择报名类别' }),
  heldItems,
  planId,
  ...workFields,
});

export const inspectionEnrollmentSchema = inspectionFields.superRefine((v, ctx) => {
  if (!INSPECTION_ITEMS[v.category]?.some((i) => i.code === v.item)) ctx.addIssue({ code: 'custom', message: '请选择该类别下的报名项目', path: ['item'] });
  if (v.heldItems.length === 0) ctx.addIssue({ code: 'custom', message: '换证须填写至少一项持证项目', path: ['heldItems'] });
});

// ---- 检测人员考试报名 -----------------------------------------------------------

const testingFields = z.object({
  item: z.string({ error: '请选择报名项目' }).trim().min(1, '请选择报名项目'),
  nature: z.enum(TESTING_NATURES, { error: '请选择检测性质' }),
  enrollType: z.enum(TESTING_ENROLL_TYPES, { error: '请选择报名类别' }),
  heldItems,
  retakeSubjects: z.array(z.enum(RETAKE_SUBJECTS, { error: '请选择补考科目' })).max(2).default([]),
  previousExamDate: z.string().trim().default(''),
  planId,
  ...workFields,
});

export const testingEnrollmentSchema = testingFields
  .superRefine((v, ctx) => {
    if (!findItem('testing', v.item)) ctx.addIssue({ code: 'custom', message: '请选择报名项目', path: ['item'] });
    if (RENEWAL_TYPES.includes(v.enrollType) && v.heldItems.length === 0) ctx.addIssue({ code: 'custom', message: '换证须填写至少一项持证项目', path: ['heldItems'] });
    if (RETAKE_TYPES.includes(v.enrollType)) {
      if (v.retakeSubjects.length === 0) ctx.addIssue({ code: 'custom', message: '补考须选择补考科目', path: ['retakeSubjects'] });
      if (!v.previousExamDate) ctx.addIssue({ code: 'custom', message: '补考须填写上次考试时间', path: ['previousExamDate'] });
      else if (!isDateString(v.previousExamDate)) ctx.addIssue({ code: 'custom', message: '请输入有效的日期（年-月-日）', path: ['previousExamDate'] });
      else if (v.previousExamDate >= chinaToday()) ctx.addIssue({ code: 'custom', message: '上次考试时间须早于今天', path: ['previousExamDate'] });
    }
  })
  // Outside a retake the retake fields mean nothing: they are not stored.
  .transform((v) => (RETAKE_TYPES.includes(v.enrollType) ? v : { ...v, retakeSubjects: [], previousExamDate: '' }));

// ---- 型式试验人员换证报名 --------------------------------------------------------

const typeTestFields = z.object({
  item: z.string({ error: '请选择报名项目' }).trim().min(1, '请选择报名项目'),
  firstCertDate: dateField('请填写初次取证日期'),
  certValidUntil: dateField('请填写证书有效期'),
  enrollType: z.literal(AUDIT_RENEWAL, { error: '请选择报名类别' }),
  heldItems,
  planId,
  ...workFields,
});

export const typeTestEnrollmentSchema = typeTestFields.superRefine((v, ctx) => {
  if (!findItem('typeTest', v.item)) ctx.addIssue({ code: 'custom', message: '请选择报名项目', path: ['item'] });
  if (isDateString(v.firstCertDate) && v.firstCertDate >= chinaToday()) ctx.addIssue({ code: 'custom', message: '初次取证日期须早于今天', path: ['firstCertDate'] });
  if (isDateString(v.firstCertDate) && isDateString(v.certValidUntil) && v.certValidUntil <= v.firstCertDate) ctx.addIssue({ code: 'custom', message: '证书有效期须晚于初次取证日期', path: ['certValidUntil'] });
});

export const ENROLLMENT_SCHEMA = { inspection: inspectionEnrollmentSchema, testing: testingEnrollmentSchema, typeTest: typeTestEnrollmentSchema } as const;

export type InspectionEnrollment = z.output<typeof inspectionEnrollmentSchema>;
export type TestingEnrollment = z.output<typeof testingEnrollmentSchema>;
export type TypeTestEnrollment = z.output<typeof typeTestEnrollmentSchema>;
export type EnrollmentForm = InspectionEnrollment | TestingEnrollment | TypeTestEnrollment;

/** The person as the enrollment was submitted (from the account and the profile; the form states the work data). */
export type PersonSnapshot = {
  name: string;
  gender: string | null;
  idType: string | null;
  idNumber: string | null;
  birthDate: string | null;
  mobile: string | null;
  email: string | null;
  majorType: string;
  majorCode: string | null;
  majorName: string;
  photoDocumentId: string;
};

export type PlanSnapshot = { id: string; name: string; examStartsOn: string; examEndsOn: string; site: string; feeFen: number | null };

/** 考试结果 as staff record it (per person or from the Excel import). */
export const RESULT_OUTCOMES = ['pass', 'fail', 'absent'] as const;
export type ResultOutcome = (typeof RESULT_OUTCOMES)[number];
const score = z.preprocess(
  (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
  z.number({ error: '成绩须为0–100之间的数' }).min(0, '成绩须为0–100之间的数').max(100, '成绩须为0–100之间的数').optional(),
);
const resultFields = {
  theoryScore: score,
  practicalScore: score,
  note: z.string().trim().max(200, '备注不能超过200个字').default(''),
};
export const passResultSchema = z.object({ outcome: z.literal('pass').default('pass'), ...resultFields }).transform((v) => ({ ...v, recordedAt: new Date().toISOString() }));
export const failResultSchema = z.object({ outcome: z.enum(['fail', 'absent']).default('fail'), ...resultFields }).transform((v) => ({ ...v, recordedAt: new Date().toISOString() }));
export type ResultData = { outcome: ResultOutcome; theoryScore?: number; practicalScore?: number; note: string; recordedAt: string };

/** What an enrollment stores: the form, the snapshots taken on submitting, and later the result and the certificate. */
export type EnrollmentData = EnrollmentForm & {
  category?: string;
  person?: PersonSnapshot;
  plan?: PlanSnapshot;
  result?: ResultData;
  certificate?: { id: string; number: string; validUntil: string | null };
};

/** The fields 修改 may change after submitting (basic and held-certificate info), per kind's form. */
export const INFO_FIELDS = ['education', 'employer', 'title', 'yearsOfWork', 'heldItems'] as const;
