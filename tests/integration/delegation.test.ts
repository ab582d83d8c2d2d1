import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { applicationEvents, applications, auditLog, staffDelegations, staffRoles } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff } from '@/db/seed/factories';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { beijingDay, substituteFor } from '@/lib/platform/delegation';
import { createDelegationDef, revokeDelegationDef } from '@/lib/platform/delegation/services/delegations';
import { createApplication, myTasks, transition } from '@/lib/platform/workflow';
import { defineKind } from '@/lib/platform/workflow/define';
import { registerKind } from '@/lib/platform/workflow/registry';
import { actorOf as actorOfDb } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

/**
 * Delegation in the platform (issue 14 §10): a staff member away names a
 * substitute holding the same role; the substitute acts on the delegator's
 * items, each act recorded "by X on behalf of Y"; outside its days (or once
 * revoked) it grants nothing. A kind registered only in this file gives the
 * engine an owned transition (like module E's assigned leader) and a loosely
 * assigned one (like a claimed review).
 */

const KIND = 'delegationProbe';
const kind = defineKind({
  key: KIND,
  module: 'review',
  messages: 'delegationProbe',
  numberPrefix: 'DLG',
  createdBy: 'applicant',
  schema: z.object({ ownerId: z.string().optional() }) as unknown as z.ZodType<{ ownerId?: string }>,
  initial: 'open',
  states: {
    open: { tone: 'info', waitingFor: { staff: ['review_leader'] } },
    decided: { tone: 'info', waitingFor: { staff: ['review_planner'] } },
    closed: { tone: 'success', final: true },
  },
  steps: [{ key: 'all', states: ['open', 'decided', 'closed'] }],
  transitions: {
    // Owned: only the named leader, or their active substitute.
    decide: { from: ['open'], to: 'decided', by: { staff: ['review_leader'] }, owner: ({ app }) => (app.data as { ownerId?: string }).ownerId ?? null },
    // Loose: any planner; the assignee's substitute acts on the assignee's behalf.
    close: { from: ['decided'], to: 'closed', by: { staff: ['review_planner'] } },
  },
  applicantOf: () => ({ name: '委托测试单位' }),
  summary: () => [],
});
registerKind(kind);

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

