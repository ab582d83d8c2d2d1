import crypto from 'node:crypto';
import { captchaUses } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { signValue, verifySignedValue } from './signed-ticket';

/**
 * A self-hosted proof-of-work captcha (the ALTCHA scheme): the server hands out
 * a signed challenge = SHA-256(salt + secret number); the browser finds the
 * number by trying 0..maxNumber. Nothing to read or type, so it works for
 * screen-reader and keyboard users and needs no network. Each solution is
 * accepted once (captcha_uses), and challenges expire.
 */
export type Challenge = { algorithm: 'SHA-256'; challenge: string; salt: string; signature: string; maxNumber: number };
export type Solution = { challenge: string; salt: string; signature: string; number: number };

const TTL_SECONDS = 600;
const sha256hex = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const PURPOSE = 'captcha-challenge';

export function createChallenge(secret: string, maxNumber: number, now = Date.now()): Challenge {
  const expires = Math.floor(now / 1000) + TTL_SECONDS;
  const salt = `${crypto.randomBytes(12).toString('hex')}?expires=${expires}`;
  const number = crypto.randomInt(0, maxNumber + 1);
  const challenge = sha256hex(salt + number);
  return { algorithm: 'SHA-256', challenge, salt, signature: signValue(secret, PURPOSE, challenge), maxNumber };
}

/** Brute-forces a challenge (what the browser does; tests use it too). */
export function solveChallenge(c: Pick<Challenge, 'challenge' | 'salt' | 'signature' | 'maxNumber'>): Solution | null {
  for (let n = 0; n <= c.maxNumber; n++) {
    if (sha256hex(c.salt + n) === c.challenge) return { challenge: c.challenge, salt: c.salt, signature: c.signature, number: n };
  }
  return null;
}

export function encodeSolution(s: Solution): string {
  return Buffer.from(JSON.stringify(s)).toString('base64');
}

/** True when the payload solves a challenge we signed, not expired and not used before. Marks it used. */
export async function verifyCaptcha(db: DbOrTx, secret: string, payload: string | undefined | null, now = Date.now()): Promise<boolean> {
  if (!payload || payload.length > 2000) return false;
  let s: Solution;
  try {
    s = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Solution;
  } catch {
    return false;
  }
  if (typeof s?.salt !== 'string' || typeof s.challenge !== 'string' || typeof s.signature !== 'string' || !Number.isInteger(s.number)) return false;
  const expires = Number(/[?&]expires=(\d+)/.exec(s.salt)?.[1]);
  if (!expires || expires * 1000 < now) return false;
  if (!verifySignedValue(secret, PURPOSE, s.challenge, s.signature)) return false;
  if (sha256hex(s.salt + s.number) !== s.challenge) return false;
  // ON CONFLICT rather than catching the violation: a failed statement would abort an enclosing transaction.
  const inserted = await db
    .insert(captchaUses)
    .values({ signature: s.signature, expiresAt: new Date(expires * 1000) })
    .onConflictDoNothing()
    .returning({ signature: captchaUses.signature });
  return inserted.length === 1;
}
