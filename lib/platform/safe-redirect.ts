/**
 * The one rule for a destination taken from a request (`next`, `return`,
 * `returnUrl`, a sign-in callback): a path on this site only. Accepted: it
 * starts with one `/`, holds printable ASCII only (no control character, space
 * or non-ASCII: a browser drops tabs and newlines, so `/\t/evil.example` is
 * `//evil.example`), no backslash anywhere (browsers read `/\` as `//`), at
 * most 1000 characters, and resolves to this origin. Anything else is refused.
 */
export const MAX_REDIRECT_PATH = 1000;

export function isSafeRedirectPath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REDIRECT_PATH) return false;
  if (value[0] !== '/' || value[1] === '/') return false;
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes('\\')) return false;
  try {
    const base = 'http://same-origin.invalid';
    return new URL(value, base).origin === base;
  } catch {
    return false;
  }
}

/** `value` when it is a safe in-site path, else `fallback` (the home page of the caller's area). */
export function safeRedirectPath(value: string | string[] | null | undefined, fallback: string): string {
  const v = Array.isArray(value) ? value[0] : value;
  return isSafeRedirectPath(v) ? v : fallback;
}