type Result = { ok: boolean; code?: string; data?: { id: string }; fieldErrors?: Record<string, string[]> };
const actorOf = (id: string) => actorOfDb(h.db, id);
const call = (def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown, now = new Date()) =>
  invokeAction(def, { db: h.db, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN', now: () => now }, input) as Promise<Result>;

const NOW = new Date('2030-06-10T04:00:00Z'); // 12:00 in Beijing
const day = (offset: number) => beijingDay(new Date(NOW.getTime() + offset * 86_400_000));

async function leaders() {
  const a = await createStaff(h.db, [{ role: 'review_leader' }], { name: '组长 甲' });
  const b = await createStaff(h.db, [{ role: 'review_leader' }], { name: '组长 乙' });
  return { a: await actorOf(a.id), b: await actorOf(b.id), aId: a.id, bId: b.id };
}

async function probe(ownerId?: string) {
  const { user } = await createOrgAccount(h.db);
  const unit = await actorOf(user.id);
  return createApplication(h.db, unit, { kind: KIND, data: { ownerId } }, { now: NOW });
}

const count_ = async () => (await h.db.select({ n: count() }).from(staffDelegations))[0].n;

describe('managing delegations', () => {
  it('names a colleague holding the same role for days from today; every bad input is refused next to its field and changes nothing', async () => {
    const { a, bId } = await leaders();
    const finance = await createStaff(h.db, [{ role: 'finance' }]);
    const before = await count_();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ role: 'review_planner', module: '*', substituteId: bId, startsOn: day(0), endsOn: day(3) }, 'role'], // not a role A holds
      [{ role: 'review_leader', module: '*', substituteId: finance.id, startsOn: day(0), endsOn: day(3) }, 'substituteId'], // no such role
      [{ role: 'review_leader', module: '*', substituteId: a.kind === 'staff' ? a.id : '', startsOn: day(0), endsOn: day(3) }, 'substituteId'], // oneself
      [{ role: 'review_leader', module: '*', substituteId: bId, startsOn: day(-1), endsOn: day(3) }, 'startsOn'], // the past
      [{ role: 'review_leader', module: '*', substituteId: bId, startsOn: day(3), endsOn: day(1) }, 'endsOn'],
      [{ role: 'review_leader', module: '*', substituteId: bId, startsOn: day(0), endsOn: '2030-02-30' }, 'endsOn'],
      [{ role: 'review_leader', module: '*', substituteId: bId, startsOn: day(0), endsOn: day(400) }, 'endsOn'],
    ];
    for (const [input, field] of cases) {
      const r = await call(createDelegationDef, a, input, NOW);
      expect(r, field).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect(Object.keys(r.fieldErrors ?? {}), field).toContain(field);
    }
    expect(await count_()).toBe(before);
    const ok = await call(createDelegationDef, a, { role: 'review_leader', module: '*', substituteId: bId, startsOn: day(0), endsOn: day(3), reason: '出差' }, NOW);
    expect(ok).toMatchObject({ ok: true });
    // Overlapping days of the same role: refused, nothing added.
    expect(await call(createDelegationDef, a, { role: 'review_leader', module: '*', substituteId: bId, startsOn: day(2), endsOn: day(5) }, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await count_()).toBe(before + 1);
    const [audited] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'delegation.created'), eq(auditLog.targetId, ok.data!.id)));
    expect(audited.actorId).toBe(a.kind === 'staff' ? a.id : null);
  });

  it('who may manage delegations: signed-in staff only; a delegation is revoked by its delegator or an admin', async () => {
    const { a, b, bId } = await leaders();
    const { user } = await createOrgAccount(h.db);
    const input = { role: 'review_leader', module: '*', substituteId: bId, startsOn: day(10), endsOn: day(12) };
    expect(await call(createDelegationDef, ANONYMOUS, input, NOW)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(createDelegationDef, await actorOf(user.id), input, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const created = await call(createDelegationDef, a, input, NOW);
    const id = created.data!.id;
    expect(await call(revokeDelegationDef, await actorOf(user.id), { id }, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // The substitute (or any other staff member) cannot end someone else's delegation: it does not exist for them.
    expect(await call(revokeDelegationDef, b, { id }, NOW)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await h.db.select().from(staffDelegations).where(eq(staffDelegations.id, id)))[0].revokedAt).toBeNull();
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    expect(await call(revokeDelegationDef, admin, { id }, NOW)).toMatchObject({ ok: true });
    expect(await call(revokeDelegationDef, a, { id }, NOW)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('the engine honours active delegations', () => {
  it('an owned transition: the owner, or their active substitute recorded on their behalf; before, after and once revoked, nothing', async () => {
    const { a, b, aId, bId } = await leaders();
    const app = await probe(aId);
    // Without a delegation another leader may not act on A's item.
    await expect(transition(h.db, b, { applicationId: app.id, event: 'decide' }, { now: NOW })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const d = await call(createDelegationDef, a, { role: 'review_leader', module: '*', substituteId: bId, startsOn: day(1), endsOn: day(2) }, NOW);
    // Not yet: the delegation starts tomorrow (Beijing).
    await expect(transition(h.db, b, { applicationId: app.id, event: 'decide' }, { now: NOW })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Expired: the day after its last day, even one minute after midnight in Beijing.
    const afterEnd = new Date(`${day(3)}T00:01:00+08:00`);
    await expect(transition(h.db, b, { applicationId: app.id, event: 'decide' }, { now: afterEnd })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await substituteFor(h.db, b, aId, ['review_leader'], 'review', afterEnd)).toBeNull();
    // The last minute of its last day still counts.
    const lastMinute = new Date(`${day(2)}T23:59:00+08:00`);
    expect(await substituteFor(h.db, b, aId, ['review_leader'], 'review', lastMinute)).toEqual({ id: aId, name: '组长 甲' });
    await transition(h.db, b, { applicationId: app.id, event: 'decide', opinion: '代为办理' }, { now: lastMinute });
    const [ev] = await h.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.event, 'decide')));
    expect(ev).toMatchObject({ actorId: bId, actorName: '组长 乙', onBehalfOfId: aId, onBehalfOfName: '组长 甲', actorRole: 'review_leader' });
    const [audited] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'application.transition'), eq(auditLog.targetId, app.id)));
    expect(audited.detail).toMatchObject({ onBehalfOf: { id: aId, name: '组长 甲' } });
    expect(d.ok).toBe(true);
  });

  it('a revoked delegation, or one whose delegator no longer holds the role, grants nothing', async () => {
    const { a, b, aId, bId } = await leaders();
    const revoked = await call(createDelegationDef, a, { role: 'review_leader', module: '*', substituteId: bId, startsOn: day(0), endsOn: day(5) }, NOW);
    const app = await probe(aId);
    expect(await call(revokeDelegationDef, a, { id: revoked.data!.id }, NOW)).toMatchObject({ ok: true });
    await expect(transition(h.db, b, { applicationId: app.id, event: 'decide' }, { now: NOW })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await call(createDelegationDef, a, { role: 'review_leader', module: '*', substituteId: bId, startsOn: day(0), endsOn: day(5) }, NOW);
    await h.db.delete(staffRoles).where(and(eq(staffRoles.userId, aId), eq(staffRoles.role, 'review_leader')));
    expect(await substituteFor(h.db, b, aId, ['review_leader'], 'review', NOW)).toBeNull();
    await expect(transition(h.db, b, { applicationId: app.id, event: 'decide' }, { now: NOW })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.db.select().from(applications).where(eq(applications.id, app.id)))[0].status).toBe('open');
  });

  it('a loosely assigned item: the role may act as itself; the assignee’s substitute acts on the assignee’s behalf and sees it in their tasks while active', async () => {
    const plannerA = await createStaff(h.db, [{ role: 'review_planner' }], { name: '计划 甲' });
    const plannerB = await createStaff(h.db, [{ role: 'review_planner' }], { name: '计划 乙' });
    const plannerC = await createStaff(h.db, [{ role: 'review_planner' }], { name: '计划 丙' });
    const { a, aId } = await leaders();
    const [one, two] = [await probe(aId), await probe(aId)];
    for (const p of [one, two]) {
      await transition(h.db, a, { applicationId: p.id, event: 'decide' }, { now: NOW });
      await h.db.update(applications).set({ assigneeId: plannerA.id }).where(eq(applications.id, p.id));
    }
    const b = await actorOf(plannerB.id);
    const c = await actorOf(plannerC.id);
    const ids = (rows: Array<{ app: { id: string } }>) => rows.map((r) => r.app.id);
    // Assigned to A: not in B's tasks until B stands in for A.
    expect(ids((await myTasks(h.db, b, NOW)).todo)).not.toContain(one.id);
    await call(createDelegationDef, await actorOf(plannerA.id), { role: 'review_planner', module: '*', substituteId: plannerB.id, startsOn: day(0), endsOn: day(1) }, NOW);
    expect(ids((await myTasks(h.db, b, NOW)).todo)).toEqual(expect.arrayContaining([one.id, two.id]));
    expect(ids((await myTasks(h.db, b, new Date(NOW.getTime() + 3 * 86_400_000))).todo)).not.toContain(one.id);
    await transition(h.db, b, { applicationId: one.id, event: 'close' }, { now: NOW });
    await transition(h.db, c, { applicationId: two.id, event: 'close' }, { now: NOW });
    const closed = await h.db.select().from(applicationEvents).where(eq(applicationEvents.event, 'close'));
    expect(closed.find((e) => e.applicationId === one.id)).toMatchObject({ actorId: plannerB.id, onBehalfOfId: plannerA.id, onBehalfOfName: '计划 甲' });
    expect(closed.find((e) => e.applicationId === two.id)).toMatchObject({ actorId: plannerC.id, onBehalfOfId: null });
  });

  it('a role held only through an active delegation fires the transition on the delegator’s behalf; expired, it does not', async () => {
    const planner = await createStaff(h.db, [{ role: 'review_planner' }], { name: '计划 丁' });
    const { a, aId } = await leaders();
    const [app, late] = [await probe(aId), await probe(aId)];
    for (const p of [app, late]) await transition(h.db, a, { applicationId: p.id, event: 'decide' }, { now: NOW });
    // A leader without the planner role, named substitute by an administrator's data fix (the form only names holders).
    const outsider = await createStaff(h.db, [{ role: 'review_leader' }], { name: '组长 戊' });
    await h.db.insert(staffDelegations).values({ delegatorId: planner.id, substituteId: outsider.id, role: 'review_planner', module: '*', startsOn: day(0), endsOn: day(0) });
    const o = await actorOf(outsider.id);
    await transition(h.db, o, { applicationId: app.id, event: 'close' }, { now: NOW });
    const [ev] = await h.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.event, 'close')));
    expect(ev).toMatchObject({ actorId: outsider.id, actorRole: 'review_planner', onBehalfOfId: planner.id });
    await expect(transition(h.db, o, { applicationId: late.id, event: 'close' }, { now: new Date(NOW.getTime() + 86_400_000) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
