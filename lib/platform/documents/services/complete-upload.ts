import { eq } from 'drizzle-orm';
import { documents } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '../../auth/action-core';
import type { Actor } from '../../auth/actor';
import { authSecret } from '../../auth/secret';
import { AppError } from '../../errors';
import type { Storage } from '../../storage';
import { requireWriter, resolveWriteTarget } from '../access';
import { emptyFile, inspectContent, sizeMismatch, tooLarge } from '../content';
import { completeUploadSchema, type DocumentSummary } from '../schemas';
import { commitDocument, putOrFail, removeQuietly, viaStorage } from '../store';
import { verifyTicket } from '../ticket';
import { toSummary } from './list-documents';

/**
 * Step 2 of an upload, after the browser PUT the file: verifies the ticket
 * and the actor, reads the object and checks its real content against the
 * slot. A refused file is deleted at once. An accepted one is copied to a key
 * the browser never saw (so the still-valid PUT URL cannot overwrite checked
 * content), then recorded in one transaction.
 */
export async function completeUpload(db: Db, storage: Storage, actorIn: Actor, input: { ticket: string }, now = Date.now()): Promise<DocumentSummary> {
  const actor = requireWriter(actorIn);
  const t = verifyTicket(await authSecret(db), input.ticket, now);
  if (!t) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.ticketInvalid' });
  if (t.userId !== actor.id) throw new AppError('FORBIDDEN');
  const finalKey = t.key.replace(/^uploads\//, 'files/');

  // A repeated call (double click, retry after a lost answer) gets the same document.
  const [done] = await db.select().from(documents).where(eq(documents.storageKey, finalKey));
  if (done) {
    if (done.uploadedBy !== actor.id) throw new AppError('FORBIDDEN');
    return toSummary(done);
  }

  // Access may have changed since the ticket was issued (sub-account grant withdrawn …).
  let target;
  try {
    target = await resolveWriteTarget(db, actor, { applicationId: t.applicationId, slot: t.slot });
  } catch (e) {
    await removeQuietly(storage, t.key);
    throw e;
  }
  const refuse = async (err: AppError): Promise<never> => {
    await removeQuietly(storage, t.key);
    throw err;
  };

  const head = await viaStorage('head', () => storage.head(t.key));
  if (!head) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.notUploaded' });
  if (head.size === 0) await refuse(emptyFile());
  // Checked before reading, so an oversized object is never loaded into memory.
  if (head.size > Math.min(t.maxBytes, target.slot.maxBytes)) await refuse(tooLarge(target.slot));
  // Not the size the upload was granted for (a storage that does not check the signed length): deleted, refused.
  if (t.size !== undefined && head.size !== t.size) await refuse(sizeMismatch());
  const bytes = await viaStorage('get', () => storage.get(t.key));
  if (!bytes) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.notUploaded' });
  let file;
  try {
    file = await inspectContent(target.slot, bytes, t.fileName);
  } catch (e) {
    return refuse(e as AppError);
  }

  await putOrFail(storage, finalKey, bytes, file.mime);
  let doc;
  try {
    doc = await commitDocument(db, storage, { target, key: finalKey, file, uploadedBy: actor.id, source: 'upload', replaceId: t.replaceId });
  } catch (e) {
    // Lost a race with the same ticket: the other call's document is the answer.
    const [again] = await db.select().from(documents).where(eq(documents.storageKey, finalKey));
    if (again && again.uploadedBy === actor.id) return toSummary(again);
    throw e;
  }
  await removeQuietly(storage, t.key);
  return toSummary(doc);
}

export const completeUploadDef = defineAction({
  // Applicants, and staff writing a slot their role may write (resolveWriteTarget decides; others are FORBIDDEN).
  access: { kind: 'signedIn' },
  schema: completeUploadSchema,
  handler: async ({ db, storage, actor, input }) => completeUpload(db, await storage(), actor, input),
});
