import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { authSecret } from '@/lib/platform/auth/secret';
import { checkDeclared, cleanFileName } from '@/lib/platform/documents/content';
import { FILE_KINDS } from '@/lib/platform/documents/slots';
import { newObjectKey } from '@/lib/platform/documents/store';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import { MAX_ATTACHMENTS, NOTICE_ATTACHMENT_SLOT, requestAttachmentUploadSchema, type RequestAttachmentUploadInput } from '../schemas';
import { loadEditable, PUBLISH_ACCESS, requireStaff } from './access';
import { signAttachmentTicket } from './attachment-ticket';

/** The presigned PUT is short-lived (S3 checks expiry when the request starts, so a slow upload still finishes). */
export const PUT_URL_TTL_SECONDS = 300;
/** Time to finish: a 20 MB file on a slow line. */
export const TICKET_TTL_SECONDS = 3600;

export type AttachmentUploadGrant = { url: string; method: 'PUT'; headers: Record<string, string>; ticket: string; expiresAt: string };

/**
 * Step 1 of adding an attachment: the actor may edit the notice, it has room
 * for another file, and the declared name/type/size fit; then a server-chosen
 * key, a presigned PUT and a signed ticket. Writes nothing.
 */
export async function requestAttachmentUpload(db: Db, storage: Storage, actor: Actor, raw: RequestAttachmentUploadInput, now = Date.now()): Promise<AttachmentUploadGrant> {
  const staff = requireStaff(actor);
  const input = requestAttachmentUploadSchema.parse(raw);
  const notice = await loadEditable(db, staff, input.id);
  if (notice.attachments.length >= MAX_ATTACHMENTS) throw new AppError('BAD_INPUT', { messageKey: 'publications.errors.tooManyAttachments', params: { max: MAX_ATTACHMENTS } });
  const fileName = cleanFileName(input.fileName);
  const kind = checkDeclared(NOTICE_ATTACHMENT_SLOT, fileName, input.size, input.contentType);
  const key = newObjectKey('uploads');
  const mime = FILE_KINDS[kind].mime;
  const url = await storage.presignPut(key, { contentType: mime, contentLength: input.size, expiresIn: PUT_URL_TTL_SECONDS });
  const exp = Math.floor(now / 1000) + TICKET_TTL_SECONDS;
  const ticket = signAttachmentTicket(await authSecret(db), { v: 1, key, noticeId: notice.id, userId: staff.id, fileName, size: input.size, exp });
  return { url, method: 'PUT', headers: { 'Content-Type': mime }, ticket, expiresAt: new Date(exp * 1000).toISOString() };
}

export const requestAttachmentUploadDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: requestAttachmentUploadSchema,
  handler: async ({ db, storage, actor, input }) => requestAttachmentUpload(db, await storage(), actor, input),
});
