import { and, eq, exists, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { applications, bankTransfers, documents } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '../../audit';
import { defineAction } from '../../auth/action-core';
import type { Actor } from '../../auth/actor';
import { AppError } from '../../errors';
import type { Storage } from '../../storage';
import { requireWriter, resolveWriteTarget } from '../access';
import { isUuid } from '../../schemas';
import { documentIdSchema } from '../schemas';
import { removeQuietly } from '../store';

/**
 * Deletes a current file while its owner may still edit: a personal file at
 * any time, an application's file only in a state in which the kind lets the
 * applicant change that slot (its editable states by default). The row stays (status 'deleted') for the record;
 * the object is removed after the commit.
 */
export async function deleteDocument(db: Db, storage: Storage, actorIn: Actor, input: { id: string }, ip: string | null = null): Promise<{ id: string }> {
  const actor = requireWriter(actorIn);
  if (!isUuid(input.id)) throw new AppError('NOT_FOUND');
  const gone = await db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, applicationId: documents.applicationId, ownerUserId: documents.ownerUserId, slot: documents.slot })
      .from(documents)
      .where(and(eq(documents.id, input.id), eq(documents.status, 'current')));
    if (!doc) throw new AppError('NOT_FOUND');
    let writable: string[] = [];
    if (doc.applicationId) {
      // The same rule as writing: NOT_FOUND for anyone who may not write to that application.
      // (It also refuses a state in which the kind does not let this writer change this slot.)
      writable = (await resolveWriteTarget(tx, actor, { applicationId: doc.applicationId, slot: doc.slot })).writableStates;
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
            ? exists(tx.select({ one: sql`1` }).from(applications).where(and(eq(applications.id, doc.applicationId), inArray(applications.status, writable.length ? writable : ['-']))))
            : isNull(documents.applicationId),
          // A bank-transfer screenshot stays while finance checks it and once it has paid an order.
          notExists(tx.select({ one: sql`1` }).from(bankTransfers).where(and(eq(bankTransfers.documentId, doc.id), inArray(bankTransfers.status, ['submitted', 'confirmed'])))),
        ),
      )
      .returning({ id: documents.id, storageKey: documents.storageKey, fileName: documents.fileName });
    if (!row) {
      if (doc.applicationId) throw new AppError('INVALID_STATE', { messageKey: 'documents.errors.locked' });
      const [inUse] = await tx.select({ id: bankTransfers.id }).from(bankTransfers).where(eq(bankTransfers.documentId, doc.id)).limit(1);
      throw inUse ? new AppError('INVALID_STATE', { messageKey: 'documents.errors.transferInUse' }) : new AppError('NOT_FOUND');
    }
    await audit(tx, { action: 'document.deleted', actorId: actor.id, targetType: 'document', targetId: row.id, ip, detail: { fileName: row.fileName, applicationId: doc.applicationId } });
    return row;
  });
  await removeQuietly(storage, gone.storageKey);
  return { id: gone.id };
}

export const deleteDocumentDef = defineAction({
  // Applicants, and staff in a slot their role may write (resolveWriteTarget decides; others are FORBIDDEN).
  access: { kind: 'signedIn' },
  schema: documentIdSchema,
  handler: async ({ db, storage, actor, input, ip }) => deleteDocument(db, await storage(), actor, input, ip),
});
