import { eq } from 'drizzle-orm';
import { notices } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { removeQuietly } from '@/lib/platform/documents/store';
import type { Storage } from '@/lib/platform/storage';
import { noticeIdSchema } from '../schemas';
import { loadEditable, PUBLISH_ACCESS, requireStaff } from './access';
import { auditNotice } from './audit-publication';
import { publicChange } from './public-change';

/**
 * Deletes a notice for good. Its files are removed after the row is gone: a
 * file left behind by a storage hiccup is unreachable (downloads go through
 * the row), only wasted space.
 */
export async function deleteNotice(db: Db, storage: Storage, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireStaff(actor);
  const gone = await publicChange(db.transaction(async (tx) => {
    const cur = await loadEditable(tx, actor, input.id, { lock: true });
    await tx.delete(notices).where(eq(notices.id, cur.id));
    await auditNotice(tx, 'notice.deleted', cur, { actorId: staff.id, ip: meta.ip }, {
      publishedAt: cur.publishedAt?.toISOString() ?? null,
      attachments: cur.attachments.map((a) => a.name),
    });
    return cur;
  }));
  for (const a of gone.attachments) await removeQuietly(storage, a.key);
  return { id: gone.id };
}

export const deleteNoticeDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: noticeIdSchema,
  handler: async ({ db, storage, actor, input, ip }) => deleteNotice(db, await storage(), actor, input, { ip }),
});
