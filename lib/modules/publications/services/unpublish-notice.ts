import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { notices } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { noticeIdSchema } from '../schemas';
import { loadEditable, PUBLISH_ACCESS, requireStaff } from './access';
import { auditNotice } from './audit-publication';
import { toEditorData, type NoticeEditorData } from './list-notices';
import { publicChange } from './public-change';

/** 撤回发布: a published or scheduled notice goes back to draft and leaves the public site (and its files with it). */
export async function unpublishNotice(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<NoticeEditorData> {
  const staff = requireStaff(actor);
  return publicChange(db.transaction(async (tx) => {
    const cur = await loadEditable(tx, actor, input.id, { lock: true });
    const [n] = await tx
      .update(notices)
      .set({ publishedAt: null, updatedAt: sql`now()` })
      .where(and(eq(notices.id, cur.id), isNotNull(notices.publishedAt)))
      .returning();
    if (!n) throw new AppError('INVALID_STATE', { messageKey: 'publications.errors.alreadyDraft' });
    await auditNotice(tx, 'notice.unpublished', n, { actorId: staff.id, ip: meta.ip }, { was: cur.publishedAt!.toISOString(), via: 'unpublish' });
    return toEditorData(n);
  }));
}

export const unpublishNoticeDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: noticeIdSchema,
  handler: ({ db, actor, input, ip }) => unpublishNotice(db, actor, input, { ip }),
});
