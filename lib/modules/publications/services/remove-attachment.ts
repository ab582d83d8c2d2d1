import { eq, sql } from 'drizzle-orm';
import { notices } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { removeQuietly } from '@/lib/platform/documents/store';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import { removeAttachmentSchema } from '../schemas';
import { loadEditable, PUBLISH_ACCESS, requireStaff } from './access';
import { attachmentSummaries } from './list-notices';
import { publicChange } from './public-change';

/**
 * Removes one attachment. The name must still be the one at that place: when
 * the list changed meanwhile (another tab), nothing is removed. The object is
 * deleted after the row no longer points to it.
 */
export async function removeAttachment(db: Db, storage: Storage, actor: Actor, input: { id: string; index: number; name: string }) {
  const staff = requireStaff(actor);
  const { removed, notice } = await publicChange(db.transaction(async (tx) => {
    const cur = await loadEditable(tx, staff, input.id, { lock: true });
    const target = cur.attachments[input.index];
    if (!target || target.name !== input.name) throw new AppError('CONFLICT', { messageKey: 'publications.errors.attachmentsChanged' });
    const [n] = await tx
      .update(notices)
      .set({ attachments: cur.attachments.filter((_, i) => i !== input.index), updatedAt: sql`now()` })
      .where(eq(notices.id, cur.id))
      .returning();
    return { removed: target, notice: n };
  }));
  await removeQuietly(storage, removed.key);
  return attachmentSummaries(notice);
}

export const removeAttachmentDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: removeAttachmentSchema,
  handler: async ({ db, storage, actor, input }) => removeAttachment(db, await storage(), actor, input),
});
