import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DbHandle } from '@/db/client';
import { createIndividual, createStaff } from '@/db/seed/factories';
import { defineAction, invokeAction } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { installClientIpHook } from '@/lib/platform/http/client-ip';
import { routeHandler, type RouteDef, type RouteEnv } from '@/lib/platform/http/route-core';
import { uuidSchema } from '@/lib/platform/schemas';
import type { Storage } from '@/lib/platform/storage';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

/**
 * The route gate (lib/platform/http/route-core.ts) with this file's database,
 * a fake storage and a fixed clock: what every route handler answers before
 * and around its own work.
 */
let h: DbHandle;
let individual: Actor;
let finance: Actor;
let admin: Actor;
let pendingAdmin: Actor;

beforeAll(async () => {
  h = await createTestDb();
  individual = await actorOf(h.db, (await createIndividual(h.db)).id);
  finance = await actorOf(h.db, (await createStaff(h.db, [{ role: 'finance' }])).id);
  admin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'admin' }])).id);
  pendingAdmin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'admin' }], { mustChangePassword: true })).id);
});
afterAll(async () => {
  await h.close();
});

const fakeStorage = { presignGet: async (key: string) => `https://s3.test/${key}` } as unknown as Storage;
const NOW = new Date('2030-01-01T00:00:00Z');
const env = (actor: Actor, over: Partial<RouteEnv> = {}): RouteEnv => ({ db: async () => h.db, storage: async () => fakeStorage, actor: async () => actor, now: () => NOW, ...over });

