import crypto from 'node:crypto';

/**
 * The canonical string of a parameter set, as Alipay's open API (and our
 * sandbox, which copies it) signs it: every parameter except `sign` and
 * `sign_type`, empty values left out, sorted by name (byte order), joined as
 * `name=value&…` with the values as they are (not URL-encoded).
 */
export function canonicalString(params: Record<string, string | undefined | null>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'sign_type' && params[k] !== undefined && params[k] !== null && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/** Constant-time comparison of two strings (signatures). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A date and time in China (UTC+8, no daylight saving), as Alipay writes them: 2026-03-01 09:30:00. */
export function chinaDateTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** yyyymmdd in China (order numbers, trade numbers). */
export function chinaDate(d: Date): string {
  return chinaDateTime(d).slice(0, 10).replace(/-/g, '');
}

/**
 * An RSA key from configuration: PEM, or the bare base64 the Alipay key tool
 * prints (PKCS#8 or PKCS#1 for private keys, SPKI for public keys). Literal
 * "\n" sequences (common in .env files) count as line breaks.
 */
export function readPrivateKey(text: string): crypto.KeyObject {
  const s = text.replace(/\\n/g, '\n').trim();
  if (s.startsWith('-----BEGIN')) return crypto.createPrivateKey(s);
  const der = Buffer.from(s.replace(/\s+/g, ''), 'base64');
  try {
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

export function readPublicKey(text: string): crypto.KeyObject {
  const s = text.replace(/\\n/g, '\n').trim();
  if (s.startsWith('-----BEGIN')) return crypto.createPublicKey(s);
  const der = Buffer.from(s.replace(/\s+/g, ''), 'base64');
  try {
    return crypto.createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return crypto.createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/** RSA2 = SHA256withRSA (PKCS#1 v1.5), base64. */
export function rsa2Sign(content: string, key: crypto.KeyObject): string {
  return crypto.sign('RSA-SHA256', Buffer.from(content, 'utf8'), key).toString('base64');
}

export function rsa2Verify(content: string, signature: string, key: crypto.KeyObject): boolean {
  try {
    return crypto.verify('RSA-SHA256', Buffer.from(content, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
