import { and, eq, exists, inArray, isNull, sql } from 'drizzle-orm';
import { applications, documents } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '../../audit';
import { defineAction } from '../../auth/action-core';
import type { Actor } from '../../auth/actor';
import { AppError } from '../../errors';
import type { Storage } from '../../storage';
import { EDITABLE_APPLICATION_STATUSES, requireApplicant, resolveWriteTarget } from '../access';
import { isUuid } from '../../schemas';
import { documentIdSchema } from '../schemas';
import { removeQuietly } from '../store';

/**
 * Deletes a current file while its owner may still edit: a personal file at
 * any time, an application's file only while the application is a draft or
 * was returned for changes. The row stays (status 'deleted') for the record;
 * the object is removed after the commit.
 */
export async function deleteDocument(db: Db, storage: Storage, actorIn: Actor, input: { id: string }, ip: string | null = null): Promise<{ id: string }> {
  const actor = requireApplicant(actorIn);
  if (!isUuid(input.id)) throw new AppError('NOT_FOUND');
  const gone = await db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, applicationId: documents.applicationId, ownerUserId: documents.ownerUserId, slot: documents.slot })
      .from(documents)
      .where(and(eq(documents.id, input.id), eq(documents.status, 'current')));
    if (!doc) throw new AppError('NOT_FOUND');
    if (doc.applicationId) {
      // The same rule as writing: NOT_FOUND for anyone who may not write to that application.
      const target = await resolveWriteTarget(tx, actor, { applicationId: doc.applicationId, slot: doc.slot });
      if (!EDITABLE_APPLICATION_STATUSES.includes(target.applicationStatus ?? '')) throw new AppError('INVALID_STATE', { messageKey: 'documents.errors.locked' });
    } else if (doc.ownerUserId !== actor.id) {
      throw new AppError('NOT_FOUND');
    }
    const [row] = await tx
      .update(documents)
      .set({ status: 'deleted', replacedAt: sql`now()` })
      .where(
        and(
          eq(documents.id, doc.id),
          eq(documents.status, 'current'),
          // Re-checked in the write itself, so a submission racing this delete wins cleanly.
          doc.applicationId
            ? exists(tx.select({ one: sql`1` }).from(applications).where(and(eq(applications.id, doc.applicationId), inArray(applications.status, EDITABLE_APPLICATION_STATUSES))))
            : isNull(documents.applicationId),
        ),
      )
      .returning({ id: documents.id, storageKey: documents.storageKey, fileName: documents.fileName });
    if (!row) throw doc.applicationId ? new AppError('INVALID_STATE', { messageKey: 'documents.errors.locked' }) : new AppError('NOT_FOUND');
    await audit(tx, { action: 'document.deleted', actorId: actor.id, targetType: 'document', targetId: row.id, ip, detail: { fileName: row.fileName, applicationId: doc.applicationId } });
    return row;
  });
  await removeQuietly(storage, gone.storageKey);
  return { id: gone.id };
}

export const deleteDocumentDef = defineAction({
  access: { kind: 'applicant' },
  schema: documentIdSchema,
  handler: async ({ db, storage, actor, input, ip }) => deleteDocument(db, await storage(), actor, input, ip),
});
