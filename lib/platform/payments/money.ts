/**
 * Money is integer fen everywhere in the platform; yuan strings exist only at
 * the edges (what people read, what Alipay's API speaks). Conversions never go
 * through floating point, so 0.1 + 0.2 can never become a wrong amount.
 */

/** 8800 → '88.00'. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount in fen must be an integer: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123450 → '¥1,234.50', -1505 → '-¥15.05' (what the cashier, lists and receipts show). */
export function formatFen(fen: number): string {
  const yuan = fenToYuan(Math.abs(fen));
  const [int, dec] = yuan.split('.');
  return `${fen < 0 ? '-' : ''}¥${int.replace(/\B(?=(\d{3})+$)/g, ',')}.${dec}`;
}

/** '88', '88.5', '88.50' → 8800 / 8850; anything else (negative, three decimals, exponent, spaces) → null. */
export function yuanToFen(yuan: string): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** A non-negative integer amount of fen written as digits ('8800'); anything else → null. */
export function parseFen(s: string | undefined | null): number | null {
  if (!s || !/^\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}
