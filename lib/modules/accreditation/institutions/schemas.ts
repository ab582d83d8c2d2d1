import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { resetByLinkSchema } from '@/lib/modules/account/recover-schemas';

/**
 * The registry of accredited institutions (module A, SPEC §2 item 6): schemas
 * shared by the staff pages, the public retrieval pages and the server.
 * Nothing here imports server code, so client components may use it.
 */
export const INSTITUTION_COLUMNS = ['证书编号', '机构名称', '联系邮箱'] as const;
export type InstitutionColumn = (typeof INSTITUTION_COLUMNS)[number];
export const INSTITUTION_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const INSTITUTION_IMPORT_MAX_ROWS = 5000;
/** How long the emailed "set your password" link stays valid. */
export const INSTITUTION_RESET_TTL_HOURS = 24;
export const INSTITUTIONS_PAGE_SIZE = 50;

/**
 * The stored form of a certificate number: NFKC (full-width letters and digits
 * become ASCII), upper case, single spaces, and "CNAS" followed by one space,
 * so "cnasl0001", "ＣＮＡＳ　Ｌ0001" and "CNAS  L0001" are the same certificate.
 */
export function normalizeCertificateNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^CNAS ?(?=[A-Z0-9])/, 'CNAS ');
}

const CERTIFICATE_RE = /^[A-Z0-9][A-Z0-9 /-]{2,39}$/;
export const CERTIFICATE_FORMAT_MESSAGE = '证书编号格式不正确，应为3–40位字母、数字、空格、“-”或“/”（如 CNAS L0001）';

/** Why a (normalized) certificate number is not acceptable, or null. */
export function certificateNumberProblem(normalized: string): string | null {
  if (!normalized) return '证书编号不能为空';
  if (!CERTIFICATE_RE.test(normalized)) return CERTIFICATE_FORMAT_MESSAGE;
  return null;
}

export const contactEmailSchema = z.string({ error: '请输入联系邮箱' }).trim().min(1, '请输入联系邮箱').max(100, '联系邮箱不能超过100个字符').email('联系邮箱格式不正确');

export const certificateNumberSchema = z
  .string({ error: '请输入证书编号' })
  .max(80, CERTIFICATE_FORMAT_MESSAGE)
  .transform(normalizeCertificateNumber)
  .superRefine((v, ctx) => {
    const problem = certificateNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: v ? problem : '请输入证书编号' });
  });

// ---------------------------------------------------------------------------
// Staff
// ---------------------------------------------------------------------------

export const importInstitutionsSchema = z.object({
  fileName: z
    .string({ error: '请选择文件' })
    .trim()
    .min(1, '请选择文件')
    .max(200, '文件名过长')
    .refine((n) => /\.(xlsx|csv)$/i.test(n), '仅支持 .xlsx 或 .csv 文件'),
  contentBase64: z
    .string()
    .min(1, '文件为空')
    .max(Math.ceil(INSTITUTION_IMPORT_MAX_BYTES / 3) * 4 + 4, '文件不能超过 2 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容无效'),
});
export type ImportInstitutionsInput = z.input<typeof importInstitutionsSchema>;

export const changeInstitutionEmailSchema = z.object({
  id: uuidSchema('记录编号不正确'),
  email: contactEmailSchema,
});
export type ChangeInstitutionEmailInput = z.input<typeof changeInstitutionEmailSchema>;

// ---------------------------------------------------------------------------
// Public retrieval (已获认可机构获取密码)
// ---------------------------------------------------------------------------

export const lookupInstitutionSchema = z.object({
  certificateNumber: certificateNumberSchema,
  captcha: z.string({ error: '请先完成人机验证' }).min(1, '请先完成人机验证'),
});
export type LookupInstitutionInput = z.input<typeof lookupInstitutionSchema>;

export const requestInstitutionResetSchema = z.object({ ticket: z.string().min(10, '请重新输入证书编号').max(500, '请重新输入证书编号') });
export type RequestInstitutionResetInput = z.input<typeof requestInstitutionResetSchema>;

/** The same rules as any reset by link: the token, the new password (SPEC §1.1 rules) twice. */
export const resetInstitutionPasswordSchema = resetByLinkSchema;
export type ResetInstitutionPasswordInput = z.input<typeof resetInstitutionPasswordSchema>;
