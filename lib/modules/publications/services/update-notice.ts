import { eq, sql } from 'drizzle-orm';
import { notices } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { dateToShanghaiLocal, updateNoticeSchema, type NoticeFields } from '../schemas';
import { assertMayPublishIn, loadEditable, PUBLISH_ACCESS, requireStaff } from './access';
import { auditNotice } from './audit-publication';
import { toEditorData, type NoticeEditorData } from './list-notices';
import { publicChange } from './public-change';

/**
 * Saves the form of an existing notice. The actor must be allowed both for
 * the notice as it is and for the module it is moved to. A publish date
 * entered, changed or cleared here is audited like publish / unpublish; an
 * edit of a published notice's text is audited too.
 */
export async function updateNotice(db: Db, actor: Actor, input: NoticeFields & { id: string }, meta: { ip?: string | null } = {}): Promise<NoticeEditorData> {
  const staff = requireStaff(actor);
  return publicChange(db.transaction(async (tx) => {
    const cur = await loadEditable(tx, actor, input.id, { lock: true });
    assertMayPublishIn(actor, input.module);
    // The form shows minutes: an unchanged minute keeps the stored instant (and is no new publication).
    const publishedAt =
      input.publishAt && cur.publishedAt && dateToShanghaiLocal(input.publishAt) === dateToShanghaiLocal(cur.publishedAt) ? cur.publishedAt : input.publishAt;
    const [n] = await tx
      .update(notices)
      .set({ title: input.title, module: input.module, category: input.category, body: input.body, publishedAt, updatedAt: sql`now()` })
      .where(eq(notices.id, cur.id))
      .returning();
    const who = { actorId: staff.id, ip: meta.ip };
    if (!cur.publishedAt && n.publishedAt) {
      await auditNotice(tx, 'notice.published', n, who, { publishedAt: n.publishedAt.toISOString(), via: 'edit' });
    } else if (cur.publishedAt && !n.publishedAt) {
      await auditNotice(tx, 'notice.unpublished', n, who, { was: cur.publishedAt.toISOString(), via: 'edit' });
    } else if (cur.publishedAt && n.publishedAt && cur.publishedAt.getTime() !== n.publishedAt.getTime()) {
      await auditNotice(tx, 'notice.published', n, who, { from: cur.publishedAt.toISOString(), publishedAt: n.publishedAt.toISOString(), via: 'edit' });
    }
    // What the public can read changed under the same publication: audited with the fields it touched.
    const changed = (['title', 'module', 'category', 'body'] as const).filter((k) => cur[k] !== n[k]);
    if (cur.publishedAt && n.publishedAt && changed.length) {
      await auditNotice(tx, 'notice.edited', n, who, { changed, ...(changed.includes('title') ? { previousTitle: cur.title } : {}) });
    }
    return toEditorData(n);
  }));
}

export const updateNoticeDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: updateNoticeSchema,
  handler: ({ db, actor, input, ip }) => updateNotice(db, actor, input, { ip }),
});
