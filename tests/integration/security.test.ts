import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { randomMobile } from '@/db/seed/identity-data';
import { authenticateWithSms, LOGIN_LIMITS } from '@/lib/platform/auth/authenticate';
import { toFailure } from '@/lib/platform/errors';
import { clientIpOf, installClientIpHook } from '@/lib/platform/http/client-ip';
import { createTestDb } from '../helpers/db';

/**
 * Security hardening (issue #15): one describe per finding, each on the
 * domain functions (and, where the finding is about the request itself, a
 * real HTTP server) with this file's own database.
 */
const SECRET = 'test-secret-0123456789-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;
process.env.CAPTCHA_MAX_NUMBER = '500';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

/** A real HTTP server whose handler signs in by SMS with the client address the app would use. */
async function loginServer() {
  installClientIpHook(0);
  const server = http.createServer(async (req, res) => {
    const ip = clientIpOf(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      await authenticateWithSms(h.db, { identifier: url.searchParams.get('id') ?? '', mobile: randomMobile(), code: '000000', audience: 'applicant' }, { ip, secret: SECRET });
      res.end(JSON.stringify({ ip, code: 'OK' }));
    } catch (e) {
      res.end(JSON.stringify({ ip, code: toFailure(e, 'zh-CN').code }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    get: async (id: string, headers: Record<string, string> = {}) => (await (await fetch(`http://127.0.0.1:${port}/?id=${id}`, { headers })).json()) as { ip: string | null; code: string },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('#4 client addresses: X-Forwarded-For only through trusted proxies', () => {
  it('without a trusted proxy, rotating X-Forwarded-For neither dodges the per-IP sign-in limit nor lands in the audit log', async () => {
    const s = await loginServer();
    try {
      const answers = [];
      for (let i = 0; i <= LOGIN_LIMITS.perIp; i++) {
        answers.push(await s.get(`nobody-${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` }));
      }
      expect(new Set(answers.map((a) => a.ip))).toEqual(new Set(['127.0.0.1']));
      expect(answers.slice(0, LOGIN_LIMITS.perIp).every((a) => a.code === 'UNAUTHENTICATED')).toBe(true);
      expect(answers[LOGIN_LIMITS.perIp].code).toBe('RATE_LIMITED');
      const forged = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login_failed'), sql`${auditLog.ip}::text like '203.0.113.%'`));
      expect(forged).toHaveLength(0);
    } finally {
      await s.close();
    }
  });

  it('a client cannot send the address header itself', async () => {
    const header = installClientIpHook(0);
    const s = await loginServer();
    try {
      const r = await s.get('nobody-x', { [header]: '203.0.113.77' });
      expect(r.ip).toBe('127.0.0.1');
    } finally {
      await s.close();
    }
  });
});
