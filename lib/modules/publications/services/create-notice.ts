import { notices } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { noticeFieldsSchema, type NoticeFields } from '../schemas';
import { assertMayPublishIn, PUBLISH_ACCESS, requireStaff } from './access';
import { auditNotice } from './audit-publication';
import { publicChange } from './public-change';

/**
 * A new notice. Without a publish date it is a draft; with one it appears on
 * the public site when that time comes (the public queries compare with now()).
 * Attachments are added to the saved notice.
 */
export async function createNotice(db: Db, actor: Actor, input: NoticeFields, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireStaff(actor);
  assertMayPublishIn(actor, input.module);
  return publicChange(db.transaction(async (tx) => {
    const [n] = await tx
      .insert(notices)
      .values({ title: input.title, module: input.module, category: input.category, body: input.body, publishedAt: input.publishAt, createdBy: staff.id })
      .returning();
    if (n.publishedAt) await auditNotice(tx, 'notice.published', n, { actorId: staff.id, ip: meta.ip }, { publishedAt: n.publishedAt.toISOString(), via: 'create' });
    return { id: n.id };
  }));
}

export const createNoticeDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: noticeFieldsSchema,
  handler: ({ db, actor, input, ip }) => createNotice(db, actor, input, { ip }),
});
