import { createSignedTicket, readSignedTicket } from '../auth/signed-ticket';

/**
 * The upload ticket: everything `completeUpload` needs to finish an upload,
 * signed with the auth secret, so that no database row exists for an upload
 * that never finishes. The signature covers a purpose prefix, so a ticket can
 * never be confused with another value signed by the same secret.
 */
export type UploadTicket = {
  v: 1;
  /** Where the browser PUTs the file (uploads/<uuid>). */
  key: string;
  slot: string;
  applicationId: string | null;
  userId: string;
  maxBytes: number;
  /** The declared size: the PUT URL is signed for it, and completion refuses any other (issue #15.10). */
  size?: number;
  fileName: string;
  /** For slots with several files: the document this upload replaces. */
  replaceId: string | null;
  /** Expiry, epoch seconds. */
  exp: number;
};

const PURPOSE = 'accredit.upload-ticket.v1';

export function signTicket(secret: string, t: UploadTicket): string {
  return createSignedTicket(secret, PURPOSE, t);
}

/** The ticket if the signature is ours and it has not expired; null otherwise. */
export function verifyTicket(secret: string, ticket: string, now = Date.now()): UploadTicket | null {
  const t = readSignedTicket(secret, PURPOSE, ticket, now) as Partial<UploadTicket> | null;
  if (t?.v !== 1 || typeof t.key !== 'string' || typeof t.userId !== 'string') return null;
  return t as UploadTicket;
}
