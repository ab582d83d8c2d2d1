/**
 * Text every input must be: no control characters (other than tab, line feed
 * and carriage return) and no unpaired UTF-16 surrogates. Postgres refuses a
 * NUL byte in text and a lone surrogate cannot be encoded as UTF-8, so such a
 * value would otherwise fail deep inside a write as an internal error; here it
 * is refused up front, naming the field (issue #15.11). `invokeAction` and the
 * route gate check every string of their input with `findForbiddenText`.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenChars(value: string): boolean {
  return FORBIDDEN.test(value);
}

/** The path ('' for the value itself) of the first string holding a forbidden character, or null. Nested at most 8 deep. */
export function findForbiddenText(value: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof value === 'string') return hasForbiddenChars(value) ? path.join('.') : null;
  if (depth > 8 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findForbiddenText(value[i], [...path, i], depth + 1);
      if (p !== null) return p;
    }
    return null;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return null;
  for (const [k, v] of Object.entries(value)) {
    const p = hasForbiddenChars(k) ? [...path, k].join('.') : findForbiddenText(v, [...path, k], depth + 1);
    if (p !== null) return p;
  }
  return null;
}

/** Replaces what `hasForbiddenChars` refuses with U+FFFD (for text that is only recorded, e.g. a typed identifier in the audit log). */
export function cleanText(value: string): string {
  return value.replace(new RegExp(FORBIDDEN.source, 'g'), '\uFFFD');
}
