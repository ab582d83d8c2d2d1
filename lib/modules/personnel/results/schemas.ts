import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';

/** 成绩导入 (Excel / CSV): the columns, limits and the action's input. Shared by the staff page and the server. */
export const RESULT_COLUMNS = ['报名编号', '姓名', '考试结果', '理论成绩', '实操成绩', '备注'] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];
export const RESULT_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const RESULT_IMPORT_MAX_ROWS = 2000;
/** How the result is written in the file. */
export const OUTCOME_WORDS = { 合格: 'pass', 不合格: 'fail', 缺考: 'absent' } as const;

export const importResultsSchema = z.object({
  planId: uuidSchema(),
  fileName: z
    .string({ error: '请选择文件' })
    .trim()
    .min(1, '请选择文件')
    .max(200, '文件名过长')
    .refine((n) => /\.(xlsx|csv)$/i.test(n), '仅支持 .xlsx 或 .csv 文件'),
  contentBase64: z
    .string()
    .min(1, '文件为空')
    .max(Math.ceil(RESULT_IMPORT_MAX_BYTES / 3) * 4 + 4, '文件不能超过 2 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容无效'),
});
export type ImportResultsInput = z.input<typeof importResultsSchema>;

/** 为合格人员发证: every passed enrollment of the plan gets its certificate. */
export const certifyPassedSchema = z.object({ planId: uuidSchema() });
export type CertifyPassedInput = z.input<typeof certifyPassedSchema>;
