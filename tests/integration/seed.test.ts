import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { applications, documents, notices, organizations, reviewEvaluations, siteSettings, staffRoles, users } from '@/db/schema';
import { REVIEW_PROJECT } from '@/lib/modules/review/constants';
import type { DbHandle } from '@/db/client';
import { DEMO_ACCOUNTS, DEMO_INDIVIDUAL, DEMO_ORG, seedDemo } from '@/db/seed/demo';
import { verifyPassword } from '@/lib/platform/auth/password';
import { isValidResidentId, isValidUnifiedSocialCreditCode } from '@/lib/reference/validators';
import { createIndividual } from '@/db/seed/factories';
import { isUniqueViolation } from '@/lib/platform/errors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

async function counts() {
  const n = async (t: typeof users | typeof notices | typeof organizations | typeof siteSettings | typeof staffRoles | typeof applications) =>
    Number((await h.db.select({ n: count() }).from(t))[0].n);
  return { users: await n(users), notices: await n(notices), orgs: await n(organizations), settings: await n(siteSettings), roles: await n(staffRoles), applications: await n(applications) };
}

describe('demo seed', () => {
  it('creates every demo account and is idempotent', async () => {
    const first = await seedDemo(h.db, { storage: async () => s.storage });
    expect(first.created).toBeGreaterThan(0);
    const after1 = await counts();
    // Staff + the individual + the org main and sub account + one main account per accredited institution.
    expect(after1.users).toBe(DEMO_ACCOUNTS.length + 3 + 2);
    // Two module-A pre-applications and six module-E review projects (one per stage).
    expect(after1.applications).toBe(2 + 6);
    expect(after1.notices).toBeGreaterThanOrEqual(5);
    const second = await seedDemo(h.db, { storage: async () => s.storage });
    expect(second.created).toBe(0);
    expect(await counts()).toEqual(after1);
  });

  it('module E: one review project at each stage, their files in the object store, the finished one evaluated', async () => {
    const rows = await h.db.select({ status: applications.status, id: applications.id }).from(applications).where(eq(applications.kind, REVIEW_PROJECT));
    expect(rows.map((r) => r.status).sort()).toEqual(['draft', 'finished', 'letter', 'noticeIssued', 'prereview', 'rectifying']);
    const files = await h.db.select().from(documents).where(inArray(documents.applicationId, rows.map((r) => r.id)));
    expect(files.length).toBeGreaterThanOrEqual(2 + 5 * 5 + 3 + 2);
    for (const f of files.slice(0, 3)) expect(await s.storage.get(f.storageKey)).not.toBeNull();
    expect(await h.db.select().from(reviewEvaluations)).toHaveLength(1);
  });

  it('demo credentials in the README verify against their argon2id hashes', async () => {
    for (const a of [...DEMO_ACCOUNTS, DEMO_INDIVIDUAL, DEMO_ORG, DEMO_ORG.sub]) {
      const [u] = await h.db.select().from(users).where(eq(users.username, a.username));
      expect(u, a.username).toBeDefined();
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(u.passwordHash, a.password)).toBe(true);
      expect(await verifyPassword(u.passwordHash, a.password.toLowerCase())).toBe(false);
    }
  });

  it('uses valid identity numbers', () => {
    expect(isValidResidentId(DEMO_INDIVIDUAL.idNumber)).toBe(true);
    expect(isValidUnifiedSocialCreditCode(DEMO_ORG.creditCode)).toBe(true);
  });

  it('one ID number, one account: the database refuses a duplicate', async () => {
    const a = await createIndividual(h.db);
    const err = await createIndividual(h.db, { idNumber: a.idNumber }).catch((e) => e);
    expect(isUniqueViolation(err)).toBe(true);
    const err2 = await createIndividual(h.db, { mobile: a.mobile }).catch((e) => e);
    expect(isUniqueViolation(err2)).toBe(true);
  });
});
