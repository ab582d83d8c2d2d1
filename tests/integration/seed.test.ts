import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { applications, notices, organizations, siteSettings, staffRoles, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { DEMO_ACCOUNTS, DEMO_INDIVIDUAL, DEMO_ORG, seedDemo } from '@/db/seed/demo';
import { verifyPassword } from '@/lib/platform/auth/password';
import { isValidResidentId, isValidUnifiedSocialCreditCode } from '@/lib/reference/validators';
import { createIndividual } from '@/db/seed/factories';
import { isUniqueViolation } from '@/lib/platform/errors';
import { heldFields } from '@/lib/modules/accreditation/field-change/services/held-fields';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

async function counts() {
  const n = async (t: typeof users | typeof notices | typeof organizations | typeof siteSettings | typeof staffRoles | typeof applications) =>
    Number((await h.db.select({ n: count() }).from(t))[0].n);
  return { users: await n(users), notices: await n(notices), orgs: await n(organizations), settings: await n(siteSettings), roles: await n(staffRoles), applications: await n(applications) };
}

describe('demo seed', () => {
  it('creates every demo account and is idempotent', async () => {
    const first = await seedDemo(h.db);
    expect(first.created).toBeGreaterThan(0);
    const after1 = await counts();
    // Staff + the individual + the org main and sub account + one main account per accredited institution.
    expect(after1.users).toBe(DEMO_ACCOUNTS.length + 3 + 2);
    expect(after1.applications).toBe(2);
    expect(after1.notices).toBeGreaterThanOrEqual(5);
    const second = await seedDemo(h.db);
    expect(second.created).toBe(0);
    expect(await counts()).toEqual(after1);
  });

  it('the demo accredited institutions hold the business field of their certificate (issue #18 §8)', async () => {
    await seedDemo(h.db);
    const orgOf = async (username: string) => (await h.db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username)))[0].orgId!;
    expect(await heldFields(h.db, await orgOf('cnasl0001'))).toEqual([{ key: 'laboratory', label: '实验室' }]);
    expect(await heldFields(h.db, await orgOf('cnasib0001'))).toEqual([{ key: 'inspectionBody', label: '检验机构' }]);
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
