import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { candidatePhotos } from '@/db/schema';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { authSecret } from '@/lib/platform/auth/secret';
import { isUuid } from '@/lib/platform/schemas';
import { emptyFile, inspectContent, sizeMismatch, tooLarge } from '@/lib/platform/documents/content';
import { requestUpload, type UploadGrant } from '@/lib/platform/documents/services/request-upload';
import { putOrFail, removeQuietly, viaStorage } from '@/lib/platform/documents/store';
import { verifyTicket } from '@/lib/platform/documents/ticket';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import { requestPhotoUploadSchema, uploadPhotoSchema, type PhotoView, type RequestPhotoUploadInput } from '../schemas';
import { EXAM_PHOTO_SLOT, examPhotoSlot, PHOTO_MIN_SOURCE_BYTES } from '../standard';
import { changeClosed, photoKeys, requireCandidate, viewOf } from './candidate';
import { photoChangeAllowed } from './change-window';
import { processPhoto, type ProcessedPhoto } from './process-photo';

/**
 * Uploading the ID photo. Step 1 is the platform's own upload request on the
 * personal slot `exam_photo` (presigned PUT + signed ticket, declared type and
 * size checked, nothing written). Step 2 is photo-specific rather than the
 * generic `completeUpload`: that one commits a `documents` row (replacing the
 * slot's current file) as soon as the bytes are a JPEG, before the photo rules
 * (> 30 KB, pixel size, background) could refuse it — and a refused photo must
 * leave nothing behind. So step 2 uses the same pieces (ticket, content check,
 * storage helpers) and records the result in `candidate_photos`, which holds
 * the storage keys itself.
 */

const ticketInvalid = () => new AppError('BAD_INPUT', { messageKey: 'documents.errors.ticketInvalid' });
const notUploaded = () => new AppError('BAD_INPUT', { messageKey: 'documents.errors.notUploaded' });

export async function requestPhotoUpload(db: Db, storage: Storage, actorIn: Actor, raw: RequestPhotoUploadInput, now = new Date()): Promise<UploadGrant> {
  const actor = requireCandidate(actorIn);
  const input = requestPhotoUploadSchema.parse(raw);
  if (!(await photoChangeAllowed(db, actor.id, now))) throw changeClosed();
  const grant = await requestUpload(db, storage, actor, { applicationId: null, slot: EXAM_PHOTO_SLOT, ...input }, now.getTime());
  // Saves the candidate a pointless upload; the bytes are checked again after the PUT.
  if (input.size <= PHOTO_MIN_SOURCE_BYTES) throw new AppError('BAD_INPUT', { messageKey: 'examPhoto.errors.fileTooSmall' });
  return grant;
}

/**
 * Step 2, after the browser PUT the source: checks it (real JPEG, photo
 * rules), stores the source and the standard photo under keys the browser
 * never saw and records them, unconfirmed, replacing the candidate's previous
 * photo. A refusal deletes the uploaded object and writes nothing. Repeating
 * the call with the same ticket returns the same photo.
 */
export async function uploadPhoto(db: Db, storage: Storage, actorIn: Actor, input: { ticket: string }, opts: { now?: Date; ip?: string | null } = {}): Promise<PhotoView> {
  const actor = requireCandidate(actorIn);
  const now = opts.now ?? new Date();
  const t = verifyTicket(await authSecret(db), input.ticket, now.getTime());
  if (!t || t.slot !== EXAM_PHOTO_SLOT || t.applicationId !== null || !t.key.startsWith('uploads/') || !isUuid(t.key.slice('uploads/'.length))) throw ticketInvalid();
  if (t.userId !== actor.id) throw new AppError('FORBIDDEN');
  const keys = photoKeys(t.key.slice('uploads/'.length));

  const [current] = await db.select().from(candidatePhotos).where(eq(candidatePhotos.userId, actor.id));
  if (current?.originalKey === keys.original) {
    const head = await storage.head(keys.original).catch(() => null);
    return viewOf(current, { bytes: head?.size });
  }

  const refuse = async (err: unknown): Promise<never> => {
    await removeQuietly(storage, t.key);
    throw err;
  };
  if (!(await photoChangeAllowed(db, actor.id, now))) await refuse(changeClosed());
  const head = await viaStorage('head', () => storage.head(t.key));
  if (!head) throw notUploaded();
  if (head.size === 0) await refuse(emptyFile());
  // Checked before reading, so an oversized object is never loaded into memory.
  if (head.size > Math.min(t.maxBytes, examPhotoSlot.maxBytes)) await refuse(tooLarge(examPhotoSlot));
  if (t.size !== undefined && head.size !== t.size) await refuse(sizeMismatch());
  const bytes = await viaStorage('get', () => storage.get(t.key));
  if (!bytes) throw notUploaded();
  let photo: ProcessedPhoto;
  try {
    await inspectContent(examPhotoSlot, bytes, t.fileName);
    photo = await processPhoto(bytes);
  } catch (e) {
    return refuse(e);
  }

  await putOrFail(storage, keys.original, bytes, 'image/jpeg');
  try {
    await putOrFail(storage, keys.standard, photo.buffer, 'image/jpeg');
  } catch (e) {
    await removeQuietly(storage, keys.original);
    throw e;
  }
  let result;
  try {
    result = await db.transaction(async (tx) => {
      // Two uploads at once: one after the other, so the second sees (and later removes) the first's files.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`exam-photo:${actor.id}`}, 0))`);
      const [previous] = await tx
        .select({ originalKey: candidatePhotos.originalKey, processedKey: candidatePhotos.processedKey })
        .from(candidatePhotos)
        .where(eq(candidatePhotos.userId, actor.id));
      const values = {
        originalKey: keys.original,
        processedKey: keys.standard,
        width: photo.standard.width,
        height: photo.standard.height,
        bytes: photo.standard.bytes,
        background: photo.background,
        confirmedAt: null,
        updatedAt: now,
      };
      const [row] = await tx
        .insert(candidatePhotos)
        .values({ userId: actor.id, ...values, createdAt: now })
        .onConflictDoUpdate({ target: candidatePhotos.userId, set: values })
        .returning();
      await audit(tx, {
        action: 'exam.photo.uploaded',
        actorId: actor.id,
        targetType: 'candidate_photo',
        targetId: actor.id,
        ip: opts.ip ?? null,
        detail: { background: photo.background, original: photo.original, standard: photo.standard },
      });
      return { row, previous };
    });
  } catch (e) {
    await removeQuietly(storage, keys.original);
    await removeQuietly(storage, keys.standard);
    throw e;
  }
  await removeQuietly(storage, t.key);
  // The replaced photo's files are unreachable now (reads go through the row).
  // (A racing completion of this same ticket may have written the very same keys: those stay.)
  if (result.previous && result.previous.originalKey !== keys.original) {
    await removeQuietly(storage, result.previous.originalKey);
    await removeQuietly(storage, result.previous.processedKey);
  }
  return viewOf(result.row, photo.original);
}

export const requestPhotoUploadDef = defineAction({
  access: { kind: 'applicant', module: 'exam' },
  schema: requestPhotoUploadSchema,
  handler: async ({ db, storage, actor, input, now }) => requestPhotoUpload(db, await storage(), actor, input, now()),
});

export const uploadPhotoDef = defineAction({
  access: { kind: 'applicant', module: 'exam' },
  schema: uploadPhotoSchema,
  handler: async ({ db, storage, actor, input, ip, now }) => uploadPhoto(db, await storage(), actor, input, { ip, now: now() }),
});
