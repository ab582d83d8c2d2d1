import { NextResponse, type NextRequest } from 'next/server';
import { ACTION_BODY_LIMIT_BYTES, payloadTooLargeResponse } from '@/lib/platform/http/body-limit';

/**
 * Runs before every page and API request. It only tags requests and sets
 * security headers: authorization is never decided here (the server actions,
 * route handlers and pages check the actor themselves).
 */
export function proxy(req: NextRequest) {
  // A server action whose declared body is over the limit: 413 with a message, before Next reads it.
  if (req.method === 'POST' && req.headers.has('next-action') && Number(req.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT_BYTES) {
    return payloadTooLargeResponse(req.headers.get('cookie'));
  }
  const requestId = req.headers.get('x-request-id') ?? crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set('x-request-id', requestId);
  // Lets server layouts know the path (e.g. to send a must-change-password account to the password page).
  headers.set('x-pathname', req.nextUrl.pathname);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('x-request-id', requestId);
  res.headers.set('X-Content-Type-Options', 'nosniff');
  res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.headers.set('X-Frame-Options', 'SAMEORIGIN');
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|fonts/).*)'],
};
