import type { Env } from '../env';

/**
 * The security headers proxy.ts puts on every answer (issue #15.12):
 * - Content-Security-Policy with a fresh nonce per request: Next.js reads the
 *   nonce from the request's CSP header and puts it on its own inline and
 *   framework scripts (every page renders per request), `'strict-dynamic'`
 *   lets those load their chunks, nothing else runs. Styles allow inline
 *   `style` attributes (React renders some); images, uploads and downloads may
 *   go to the object storage's public origin (presigned URLs);
 * - Permissions-Policy: no camera, microphone, geolocation, payment … API;
 * - Strict-Transport-Security when APP_URL is https.
 * No Next.js import: unit tests call it.
 */
export function storagePublicOrigin(e: Pick<Env, 'S3_PUBLIC_ENDPOINT' | 'S3_ENDPOINT' | 'EMBEDDED_S3_PORT'>): string {
  const endpoint = e.S3_PUBLIC_ENDPOINT ?? e.S3_ENDPOINT ?? `http://localhost:${e.EMBEDDED_S3_PORT}`;
  return new URL(endpoint).origin;
}

export function contentSecurityPolicy(nonce: string, e: Pick<Env, 'S3_PUBLIC_ENDPOINT' | 'S3_ENDPOINT' | 'EMBEDDED_S3_PORT' | 'NODE_ENV' | 'APP_URL'>): string {
  const storage = storagePublicOrigin(e);
  // Storage on a bucket subdomain (virtual-host style) answers on <bucket>.<host>.
  const storageHosts = `${storage} ${storage.replace('://', '://*.')}`;
  const dev = e.NODE_ENV === 'development';
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: ${storageHosts}`,
    `font-src 'self' data:`,
    `connect-src 'self' ${storageHosts}${dev ? ' ws: wss:' : ''}`,
    `media-src 'self' ${storageHosts}`,
    `frame-src 'self' ${storageHosts}`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'self'`,
    ...(new URL(e.APP_URL).protocol === 'https:' ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/** The response headers besides the CSP. */
export function staticSecurityHeaders(e: Pick<Env, 'APP_URL'>): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'SAMEORIGIN',
    'Permissions-Policy': PERMISSIONS_POLICY,
    ...(new URL(e.APP_URL).protocol === 'https:' ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
