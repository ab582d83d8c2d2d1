import crypto from 'node:crypto';

/**
 * Signed tickets: a small JSON value handed to the browser and believed when it
 * comes back, without a database row — base64url(JSON) "." HMAC-SHA256(secret,
 * purpose ":" payload). The purpose is signed with the value, so a ticket made
 * for one purpose (an upload, a password retrieval …) is refused for any
 * other, even though all are signed with the one auth secret. Every ticket
 * carries `exp` (epoch seconds) and is refused from then on.
 */
export type TicketData = Record<string, unknown> & { exp: number };

/** The purpose-bound signature of a string (the primitive under tickets; the captcha signs its challenges with it). */
export const signValue = (secret: string, purpose: string, value: string): string => crypto.createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');

/** True when `signature` is ours for `value` and `purpose` (constant-time). */
export function verifySignedValue(secret: string, purpose: string, value: string, signature: string): boolean {
  const expected = Buffer.from(signValue(secret, purpose, value));
  const given = Buffer.from(String(signature));
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** `exp` for a ticket valid `ttlSec` seconds from `now` (ms). */
export const expiresAt = (ttlSec: number, now = Date.now()): number => Math.floor(now / 1000) + ttlSec;

export function createSignedTicket(secret: string, purpose: string, data: TicketData): string {
  const payload = Buffer.from(JSON.stringify(data)).toString('base64url');
  return `${payload}.${signValue(secret, purpose, payload)}`;
}

/** The ticket's data if we signed it for this purpose and it has not expired; null otherwise (never throws). */
export function readSignedTicket(secret: string, purpose: string, ticket: string, now = Date.now()): TicketData | null {
  if (typeof ticket !== 'string' || ticket.length > 8192) return null;
  const [payload, sig, extra] = ticket.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  if (!verifySignedValue(secret, purpose, payload, sig)) return null;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const exp = (data as { exp?: unknown }).exp;
  if (typeof exp !== 'number' || exp * 1000 <= now) return null;
  return data as TicketData;
}
