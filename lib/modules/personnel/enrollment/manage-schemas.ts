import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { isValidEducationLevel } from '@/lib/reference/education';
import { heldItemSchema } from './schemas';

/** 状态查看 › 删除: one or many of the person's enrollments. */
export const deleteEnrollmentsSchema = z.object({
  ids: z.array(uuidSchema(), { error: '请先选择要删除的报名' }).min(1, '请先选择要删除的报名').max(50, '一次最多删除50条报名'),
});
export type DeleteEnrollmentsInput = z.input<typeof deleteEnrollmentsSchema>;

/** 状态查看 › 修改: the basic (work) and held-certificate info of a submitted enrollment. */
export const enrollmentInfoSchema = z.object({
  education: z.string({ error: '请选择学历' }).refine(isValidEducationLevel, '请选择学历'),
  employer: z.string({ error: '请输入工作单位' }).trim().min(1, '请输入工作单位').max(100, '工作单位不能超过100个字'),
  title: z.string().trim().max(30, '职称不能超过30个字').default(''),
  yearsOfWork: z.coerce.number({ error: '请输入工作年限（0–60 的整数）' }).int('请输入工作年限（0–60 的整数）').min(0, '请输入工作年限（0–60 的整数）').max(60, '请输入工作年限（0–60 的整数）'),
  heldItems: z.array(heldItemSchema).max(10, '持证项目最多填写10项').default([]),
});
export type EnrollmentInfoInput = z.input<typeof enrollmentInfoSchema>;

export const updateEnrollmentInfoSchema = z.object({ applicationId: uuidSchema(), version: z.number().int().optional(), info: enrollmentInfoSchema });
export type UpdateEnrollmentInfoInput = z.input<typeof updateEnrollmentInfoSchema>;
