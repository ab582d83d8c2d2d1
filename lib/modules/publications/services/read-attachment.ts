import { and, eq, isNotNull, lte, or, sql } from 'drizzle-orm';
import { notices, type NoticeAttachment } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { MAX_ATTACHMENTS } from '../schemas';
import { editableScope } from './access';
import { isUuid } from '@/lib/platform/schemas';

/**
 * The attachment at `index` of notice `id` if `actor` may read it: anyone once
 * the notice is published (publish date reached), and staff who may edit it
 * before that. Decided in the query; everything else is NOT_FOUND, whether
 * the notice is a draft, scheduled, unknown or has no such attachment.
 */
export async function authorizeAttachmentRead(db: DbOrTx, actor: Actor, id: string, index: string): Promise<NoticeAttachment> {
  const i = /^\d{1,2}$/.test(index) ? Number(index) : -1;
  if (!isUuid(id) || i < 0 || i >= MAX_ATTACHMENTS) throw new AppError('NOT_FOUND');
  const published = and(isNotNull(notices.publishedAt), lte(notices.publishedAt, sql`now()`));
  const editable = editableScope(actor);
  const [row] = await db
    .select({ attachments: notices.attachments })
    .from(notices)
    .where(and(eq(notices.id, id), editable ? or(published, editable) : published));
  const a = row?.attachments[i];
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}
