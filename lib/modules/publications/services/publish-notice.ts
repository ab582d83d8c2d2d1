import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
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

/** 立即发布: a draft or a scheduled notice appears on the public site now. */
export async function publishNotice(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<NoticeEditorData> {
  const staff = requireStaff(actor);
  return publicChange(db.transaction(async (tx) => {
    const cur = await loadEditable(tx, actor, input.id, { lock: true });
    const [n] = await tx
      .update(notices)
      .set({ publishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(notices.id, cur.id), or(isNull(notices.publishedAt), gt(notices.publishedAt, sql`now()`))))
      .returning();
    if (!n) throw new AppError('INVALID_STATE', { messageKey: 'publications.errors.alreadyPublished' });
    await auditNotice(tx, 'notice.published', n, { actorId: staff.id, ip: meta.ip }, {
      publishedAt: n.publishedAt!.toISOString(),
      ...(cur.publishedAt ? { wasScheduledFor: cur.publishedAt.toISOString() } : {}),
      via: 'publishNow',
    });
    return toEditorData(n);
  }));
}

export const publishNoticeDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: noticeIdSchema,
  handler: ({ db, actor, input, ip }) => publishNotice(db, actor, input, { ip }),
});