/** Calls a definition as `actor` on `url` (params as Next passes them). */
async function call(def: RouteDef<never, never, never>, actor: Actor, url = 'http://app.test/x', params: Record<string, string> = {}, over: Partial<RouteEnv> = {}, headers: Record<string, string> = {}) {
  const res = await routeHandler(def as never, env(actor, over))(new Request(url, { headers }), { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: (() => { try { return JSON.parse(text) as Record<string, unknown>; } catch { return null; } })() };
}

const ok = async () => Response.json({ ok: true });
const adminOnly = { access: { kind: 'staff', roles: ['admin'] }, handler: ok } as const;

describe('the route gate', () => {
  it('answers 401 to an anonymous caller on a signed-in route, with the translated message', async () => {
    const r = await call({ access: { kind: 'signedIn' }, handler: ok } as never, ANONYMOUS);
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 403 to the wrong kind of account or a staff member without the role', async () => {
    expect((await call(adminOnly as never, individual)).status).toBe(403);
    expect((await call(adminOnly as never, finance)).json).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(adminOnly as never, admin)).status).toBe(200);
  });

  it("hides the handler's own refusal as 404 when the route asks for it (not the gate's)", async () => {
    const def = { access: { kind: 'signedIn' }, hideForbidden: true, handler: async () => { throw new AppError('FORBIDDEN'); } };
    expect((await call(def as never, individual)).status).toBe(404);
    expect((await call(def as never, ANONYMOUS)).status).toBe(401);
  });

  it('refuses an account on generated credentials with 403 and the Chinese message, on every route that reads the session', async () => {
    for (const access of [{ kind: 'public' }, { kind: 'signedIn' }, { kind: 'staff', roles: ['admin'] }]) {
      const r = await call({ access, handler: ok } as never, pendingAdmin);
      expect(r.status, access.kind).toBe(403);
      expect(r.json, access.kind).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '请先修改初始密码后再进行其他操作' });
    }
    // English pages get the English message.
    const en = await call(adminOnly as never, pendingAdmin, 'http://app.test/x', {}, {}, { cookie: 'NEXT_LOCALE=en' });
    expect(en.json).toMatchObject({ message: 'Change your initial password before doing anything else' });
    // The one way out opts in.
    expect((await call({ ...adminOnly, allowPendingPasswordChange: true } as never, pendingAdmin)).status).toBe(200);
  });

  it('never reads the session of a route declared session: false', async () => {
    const r = await call({ access: { kind: 'public' }, session: false, handler: async ({ actor }: { actor: Actor }) => Response.json({ kind: actor.kind }) } as never, pendingAdmin, 'http://app.test/x', {}, { actor: async () => { throw new Error('session read'); } });
    expect(r).toMatchObject({ status: 200, json: { kind: 'anonymous' } });
  });

  it('answers 404 to path params that name nothing and 400 (with field errors) to a bad query', async () => {
    const def = {
      access: { kind: 'public' },
      params: z.object({ id: uuidSchema() }),
      query: z.object({ page: z.coerce.number().int().min(1).optional() }),
      handler: async ({ params, query }: { params: { id: string }; query: { page?: number } }) => Response.json({ id: params.id, page: query.page ?? null }),
    };
    const id = '7d1c5f0e-3a8b-4c2d-9e6f-0a1b2c3d4e5f';
    expect((await call(def as never, ANONYMOUS, 'http://app.test/x', { id: 'not-a-uuid' })).status).toBe(404);
    const bad = await call(def as never, ANONYMOUS, 'http://app.test/x?page=0', { id });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { page: [expect.any(String)] } });
    expect(await call(def as never, ANONYMOUS, 'http://app.test/x?page=2', { id })).toMatchObject({ status: 200, json: { id, page: 2 } });
  });

  it('maps AppError codes to their status in one place, as JSON or plain text', async () => {
    const throwing = (code: 'CONFLICT' | 'RATE_LIMITED' | 'NOT_FOUND') => ({ access: { kind: 'public' }, handler: async () => { throw new AppError(code, { params: { seconds: 30 } }); } });
    expect((await call(throwing('CONFLICT') as never, ANONYMOUS)).status).toBe(409);
    expect((await call(throwing('RATE_LIMITED') as never, ANONYMOUS)).status).toBe(429);
    const text = await call({ ...throwing('NOT_FOUND'), errorBody: 'text' } as never, ANONYMOUS);
    expect(text.status).toBe(404);
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(text.text).toBe('未找到相关记录');
  });

  it('answers an unknown error 500 with the generic message and nothing of the error itself', async () => {
    const r = await call({ access: { kind: 'public' }, handler: async () => { throw new Error('secret connection string postgres://u:p@db'); } } as never, ANONYMOUS);
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后重试' });
    expect(r.text).not.toMatch(/secret|postgres|at .*\.ts/);
  });

  it('answers 503 when the database cannot be opened', async () => {
    const r = await call({ access: { kind: 'public' }, session: false, handler: ok } as never, ANONYMOUS, 'http://app.test/x', {}, { db: async () => { throw new Error('ECONNREFUSED'); } });
    expect(r).toMatchObject({ status: 503, json: { code: 'UNAVAILABLE' } });
  });

  it("hands the handler the test's database, storage, clock, IP and locale", async () => {
    const def = {
      access: { kind: 'public' },
      handler: async ({ db, storage, now, ip, locale }: { db: unknown; storage: () => Promise<Storage>; now: () => Date; ip: string | null; locale: string }) =>
        Response.json({ sameDb: db === h.db, url: await (await storage()).presignGet('files/a', { expiresIn: 60 }), now: now().toISOString(), ip, locale }),
    };
    // The address the server's request hook resolved (client-ip.ts), never the raw X-Forwarded-For.
    const ipHeader = installClientIpHook(0);
    const r = await call(def as never, ANONYMOUS, 'http://app.test/x', {}, {}, { [ipHeader]: '10.0.0.1', 'x-forwarded-for': '10.1.2.3', cookie: 'a=b; NEXT_LOCALE=en' });
    expect(r.json).toEqual({ sameDb: true, url: 'https://s3.test/files/a', now: NOW.toISOString(), ip: '10.0.0.1', locale: 'en' });
  });
});

describe('the action context', () => {
  it('carries the storage and the clock the caller injects', async () => {
    const def = defineAction({
      access: { kind: 'public' },
      schema: z.object({}),
      handler: async ({ storage, now }) => ({ url: await (await storage()).presignGet('files/b', { expiresIn: 60 }), now: now().toISOString() }),
    });
    const r = await invokeAction(def, { db: h.db, storage: async () => fakeStorage, now: () => NOW, actor: async () => ANONYMOUS, ip: null, locale: 'zh-CN' }, {});
    expect(r).toEqual({ ok: true, data: { url: 'https://s3.test/files/b', now: NOW.toISOString() } });
  });
});
