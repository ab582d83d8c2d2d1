import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { DEMO_ORG, seedDemo } from '@/db/seed/demo';
import { DEMO_FILING_ORG } from '@/db/seed/demo-membership-changes';
import { DEMO_QUALIFICATION_ORGS } from '@/db/seed/demo-qualification';
import { createOrgAccount, createUser } from '@/db/seed/factories';
import { messagesFor } from '@/messages/catalog';
import { issueCertificate, SYSTEM } from '@/lib/platform/certificates';
import { portalHomePanels, type HomePanel } from '@/lib/platform/manifest';
import { createTestDb } from '../helpers/db';
import { actorOf } from '../helpers/actors';

/**
 * Module B's portal home (企业会员与资质, issue #12 deliverable 1): what the
 * enterprise holds (membership, qualification, filing), what it can do next
 * and each application in flight; an overdue annual review's alert first.
 * Read through the platform's generic home (the manifest's portal.home).
 */
let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db);
});
afterAll(async () => {
  await h.close();
});

const tr = createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN') });
const t = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);

async function homeOf(username: string): Promise<HomePanel[]> {
  const [u] = await h.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return portalHomePanels('membership', { db: h.db, actor: await actorOf(h.db, u.id), t });
}
const byTestId = (panels: HomePanel[], id: string) => panels.find((p) => p.testId === id);

describe('module B portal home', () => {
  it('a member enterprise sees its membership, no qualification yet with 资质申请, and its info change in flight, with an entry for every flow', async () => {
    const panels = await homeOf(DEMO_ORG.username);
    expect(panels.map((p) => p.testId)).toEqual(['membership-home', 'qualification-home', 'membership-other']);
    const membership = byTestId(panels, 'membership-home')!;
    expect(membership.action).toBeUndefined();
    expect(membership.holdings!.items).toEqual([expect.objectContaining({ label: expect.stringMatching(/^会员编号 M\d{9}$/), tone: 'success' })]);
    expect(byTestId(panels, 'qualification-home')).toMatchObject({ action: { href: '/portal/membership/qualification', label: '资质申请' }, holdings: { items: [] } });
    const other = byTestId(panels, 'membership-other')!;
    expect(other.applications!.items).toEqual([expect.objectContaining({ kind: 'membershipInfoChange', status: 'submitted' })]);
    expect(other.links!.map((l) => l.href)).toEqual([
      '/portal/membership/staff',
      '/portal/membership/training',
      '/portal/membership/info-change',
      '/portal/membership/certificate-loss',
      '/portal/membership/filing',
    ]);
  });

  it('a member enterprise holding 二级 sees its membership, the level, its certificate, validity and the next annual review', async () => {
    const panels = await homeOf(DEMO_QUALIFICATION_ORGS.holder.username);
    const q = byTestId(panels, 'qualification-home')!;
    expect(q.action).toMatchObject({ href: '/portal/membership/qualification', label: '资质管理' });
    expect(q.holdings!.items).toEqual([expect.objectContaining({ label: expect.stringContaining('二级'), detail: expect.stringMatching(/ZZ\d+.*有效期至 \d{4}-\d{2}-\d{2}.*年审/), tone: 'success' })]);
    // A member too (理事单位): no 申请入会, its member number instead.
    const membership = byTestId(panels, 'membership-home')!;
    expect(membership.action).toBeUndefined();
    expect(membership.holdings!.items).toEqual([expect.objectContaining({ label: expect.stringMatching(/^会员编号 M\d{9}$/), detail: expect.stringContaining('理事单位') })]);
  });

  it("an out-of-province enterprise sees its filing in flight, then the filing certificate it holds", async () => {
    let other = byTestId(await homeOf(DEMO_FILING_ORG.username), 'membership-other')!;
    expect(other.holdings!.items).toEqual([]);
    expect(other.applications!.items).toEqual([expect.objectContaining({ kind: 'membershipFiling', status: 'submitted' })]);
    const [u] = await h.db.select({ orgId: users.orgId }).from(users).where(eq(users.username, DEMO_FILING_ORG.username));
    const c = await issueCertificate(h.db, SYSTEM, { type: 'membership.filing', holderOrgId: u.orgId, holderName: DEMO_FILING_ORG.name, validUntil: new Date(Date.now() + 400 * 86_400_000) });
    other = byTestId(await homeOf(DEMO_FILING_ORG.username), 'membership-other')!;
    expect(other.holdings!.items).toEqual([expect.objectContaining({ label: `备案证明 ${c.number}`, tone: 'success' })]);
  });

  it('an enterprise whose annual review is overdue sees the alert before anything else', async () => {
    const panels = await homeOf('overduedemo');
    expect(panels[0].alert).toMatchObject({ tone: 'warning' });
    expect(panels.slice(1).map((p) => p.testId)).toEqual(['membership-home', 'qualification-home', 'membership-other']);
  });

  it('a sub-account granted module B sees the same home as its main account', async () => {
    const { org } = await createOrgAccount(h.db);
    const sub = await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, name: '子账户', modules: ['membership'] });
    const panels = await portalHomePanels('membership', { db: h.db, actor: await actorOf(h.db, sub.id), t });
    expect(panels.map((p) => p.testId)).toEqual(['membership-home', 'qualification-home', 'membership-other']);
    expect(byTestId(panels, 'membership-home')!.action).toMatchObject({ href: '/portal/membership/apply' });
  });
});
