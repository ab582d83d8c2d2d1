import crypto from 'node:crypto';

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
  fileName: string;
  /** For slots with several files: the document this upload replaces. */
  replaceId: string | null;
  /** Expiry, epoch seconds. */
  exp: number;
};

const PURPOSE = 'accredit.upload-ticket.v1.';
const mac = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(PURPOSE + payload).digest('base64url');

export function signTicket(secret: string, t: UploadTicket): string {
  const payload = Buffer.from(JSON.stringify(t)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The ticket if the signature is ours and it has not expired; null otherwise. */
export function verifyTicket(secret: string, ticket: string, now = Date.now()): UploadTicket | null {
  const [payload, sig, extra] = ticket.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  let t: UploadTicket;
  try {
    t = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as UploadTicket;
  } catch {
    return null;
  }
  if (t?.v !== 1 || typeof t.key !== 'string' || typeof t.userId !== 'string' || typeof t.exp !== 'number') return null;
  if (t.exp * 1000 < now) return null;
  return t;
}
