import type { Db, DbOrTx } from '@/db';
import type { VerifiedDocument } from './pdf/verify';
import { hit } from './rate-limit';
import { hasForbiddenChars } from './text-rules';

/**
 * /verify/<number or token>: every document the platform or a module prints a
 * QR code on registers a verifier (the platform's own: receipts, application
 * forms; a module's through its manifest: admission tickets …). Verifiers are
 * asked in order (lower `order` first); the first that recognises the number
 * answers. Usually one match; a verifier may return several (a ticket number
 * shared by exams on the same day).
 */
export type Verifier = {
  key: string;
  /** Lower first. The application-number fallback is last (1000). Default 100. */
  order?: number;
  find: (db: DbOrTx, number: string) => Promise<VerifiedDocument[]>;
};

const g = globalThis as unknown as { __accreditVerifiers?: Map<string, Verifier> };
const verifiers = (g.__accreditVerifiers ??= new Map());

export function registerVerifier(v: Verifier): void {
  verifiers.set(v.key, v);
}

/** Look-ups per client address and window at /verify (numbers are sequential: the page is no directory). */
export const VERIFY_LIMITS = { perIp: 60, windowSec: 600 } as const;

/** A /verify look-up from a client address: what was found, or how long to wait. */
export async function verifyLookup(db: Db, raw: string, ip: string | null): Promise<{ found: VerifiedDocument[] } | { retryAfterSec: number }> {
  if (ip) {
    const r = await hit(db, `verify:ip:${ip}`, VERIFY_LIMITS.windowSec);
    if (r.count > VERIFY_LIMITS.perIp) return { retryAfterSec: r.retryAfterSec };
  }
  return { found: await verifyAnyNumber(db, raw) };
}

export async function verifyAnyNumber(db: DbOrTx, raw: string): Promise<VerifiedDocument[]> {
  const number = raw.trim();
  // Numbers and tokens are short ASCII; anything else cannot match, so skip the queries.
  if (!number || number.length > 64 || hasForbiddenChars(number)) return [];
  const ordered = [...verifiers.values()].sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
  for (const v of ordered) {
    const found = await v.find(db, number);
    if (found.length) return found;
  }
  return [];
}
