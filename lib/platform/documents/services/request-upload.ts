import { and, eq } from 'drizzle-orm';
import { documents } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '../../auth/action-core';
import type { Actor } from '../../auth/actor';
import { authSecret } from '../../auth/secret';
import { AppError } from '../../errors';
import type { Storage } from '../../storage';
import { requireWriter, resolveWriteTarget, targetWhere } from '../access';
import { isUuid } from '../../schemas';
import { checkDeclared, cleanFileName } from '../content';
import { requestUploadSchema, type RequestUploadInput } from '../schemas';
import { FILE_KINDS } from '../slots';
import { newObjectKey } from '../store';
import { signTicket } from '../ticket';

/** The presigned PUT is short-lived (S3 checks expiry when the request starts, so a slow upload still finishes). */
export const PUT_URL_TTL_SECONDS = 300;
/** Time to finish: covers a large scan on a slow line after the PUT started. */
export const TICKET_TTL_SECONDS = 3600;

export type UploadGrant = { url: string; method: 'PUT'; headers: Record<string, string>; ticket: string; expiresAt: string };

/**
 * Step 1 of an upload: checks that the actor may write to the slot and that
 * the declared file fits it, picks the key and signs a short-lived PUT URL
 * plus a ticket for `completeUpload`. Writes nothing to the database.
 */
export async function requestUpload(db: Db, storage: Storage, actor: Actor, raw: RequestUploadInput, now = Date.now()): Promise<UploadGrant> {
  const input = requestUploadSchema.parse(raw);
  const target = await resolveWriteTarget(db, actor, input);
  const fileName = cleanFileName(input.fileName);
  const kind = checkDeclared(target.slot, fileName, input.size, input.contentType);
  let replaceId: string | null = null;
  if (input.replaceId && target.slot.multiple) {
    if (!isUuid(input.replaceId)) throw new AppError('NOT_FOUND');
    const [cur] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(targetWhere(target, target.slot.key), eq(documents.id, input.replaceId), eq(documents.status, 'current')));
    if (!cur) throw new AppError('NOT_FOUND');
    replaceId = cur.id;
  }
  const key = newObjectKey('uploads');
  const mime = FILE_KINDS[kind].mime;
  const url = await storage.presignPut(key, { contentType: mime, contentLength: input.size, expiresIn: PUT_URL_TTL_SECONDS });
  const exp = Math.floor(now / 1000) + TICKET_TTL_SECONDS;
  const ticket = signTicket(await authSecret(db), {
    v: 1,
    key,
    slot: target.slot.key,
    applicationId: target.applicationId,
    userId: requireWriter(actor).id,
    maxBytes: target.slot.maxBytes,
    size: input.size,
    fileName,
    replaceId,
    exp,
  });
  return { url, method: 'PUT', headers: { 'Content-Type': mime }, ticket, expiresAt: new Date(exp * 1000).toISOString() };
}

export const requestUploadDef = defineAction({
  // Applicants, and staff into a slot their role may write (resolveWriteTarget decides; others are FORBIDDEN).
  access: { kind: 'signedIn' },
  schema: requestUploadSchema,
  handler: async ({ db, storage, actor, input }) => requestUpload(db, await storage(), actor, input),
});
