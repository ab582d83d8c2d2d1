import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { isModuleKey, type ModuleKey } from '@/lib/platform/modules';
import { BODY_MAX, MAX_ATTACHMENTS, NOTICE_CATEGORIES, TITLE_MAX } from './notice-fields';

/**
 * Inputs of the publishing actions, shared by the staff form (browser) and the
 * server. Pure: imported by client components.
 */
export * from './notice-fields';

/*
 * The form's publish date is a datetime-local value read as Beijing time.
 * China has used UTC+8 without daylight saving since 1991, so a fixed offset
 * is exact and the browser's own time zone does not matter.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** 'YYYY-MM-DDTHH:mm' in Beijing time → the instant; null when it is not a real date and time. */
export function shanghaiLocalToDate(v: string): Date | null {
  const m = LOCAL_RE.exec(v.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  if (y < 2000 || y > 2100) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Rejects 2026-02-30 and 25:00, which Date.UTC would roll over.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

/** The instant as a datetime-local value in Beijing time (minute precision). */
export function dateToShanghaiLocal(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

const moduleField = z
  .string()
  .refine((v) => v === '' || isModuleKey(v), '请选择有效的模块')
  .transform((v) => (v === '' ? null : (v as ModuleKey)));

export const noticeFieldsSchema = z.object({
  title: z.string({ error: '请输入标题' }).trim().min(1, '请输入标题').max(TITLE_MAX, `标题不能超过${TITLE_MAX}个字`),
  // '' = platform-wide (全平台).
  module: moduleField,
  category: z.enum(NOTICE_CATEGORIES, { error: '请选择类别' }),
  body: z
    .string()
    .max(BODY_MAX, `正文不能超过${BODY_MAX}个字`)
    // Plain text: line endings unified, trailing blank space dropped; shown as text, never as HTML.
    .transform((v) => v.replace(/\r\n?/g, '\n').replace(/\s+$/, '')),
  // '' = draft; otherwise when it appears on the public site.
  publishAt: z
    .string()
    .trim()
    .refine((v) => v === '' || shanghaiLocalToDate(v) !== null, '请输入有效的发布时间')
    .transform((v) => (v === '' ? null : shanghaiLocalToDate(v))),
});
export type NoticeFieldsInput = z.input<typeof noticeFieldsSchema>;
export type NoticeFields = z.output<typeof noticeFieldsSchema>;

export const noticeIdSchema = z.object({ id: uuidSchema() });
export const updateNoticeSchema = noticeFieldsSchema.extend({ id: uuidSchema() });
export type UpdateNoticeInput = z.input<typeof updateNoticeSchema>;

export const requestAttachmentUploadSchema = z.object({
  id: uuidSchema(),
  fileName: z.string().trim().min(1).max(255),
  size: z.number().int().min(0),
  contentType: z.string().max(200).default(''),
});
export type RequestAttachmentUploadInput = z.input<typeof requestAttachmentUploadSchema>;

export const completeAttachmentUploadSchema = z.object({ ticket: z.string().min(20).max(4000) });

/** The name guards against removing a different file when the list changed in another tab. */
export const removeAttachmentSchema = z.object({ id: uuidSchema(), index: z.number().int().min(0).max(MAX_ATTACHMENTS - 1), name: z.string().min(1).max(255) });
export type RemoveAttachmentInput = z.input<typeof removeAttachmentSchema>;

/** What the browser sees of an attachment (never its storage key). */
export type AttachmentSummary = { index: number; name: string; size: number; contentType: string; href: string };

export const attachmentHref = (noticeId: string, index: number) => `/api/notices/${noticeId}/attachments/${index}`;
