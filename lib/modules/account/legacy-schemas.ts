import { z } from 'zod';
import { mobileSchema } from '@/lib/reference/validators';
import { smsCodeSchema } from './schemas';

/** Schemas of the old-system account import (staff) and activation (old users). */
export const LEGACY_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const LEGACY_IMPORT_MAX_ROWS = 5000;
/** The header row of an import file, in order. */
export const LEGACY_COLUMNS = ['账号', '密码', '单位名称', '统一社会信用代码', '联系人', '联系电话', '所在地区代码'] as const;

export const importLegacySchema = z.object({
  fileName: z
    .string({ error: '请选择文件' })
    .trim()
    .min(1, '请选择文件')
    .max(200, '文件名过长')
    .refine((n) => /\.(xlsx|csv)$/i.test(n), '仅支持 .xlsx 或 .csv 文件'),
  // Base64 of at most LEGACY_IMPORT_MAX_BYTES bytes.
  contentBase64: z
    .string()
    .min(1, '文件为空')
    .max(Math.ceil(LEGACY_IMPORT_MAX_BYTES / 3) * 4 + 4, '文件不能超过 2 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容无效'),
});
export type ImportLegacyInput = z.input<typeof importLegacySchema>;

export const legacyCredentialsSchema = z.object({
  username: z.string({ error: '请输入老系统账号' }).trim().min(1, '请输入老系统账号').max(64, '账号不能超过64个字符'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码不能超过128个字符'),
});
export type LegacyCredentialsInput = z.input<typeof legacyCredentialsSchema>;

export const activateLegacySchema = z.object({
  ticket: z.string().min(1).max(1000),
  mobile: mobileSchema,
  smsCode: smsCodeSchema,
});
export type ActivateLegacyInput = z.input<typeof activateLegacySchema>;
