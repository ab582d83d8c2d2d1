import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { applications, bankTransfers, candidatePhotos, certificates, documents, enterpriseStaff, examRegistrations, exams, notices, orders, organizations, qualificationLevels, reviewEvaluations, siteSettings, staffRoles, users } from '@/db/schema';
import { REVIEW_PROJECT } from '@/lib/modules/review/constants';
import type { DbHandle } from '@/db/client';
import { DEMO_ACCOUNTS, DEMO_INDIVIDUAL, DEMO_ORG, seedDemo } from '@/db/seed/demo';
import { DEMO_MEMBERSHIP_PAYING } from '@/db/seed/demo-membership';
import { DEMO_PERSONNEL } from '@/db/seed/demo-personnel';
import { DEMO_RELEASED_CANDIDATES, DEMO_RELEASED_EXAM } from '@/db/seed/demo-exports';
import { DEMO_FILING_ORG } from '@/db/seed/demo-membership-changes';
import { DEMO_QUALIFICATION_ORGS } from '@/db/seed/demo-qualification';
import { qualificationOf } from '@/lib/modules/membership/qualification/status';
import { verifyPassword } from '@/lib/platform/auth/password';
import { isValidResidentId, isValidUnifiedSocialCreditCode } from '@/lib/reference/validators';
import { createIndividual } from '@/db/seed/factories';
import { isUniqueViolation } from '@/lib/platform/errors';
import { heldFields } from '@/lib/modules/accreditation/field-change/services/held-fields';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';
import { DEMO_STATS_CANDIDATES } from '@/db/seed/demo-dashboard';

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
    // Staff + the individual + the org main and sub account + one main account per accredited institution + module B's three qualification enterprises, the overdue-review enterprise, the out-of-province enterprise and the enterprise paying its dues + module C's people + the candidates of the dashboard's demo exam + the released exam's paid candidates and its one unpaid.
    expect(after1.users).toBe(DEMO_ACCOUNTS.length + 3 + 2 + 3 + 1 + 1 + 1 + DEMO_PERSONNEL.length + DEMO_STATS_CANDIDATES + DEMO_RELEASED_CANDIDATES.length + 1);
    // Two module-A pre-applications; module B's returned 资质申请, filing, info change and the membership waiting for finance; module C's two enrollments; module E's six review projects (one per stage).
    expect(after1.applications).toBe(6 + 2 + 6);
    expect(after1.notices).toBeGreaterThanOrEqual(5);
    const second = await seedDemo(h.db, { storage: async () => s.storage });
    expect(second.created).toBe(0);
    expect(await counts()).toEqual(after1);
  });

  it('the exam with released tickets (issue #17 bulk print): its paid candidates numbered, each photo in the object store', async () => {
    const [exam] = await h.db.select().from(exams).where(eq(exams.name, DEMO_RELEASED_EXAM));
    expect(exam.ticketsReleasedAt).not.toBeNull();
    const regs = await h.db.select({ status: examRegistrations.status, ticketNumber: examRegistrations.ticketNumber, key: candidatePhotos.processedKey }).from(examRegistrations).innerJoin(candidatePhotos, eq(candidatePhotos.userId, examRegistrations.userId)).where(eq(examRegistrations.examId, exam.id));
    expect(regs.filter((r) => r.status === 'paid' && r.ticketNumber)).toHaveLength(DEMO_RELEASED_CANDIDATES.length);
    expect(regs.filter((r) => r.status !== 'paid').map((r) => r.ticketNumber)).toEqual([null]);
    expect(await s.storage.get(regs[0].key)).not.toBeNull();
  });

  it('module E: one review project at each stage, their files in the object store, the finished one evaluated', async () => {
    const rows = await h.db.select({ status: applications.status, id: applications.id }).from(applications).where(eq(applications.kind, REVIEW_PROJECT));
    expect(rows.map((r) => r.status).sort()).toEqual(['draft', 'finished', 'letter', 'noticeIssued', 'prereview', 'rectifying']);
    const files = await h.db.select().from(documents).where(inArray(documents.applicationId, rows.map((r) => r.id)));
    expect(files.length).toBeGreaterThanOrEqual(2 + 5 * 5 + 3 + 2);
    for (const f of files.slice(0, 3)) expect(await s.storage.get(f.storageKey)).not.toBeNull();
    expect(await h.db.select().from(reviewEvaluations)).toHaveLength(1);
  });

  it('the demo accredited institutions hold the business field of their certificate (issue #18 §8)', async () => {
    await seedDemo(h.db);
    const orgOf = async (username: string) => (await h.db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username)))[0].orgId!;
    expect(await heldFields(h.db, await orgOf('cnasl0001'))).toEqual([{ key: 'laboratory', label: '实验室' }]);
    expect(await heldFields(h.db, await orgOf('cnasib0001'))).toEqual([{ key: 'inspectionBody', label: '检验机构' }]);
  });

  it('demo credentials in the README verify against their argon2id hashes', async () => {
    for (const a of [...DEMO_ACCOUNTS, DEMO_INDIVIDUAL, DEMO_ORG, DEMO_ORG.sub, DEMO_FILING_ORG, ...DEMO_PERSONNEL]) {
      const [u] = await h.db.select().from(users).where(eq(users.username, a.username));
      expect(u, a.username).toBeDefined();
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(u.passwordHash, a.password)).toBe(true);
      expect(await verifyPassword(u.passwordHash, a.password.toLowerCase())).toBe(false);
    }
  });

  it('module B qualifications: levels 一级/二级/三级, an enterprise with 二级 whose annual review is due soon, a returned 资质申请, a roster ready to apply', async () => {
    const levels = await h.db.select().from(qualificationLevels).orderBy(qualificationLevels.rank);
    expect(levels.map((l) => [l.name, l.requirements])).toEqual([
      ['一级', [{ grade: 'senior', count: 3 }, { grade: 'intermediate', count: 5 }]],
      ['二级', [{ grade: 'senior', count: 1 }, { grade: 'intermediate', count: 3 }]],
      ['三级', [{ grade: 'intermediate', count: 2 }]],
    ]);
    for (const o of Object.values(DEMO_QUALIFICATION_ORGS)) {
      expect(isValidUnifiedSocialCreditCode(o.creditCode), o.name).toBe(true);
      const [u] = await h.db.select().from(users).where(eq(users.username, o.username));
      expect(await verifyPassword(u.passwordHash, o.password)).toBe(true);
    }
    const [holder] = await h.db.select().from(organizations).where(eq(organizations.creditCode, DEMO_QUALIFICATION_ORGS.holder.creditCode));
    const q = await qualificationOf(h.db, holder.id);
    expect(q).toMatchObject({ levelName: '二级', status: 'active', certificateStatus: 'valid' });
    const days = (new Date(`${q!.reviewDueOn}T00:00:00+08:00`).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThan(30);
    const [returned] = await h.db.select().from(applications).where(eq(applications.kind, 'qualificationApply'));
    expect(returned).toMatchObject({ status: 'returned', applicantName: DEMO_QUALIFICATION_ORGS.returned.name });
    const [ready] = await h.db.select().from(organizations).where(eq(organizations.creditCode, DEMO_QUALIFICATION_ORGS.ready.creditCode));
    expect(await h.db.select().from(enterpriseStaff).where(eq(enterpriseStaff.orgId, ready.id))).toHaveLength(3);
  });

  it('module B: the out-of-province enterprise\u2019s filing (with its documents) and the demo enterprise\u2019s info change wait for review', async () => {
    const rows = await h.db.select({ kind: applications.kind, status: applications.status, orgId: applications.orgId }).from(applications).where(eq(applications.module, 'membership'));
    const [zj] = await h.db.select().from(organizations).where(eq(organizations.creditCode, DEMO_FILING_ORG.creditCode));
    const [demo] = await h.db.select().from(organizations).where(eq(organizations.creditCode, DEMO_ORG.creditCode));
    expect(rows).toEqual(expect.arrayContaining([{ kind: 'membershipFiling', status: 'submitted', orgId: zj.id }, { kind: 'membershipInfoChange', status: 'submitted', orgId: demo.id }]));
    expect(zj.regionCode?.startsWith('34')).toBe(false);
    // The demo enterprise holds a valid member certificate to report lost.
    expect(await h.db.select({ status: certificates.status }).from(certificates).where(and(eq(certificates.holderOrgId, demo.id), eq(certificates.type, 'membership.member')))).toEqual([{ status: 'valid' }]);
  });

  it('module B: the enterprise holding 二级 is a member too; a membership waits for finance with its transfer submitted', async () => {
    const [holder] = await h.db.select().from(organizations).where(eq(organizations.creditCode, DEMO_QUALIFICATION_ORGS.holder.creditCode));
    expect(await h.db.select({ status: certificates.status }).from(certificates).where(and(eq(certificates.holderOrgId, holder.id), eq(certificates.type, 'membership.member')))).toEqual([{ status: 'valid' }]);
    const [paying] = await h.db.select().from(organizations).where(eq(organizations.creditCode, DEMO_MEMBERSHIP_PAYING.creditCode));
    const [app] = await h.db.select().from(applications).where(and(eq(applications.orgId, paying.id), eq(applications.kind, 'membershipApplication')));
    expect(app).toMatchObject({ status: 'paying' });
    expect((app.data as { delivery?: { method: string } }).delivery).toMatchObject({ method: 'mail' });
    const [order] = await h.db.select().from(orders).where(eq(orders.subjectId, app.id));
    expect(order).toMatchObject({ status: 'unpaid', provider: 'bank_transfer', amountFen: 200_000 });
    expect(await h.db.select({ status: bankTransfers.status }).from(bankTransfers).where(eq(bankTransfers.orderId, order.id))).toEqual([{ status: 'submitted' }]);
  });

  it('uses valid identity numbers', () => {
    expect(isValidResidentId(DEMO_INDIVIDUAL.idNumber)).toBe(true);
    for (const p of DEMO_PERSONNEL) expect(isValidResidentId(p.idNumber), p.username).toBe(true);
    expect(isValidUnifiedSocialCreditCode(DEMO_ORG.creditCode)).toBe(true);
    expect(isValidUnifiedSocialCreditCode(DEMO_FILING_ORG.creditCode)).toBe(true);
  });

  it('one ID number, one account: the database refuses a duplicate', async () => {
    const a = await createIndividual(h.db);
    const err = await createIndividual(h.db, { idNumber: a.idNumber }).catch((e) => e);
    expect(isUniqueViolation(err)).toBe(true);
    const err2 = await createIndividual(h.db, { mobile: a.mobile }).catch((e) => e);
    expect(isUniqueViolation(err2)).toBe(true);
  });
});
