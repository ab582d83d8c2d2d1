import { NextResponse, type NextRequest } from 'next/server';
import { noteRequestAddress } from '@/lib/platform/http/origin';

/**
 * Runs before every page and API request. It only tags requests and sets
 * security headers: authorization is never decided here (the server actions,
 * route handlers and pages check the actor themselves).
 */
export function proxy(req: NextRequest) {
  // Once per process: does APP_URL (the links we generate) match where requests arrive?
  noteRequestAddress({ host: req.headers.get('x-forwarded-host') ?? req.headers.get('host'), proto: req.headers.get('x-forwarded-proto') ?? req.nextUrl.protocol });
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
