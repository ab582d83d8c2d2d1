import { createSignedTicket, readSignedTicket } from '@/lib/platform/auth/signed-ticket';
import { isUuid } from '@/lib/platform/schemas';

/**
 * The ticket of one attachment upload: what `completeAttachmentUpload` needs,
 * signed with the auth secret, so nothing is written for an upload that never
 * finishes. Its own purpose prefix keeps it apart from document upload tickets
 * signed with the same secret.
 */
export type AttachmentTicket = {
  v: 1;
  /** Where the browser PUTs the file (uploads/<uuid>). */
  key: string;
  noticeId: string;
  userId: string;
  fileName: string;
  /** The declared size (the PUT URL is signed for it; completion refuses any other). */
  size?: number;
  /** Expiry, epoch seconds. */
  exp: number;
};

const PURPOSE = 'accredit.notice-attachment-ticket.v1';

export function signAttachmentTicket(secret: string, t: AttachmentTicket): string {
  return createSignedTicket(secret, PURPOSE, t);
}

/** The ticket if the signature is ours and it has not expired; null otherwise. */
export function verifyAttachmentTicket(secret: string, ticket: string, now = Date.now()): AttachmentTicket | null {
  const t = readSignedTicket(secret, PURPOSE, ticket, now) as Partial<AttachmentTicket> | null;
  if (t?.v !== 1 || typeof t.key !== 'string' || !t.key.startsWith('uploads/') || !isUuid(t.key.slice('uploads/'.length))) return null;
  if (typeof t.noticeId !== 'string' || typeof t.userId !== 'string' || typeof t.fileName !== 'string') return null;
  return t as AttachmentTicket;
}
