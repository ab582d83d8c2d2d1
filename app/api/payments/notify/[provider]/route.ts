import { NextResponse } from 'next/server';
import { z } from 'zod';
import { defineRoute } from '@/lib/platform/http/route';
import { logger } from '@/lib/platform/logger';
import { handleNotification } from '@/lib/platform/payments/checkout';

export const dynamic = 'force-dynamic';

/**
 * POST /api/payments/notify/<provider>: a payment platform's asynchronous
 * notification (Alipay and the sandbox post a form; WeChat Pay posts JSON, signed in its headers). The
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
    let raw: string;
    try {
      raw = await req.text();
      fields = readFields(req, raw);
    } catch {
      return text('fail', 400);
    }
    try {
      // WeChat Pay signs the raw body and sends the signature in Wechatpay-* headers.
      const headers: Record<string, string> = {};
      for (const [k, v] of req.headers) if (k.startsWith('wechatpay-')) headers[k] = v;
      const r = await handleNotification(db, provider, fields, { body: raw, headers });
      return text(r.body, r.status, r.contentType);
    } catch (err) {
      // A database failure: the platform will retry; the notification is not lost.
      logger.error('payment notification failed', { provider, err });
      return text('fail', 500);
    }
  },
});

function readFields(req: Request, raw: string): Record<string, string> {
  const type = req.headers.get('content-type') ?? '';
  if (raw.length > 64_000) throw new Error('notification too large');
  if (type.includes('application/json')) {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => typeof x === 'string' || typeof x === 'number').map(([k, x]) => [k, String(x)]));
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function text(body: string, status: number, contentType = 'text/plain; charset=utf-8') {
  return new NextResponse(body, { status, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
