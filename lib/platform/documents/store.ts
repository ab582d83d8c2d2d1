import crypto from 'node:crypto';
import { and, eq, max, sql } from 'drizzle-orm';
import { documents, type DocumentRow } from '@/db/schema';
import type { Db, Tx } from '@/db';
import { AppError, isUniqueViolation } from '../errors';
import { logger } from '../logger';
import type { Storage } from '../storage';
import { targetWhere, type WriteTarget } from './access';
import type { Inspected } from './content';

/**
 * Writing a checked file: the object first (under a fresh key only the server
 * knows), then the row in one transaction; if the transaction fails the object
 * is removed, and if storage fails no row is written.
 */
export const newObjectKey = (prefix: 'uploads' | 'files') => `${prefix}/${crypto.randomUUID()}`;

/** Runs a storage call; an outage becomes a clear "storage unavailable, nothing saved" error. */
export async function viaStorage<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    logger.error('document storage call failed', { what, err: e });
    throw new AppError('UNAVAILABLE', { messageKey: 'documents.errors.storageFailed', cause: e });
  }
}

export async function putOrFail(storage: Storage, key: string, bytes: Uint8Array, mime: string): Promise<void> {
  try {
    await storage.put(key, bytes, mime);
  } catch (e) {
    logger.error('document storage write failed', { key, err: e });
    await removeQuietly(storage, key);
    throw new AppError('UNAVAILABLE', { messageKey: 'documents.errors.storageFailed', cause: e });
  }
}

/** Best effort: a leftover object without a row is unreachable (reads go through rows), only wasted space. */
export async function removeQuietly(storage: Storage, key: string): Promise<void> {
  try {
    await storage.delete(key);
  } catch (e) {
    logger.warn('could not delete stored object', { key, err: e });
  }
}

export type CommitInput = {
  target: WriteTarget;
  key: string;
  file: Inspected;
  uploadedBy: string;
  source: 'upload' | 'phone';
  /** Slots with several files: the current document this one replaces. */
  replaceId?: string | null;
};

/**
 * Inserts the row of a stored object: version = highest of the slot + 1; a
 * single-file slot's current file (or, in a multi-file slot, the one named by
 * `replaceId`) becomes 'replaced'. `within` runs in the same transaction (e.g.
 * consuming a phone token) and can veto by throwing.
 */
export async function commitDocument(db: Db, storage: Storage, c: CommitInput, within?: (tx: Tx, doc: DocumentRow) => Promise<void>): Promise<DocumentRow> {
  const { target } = c;
  try {
    return await db.transaction(async (tx) => {
      // Serializes writers of one slot so two uploads cannot take the same version number.
      const lockKey = `documents:${target.applicationId ?? `user:${target.ownerUserId}`}:${target.slot.key}`;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`);
      const here = targetWhere(target, target.slot.key);
      if (c.replaceId) {
        const done = await tx
          .update(documents)
          .set({ status: 'replaced', replacedAt: sql`now()` })
          .where(and(here, eq(documents.id, c.replaceId), eq(documents.status, 'current')))
          .returning({ id: documents.id });
        if (!done.length) throw new AppError('CONFLICT', { messageKey: 'documents.errors.replacedMeanwhile' });
      } else if (!target.slot.multiple) {
        await tx.update(documents).set({ status: 'replaced', replacedAt: sql`now()` }).where(and(here, eq(documents.status, 'current')));
      }
      const [{ top }] = await tx.select({ top: max(documents.version) }).from(documents).where(here);
      const [doc] = await tx
        .insert(documents)
        .values({
          applicationId: target.applicationId,
          ownerUserId: target.ownerUserId,
          orgId: target.orgId,
          slot: target.slot.key,
          storageKey: c.key,
          fileName: c.file.fileName,
          contentType: c.file.mime,
          size: c.file.size,
          sha256: c.file.sha256,
          version: (top ?? 0) + 1,
          status: 'current',
          source: c.source,
          uploadedBy: c.uploadedBy,
        })
        .returning();
      if (within) await within(tx, doc);
      return doc;
    });
  } catch (e) {
    // A duplicate key means another call already committed this very object: it must stay.
    if (!isUniqueViolation(e, 'documents_storageKey_unique')) await removeQuietly(storage, c.key);
    throw e;
  }
}
