import { NextResponse } from 'next/server';
import { z } from 'zod';
import { defineRoute } from '@/lib/platform/http/route';
import { logger } from '@/lib/platform/logger';
import { handleNotification } from '@/lib/platform/payments/checkout';

export const dynamic = 'force-dynamic';

/**
 * POST /api/payments/notify/<provider>: a payment platform's asynchronous
 * notification (Alipay and the sandbox post a form; JSON is read too). The
 * answer is what the platform expects: 'success' stops its retries; anything
 * else makes it try again later. No session, no CSRF token: the provider's
 * signature is the only thing believed.
 */
export const POST = defineRoute({
  access: { kind: 'public' },
  session: false,
  params: z.object({ provider: z.string().min(1).max(32) }),
  handler: async ({ req, db, params: { provider } }) => {
    let fields: Record<string, string>;
    try {
      fields = await readFields(req);
    } catch {
      return text('fail', 400);
    }
    try {
      const r = await handleNotification(db, provider, fields);
      return text(r.body, r.status);
    } catch (err) {
      // A database failure: the platform will retry; the notification is not lost.
      logger.error('payment notification failed', { provider, err });
      return text('fail', 500);
    }
  },
});

async function readFields(req: Request): Promise<Record<string, string>> {
  const type = req.headers.get('content-type') ?? '';
  const raw = await req.text();
  if (raw.length > 64_000) throw new Error('notification too large');
  if (type.includes('application/json')) {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => typeof x === 'string' || typeof x === 'number').map(([k, x]) => [k, String(x)]));
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function text(body: string, status: number) {
  return new NextResponse(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
