import { defineSlots, MB, type SlotSpec } from '@/lib/platform/documents/slots';

/**
 * A notice's categories, statuses, attachment slot and limits. Without zod:
 * the staff form and the attachment list use them at render time and load
 * the schemas (./schemas.ts, which re-exports this) only to validate.
 */
export const NOTICE_CATEGORIES = ['news', 'document'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];
export const isNoticeCategory = (v: string): v is NoticeCategory => (NOTICE_CATEGORIES as readonly string[]).includes(v);

/** draft: no publish date; scheduled: a date still to come; published: a date that has passed. */
export const NOTICE_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export function noticeStatus(publishedAt: Date | null, now: Date = new Date()): NoticeStatus {
  if (!publishedAt) return 'draft';
  return publishedAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

export const MAX_ATTACHMENTS = 10;

/**
 * What a notice may carry: the real types the documents platform can check
 * (PDF, XLSX, JPG, PNG), up to 20 MB each. A slot so that the documents
 * content checks apply unchanged.
 */
export const NOTICE_ATTACHMENT_SLOT: SlotSpec = defineSlots([
  { key: 'notice_attachment', label: 'publications.attachments.label', types: ['pdf', 'xlsx', 'jpg', 'png'], maxBytes: 20 * MB, required: false, multiple: true },
])[0];
export const TITLE_MAX = 200;
export const BODY_MAX = 50_000;
