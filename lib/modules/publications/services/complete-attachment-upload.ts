import { eq, sql } from 'drizzle-orm';
import { notices, type NoticeAttachment } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { authSecret } from '@/lib/platform/auth/secret';
import { emptyFile, inspectContent, sizeMismatch, tooLarge } from '@/lib/platform/documents/content';
import { putOrFail, removeQuietly, viaStorage } from '@/lib/platform/documents/store';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import { attachmentHref, completeAttachmentUploadSchema, MAX_ATTACHMENTS, NOTICE_ATTACHMENT_SLOT, type AttachmentSummary } from '../schemas';
import { loadEditable, PUBLISH_ACCESS, requireStaff } from './access';
import { verifyAttachmentTicket } from './attachment-ticket';
import { publicChange } from './public-change';

const summary = (noticeId: string, a: NoticeAttachment, index: number): AttachmentSummary => ({
  index,
  name: a.name,
  size: a.size,
  contentType: a.contentType,
  href: attachmentHref(noticeId, index),
});

/**
 * Step 2, after the browser PUT the file: the real content is checked with the
 * documents platform's check (magic bytes, size, name matching the content);
 * a refused file is deleted at once. An accepted one is copied to a key the
 * browser never saw (the still-valid PUT URL cannot overwrite checked content)
 * and appended to the notice under its row lock, so two uploads cannot both
 * take the tenth place.
 */
export async function completeAttachmentUpload(db: Db, storage: Storage, actor: Actor, input: { ticket: string }, now = Date.now()): Promise<AttachmentSummary> {
  const staff = requireStaff(actor);
  const t = verifyAttachmentTicket(await authSecret(db), input.ticket, now);
  if (!t) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.ticketInvalid' });
  if (t.userId !== staff.id) throw new AppError('FORBIDDEN');
  const finalKey = `notices/${t.noticeId}/${t.key.slice('uploads/'.length)}`;
  const refuse = async (err: unknown): Promise<never> => {
    await removeQuietly(storage, t.key);
    throw err;
  };

  // Access may have changed since the ticket was issued (role withdrawn, notice deleted or moved).
  let notice;
  try {
    notice = await loadEditable(db, staff, t.noticeId);
  } catch (e) {
    return refuse(e);
  }
  // A repeated call (double click, retry after a lost answer) gets the same attachment.
  const done = notice.attachments.findIndex((a) => a.key === finalKey);
  if (done >= 0) return summary(notice.id, notice.attachments[done], done);

  const head = await viaStorage('head', () => storage.head(t.key));
  if (!head) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.notUploaded' });
  if (head.size === 0) await refuse(emptyFile());
  // Checked before reading, so an oversized object is never loaded into memory.
  if (head.size > NOTICE_ATTACHMENT_SLOT.maxBytes) await refuse(tooLarge(NOTICE_ATTACHMENT_SLOT));
  if (t.size !== undefined && head.size !== t.size) await refuse(sizeMismatch());
  const bytes = await viaStorage('get', () => storage.get(t.key));
  if (!bytes) throw new AppError('BAD_INPUT', { messageKey: 'documents.errors.notUploaded' });
  let file;
  try {
    file = await inspectContent(NOTICE_ATTACHMENT_SLOT, bytes, t.fileName);
  } catch (e) {
    return refuse(e);
  }

  await putOrFail(storage, finalKey, bytes, file.mime);
  let result: AttachmentSummary;
  try {
    result = await publicChange(db.transaction(async (tx) => {
      const cur = await loadEditable(tx, staff, t.noticeId, { lock: true });
      const again = cur.attachments.findIndex((a) => a.key === finalKey);
      if (again >= 0) return summary(cur.id, cur.attachments[again], again);
      if (cur.attachments.length >= MAX_ATTACHMENTS) throw new AppError('BAD_INPUT', { messageKey: 'publications.errors.tooManyAttachments', params: { max: MAX_ATTACHMENTS } });
      const added: NoticeAttachment = { key: finalKey, name: file.fileName, size: file.size, contentType: file.mime };
      await tx
        .update(notices)
        .set({ attachments: [...cur.attachments, added], updatedAt: sql`now()` })
        .where(eq(notices.id, cur.id));
      return summary(cur.id, added, cur.attachments.length);
    }));
  } catch (e) {
    await removeQuietly(storage, finalKey);
    return refuse(e);
  }
  await removeQuietly(storage, t.key);
  return result;
}

export const completeAttachmentUploadDef = defineAction({
  access: PUBLISH_ACCESS,
  schema: completeAttachmentUploadSchema,
  handler: async ({ db, storage, actor, input }) => completeAttachmentUpload(db, await storage(), actor, input),
});
