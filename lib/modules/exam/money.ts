/**
 * Money in module D is integer fen (SPEC §1.4). Staff type fees in yuan with
 * up to two decimals; the string is split at the point and both parts are read
 * as integers, so '0.29' is 29 fen exactly (0.29 * 100 in floating point is
 * 28.999999999999996). Pure: used by forms and the server alike.
 */

/** Why a yuan string is not an amount (the form shows a message per reason). */
export type YuanProblem = 'empty' | 'tooManyDecimals' | 'invalid' | 'tooLarge';

// Up to 13 integer digits keeps yuan * 100 + fen far below Number.MAX_SAFE_INTEGER.
const YUAN_RE = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
const GROUPED_RE = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

function normalize(input: string): string {
  let s = input.trim().replace(/^[¥￥]\s*/, '');
  // '1,234.50' as a person copies it from a fee table; commas only in proper thousands groups.
  if (GROUPED_RE.test(s)) s = s.replace(/,/g, '');
  return s;
}

/** Reads a yuan amount ('200', '150.5', '1,234.50', '¥88') into fen, or says what is wrong with it. */
export function readYuan(input: string): { ok: true; fen: number } | { ok: false; problem: YuanProblem } {
  const s = normalize(input);
  if (s === '') return { ok: false, problem: 'empty' };
  if (/^\d+\.\d{3,}$/.test(s)) return { ok: false, problem: 'tooManyDecimals' };
  const m = YUAN_RE.exec(s);
  if (!m) return { ok: false, problem: /^\d{14,}(\.\d{0,2})?$/.test(s) ? 'tooLarge' : 'invalid' };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return { ok: true, fen };
}

/** Yuan string → integer fen; null when it is not a non-negative amount with at most two decimals. */
export function parseYuan(input: string): number | null {
  const r = readYuan(input);
  return r.ok ? r.fen : null;
}

// Display and form strings are the payment layer's (one formatter for every amount on the site).
export { formatFen, fenToYuan as fenToYuanInput } from '@/lib/platform/payments/money';
