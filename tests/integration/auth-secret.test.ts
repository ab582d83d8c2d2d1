import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { authSecret } from '@/lib/platform/auth/secret';
import { getSetting } from '@/lib/platform/settings';
import { createTestDb } from '../helpers/db';

// No AUTH_SECRET: the secret is generated once and stored in the database, which every instance of the site shares.
delete process.env.AUTH_SECRET;

let a: DbHandle;
let b: DbHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe('the signing secret without AUTH_SECRET', () => {
  it('is generated once per database, stored there, and each database keeps its own', async () => {
    const [sa, sa2, sb] = await Promise.all([authSecret(a.db), authSecret(a.db), authSecret(b.db)]);
    expect(sa).toMatch(/^[\w-]{40,}$/);
    expect(sa2).toBe(sa);
    expect(sb).not.toBe(sa);
    expect(await getSetting<string>(a.db, 'auth.secret')).toBe(sa);
    expect(await getSetting<string>(b.db, 'auth.secret')).toBe(sb);
    expect(await authSecret(b.db)).toBe(sb);
  });
});
