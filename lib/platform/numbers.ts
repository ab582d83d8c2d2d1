import { sql } from 'drizzle-orm';
import { applicationCounters } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError } from './errors';

/**
 * Human numbers from a pattern, e.g. `{prefix}{yyyy}{seq:6}` → HY2026000001
 * or `{prefix}{yy}{seq:3}` → PSSCZJ24003. Tokens: {prefix}, {yyyy}, {yy},
 * {mm}, {dd} (China time) and exactly one {seq:N} (N = 3…12 digits); anything
 * else is literal (letters, digits, '-', '/'). The sequence comes from an
 * `application_counters` row whose key is the number with everything but the
 * sequence filled in (`<namespace>:HY2026{seq:6}`): an upsert increments it
 * under a row lock, so numbers are unique under concurrency, a yearly pattern
 * starts again each year, and a pattern without a date part keeps counting.
 * Used by certificates (lib/platform/certificates/numbers.ts) and by kinds
 * that declare `numbering` (lib/platform/workflow/engine.ts).
 */
type Part = { kind: 'literal'; text: string } | { kind: 'token'; name: 'prefix' | 'yyyy' | 'yy' | 'mm' | 'dd' } | { kind: 'seq'; digits: number };

export function parseNumberPattern(pattern: string): Part[] {
  if (typeof pattern !== 'string' || pattern.length > 64) throw new Error(`invalid number pattern ${String(pattern)}`);
  const parts: Part[] = [];
  const re = /\{([a-z]+)(?::(\d+))?\}|([A-Za-z0-9\-/]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < pattern.length && (m = re.exec(pattern))) {
    pos = re.lastIndex;
    if (m[3]) parts.push({ kind: 'literal', text: m[3] });
    else if (m[1] === 'seq') {
      const digits = Number(m[2]);
      if (!(digits >= 3 && digits <= 12)) throw new Error(`invalid number pattern ${pattern}: {seq:N} needs N between 3 and 12`);
      parts.push({ kind: 'seq', digits });
    } else if (!m[2] && (m[1] === 'prefix' || m[1] === 'yyyy' || m[1] === 'yy' || m[1] === 'mm' || m[1] === 'dd')) parts.push({ kind: 'token', name: m[1] });
    else throw new Error(`invalid number pattern ${pattern}: unknown token {${m[1]}}`);
  }
  if (pos !== pattern.length) throw new Error(`invalid number pattern ${pattern}`);
  if (parts.filter((p) => p.kind === 'seq').length !== 1) throw new Error(`invalid number pattern ${pattern}: needs exactly one {seq:N}`);
  return parts;
}

function chinaDate(now: Date) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => f.find((p) => p.type === t)!.value;
  return { yyyy: get('year'), mm: get('month'), dd: get('day') };
}

/** The number with everything but the sequence filled in (the counter's key), and the sequence's width. */
export function numberFrame(pattern: string, prefix: string, now: Date): { frame: string; digits: number } {
  const d = chinaDate(now);
  let digits = 0;
  const frame = parseNumberPattern(pattern)
    .map((p) => {
      if (p.kind === 'literal') return p.text;
      if (p.kind === 'seq') {
        digits = p.digits;
        return `{seq:${p.digits}}`;
      }
      return p.name === 'prefix' ? prefix : p.name === 'yy' ? d.yyyy.slice(2) : d[p.name];
    })
    .join('');
  return { frame, digits };
}

export type PatternNumberInput = {
  pattern: string;
  prefix: string;
  /** Keeps the counters of different users of the same frame apart ('cert', 'app' …). */
  namespace: string;
  /**
   * When the sequence outgrows its width: 'refuse' (an error: certificate
   * numbers have a fixed length) or 'widen' (print every digit: PSSCZJ241000
   * after PSSCZJ24999, still unique because the sequence is the number's end).
   */
  overflow?: 'refuse' | 'widen';
};

/** Takes the next number (inside the creating transaction: a rollback gives the number back). */
export async function nextPatternNumber(tx: DbOrTx, input: PatternNumberInput, now = new Date()): Promise<string> {
  const { frame, digits } = numberFrame(input.pattern, input.prefix, now);
  const [row] = await tx
    .insert(applicationCounters)
    .values({ prefix: `${input.namespace}:${frame}`, year: 0, value: 1 })
    .onConflictDoUpdate({ target: [applicationCounters.prefix, applicationCounters.year], set: { value: sql`${applicationCounters.value} + 1` } })
    .returning({ value: applicationCounters.value });
  const seq = String(row.value);
  if (seq.length > digits && input.overflow !== 'widen') throw new AppError('INTERNAL', { detail: `numbers of ${frame} are exhausted` });
  return frame.replace(`{seq:${digits}}`, seq.padStart(digits, '0'));
}
