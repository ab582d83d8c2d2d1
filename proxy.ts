import { NextResponse, type NextRequest } from 'next/server';
import { noteRequestAddress } from '@/lib/platform/http/origin';
import { env } from '@/lib/platform/env';
import { ACTION_BODY_LIMIT_BYTES, payloadTooLargeResponse } from '@/lib/platform/http/body-limit';
import { contentSecurityPolicy, newNonce, staticSecurityHeaders } from '@/lib/platform/http/security-headers';

/**
 * Runs before every page and API request. It only tags requests and sets
 * security headers (a nonce-based CSP, Permissions-Policy, HSTS behind https:
 * lib/platform/http/security-headers.ts): authorization is never decided here
 * (the server actions, route handlers and pages check the actor themselves).
 */
export function proxy(req: NextRequest) {
  // A server action whose declared body is over the limit: 413 with a message, before Next reads it.
  if (req.method === 'POST' && req.headers.has('next-action') && Number(req.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT_BYTES) {
    return payloadTooLargeResponse(req.headers.get('cookie'));
  }
  const e = env();
  // Once per process: does APP_URL (the links we generate) match where requests arrive?
  noteRequestAddress({ host: req.headers.get('x-forwarded-host') ?? req.headers.get('host'), proto: req.headers.get('x-forwarded-proto') ?? req.nextUrl.protocol });
  const requestId = req.headers.get('x-request-id') ?? crypto.randomUUID();
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, e);
  const headers = new Headers(req.headers);
  headers.set('x-request-id', requestId);
  // Lets server layouts know the path (e.g. to send a must-change-password account to the password page).
  headers.set('x-pathname', req.nextUrl.pathname);
  // Next.js takes the nonce for its scripts from the request's CSP header.
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('x-request-id', requestId);
  res.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(staticSecurityHeaders(e))) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|fonts/).*)'],
};
