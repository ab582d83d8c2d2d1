import crypto from 'node:crypto';

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
  /** Expiry, epoch seconds. */
  exp: number;
};

const PURPOSE = 'accredit.notice-attachment-ticket.v1.';
const mac = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(PURPOSE + payload).digest('base64url');

export function signAttachmentTicket(secret: string, t: AttachmentTicket): string {
  const payload = Buffer.from(JSON.stringify(t)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The ticket if the signature is ours and it has not expired; null otherwise. */
export function verifyAttachmentTicket(secret: string, ticket: string, now = Date.now()): AttachmentTicket | null {
  const [payload, sig, extra] = ticket.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  let t: AttachmentTicket;
  try {
    t = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AttachmentTicket;
  } catch {
    return null;
  }
  if (t?.v !== 1 || typeof t.key !== 'string' || !/^uploads\/[0-9a-f-]{36}$/.test(t.key)) return null;
  if (typeof t.noticeId !== 'string' || typeof t.userId !== 'string' || typeof t.fileName !== 'string' || typeof t.exp !== 'number') return null;
  if (t.exp * 1000 < now) return null;
  return t;
}
