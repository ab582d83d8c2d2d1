import type { DbOrTx } from '@/db';
import { AppError } from '../errors';
import { nextPatternNumber, parseNumberPattern } from '../numbers';
import { getSetting } from '../settings';

export { numberFrame, parseNumberPattern } from '../numbers';

/**
 * Certificate numbers: a pattern per type, e.g. `{prefix}{yyyy}{seq:6}` →
 * HY2026000001. Tokens: {prefix}, {yyyy}, {yy}, {mm}, {dd} (China time) and
 * exactly one {seq:N} (N = 3…12 digits); anything else is literal (letters,
 * digits, '-', '/'). The sequence comes from an `application_counters` row
 * whose key is the number with everything but the sequence filled in
 * (`cert:HY2026{seq:6}`): an upsert increments it under a row lock, so numbers
 * are unique under concurrency, a yearly pattern starts again each year, and a
 * pattern without a date part simply keeps counting. Types sharing a prefix
 * and pattern share the counter, so they never collide either.
 */
export const DEFAULT_NUMBER_PATTERN = '{prefix}{yyyy}{seq:6}';
export const numberPatternSettingKey = (type: string) => `certificates.numberPattern.${type}`;

/** The pattern in force for a type: the site setting if it parses, else the type's default. */
export async function numberPatternFor(db: DbOrTx, type: { type: string; numberPattern: string }): Promise<string> {
  const configured = await getSetting<unknown>(db, numberPatternSettingKey(type.type));
  if (typeof configured === 'string' && configured.trim()) {
    try {
      parseNumberPattern(configured.trim());
      return configured.trim();
    } catch {
      throw new AppError('INTERNAL', { detail: `site setting ${numberPatternSettingKey(type.type)} is not a valid number pattern` });
    }
  }
  return type.numberPattern;
}

/** Takes the next number of a type (inside the issuing transaction: a rollback gives the number back). */
export async function nextCertificateNumber(tx: DbOrTx, type: { type: string; prefix: string; numberPattern: string }, now = new Date()): Promise<string> {
  return nextPatternNumber(tx, { pattern: await numberPatternFor(tx, type), prefix: type.prefix, namespace: 'cert', overflow: 'refuse' }, now);
}
