import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, orders, refunds } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createOrgAccount, createStaff } from '@/db/seed/factories';
import type { Actor } from '@/lib/platform/auth/actor';
import { applicationFigures, beijingDate, dashboardExport, financeFigures, parseDashboardFilter, weekStarts } from '@/lib/platform/dashboard';
import { createApplicationDef, fireTransitionDef } from '@/lib/platform/workflow/action-defs';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const KIND = 'accreditationFieldChange';
const DAY = 86_400_000;
const actorOf = async (userId: string) => (await actorOfDb(h.db, userId)) as Extract<Actor, { id: string }>;
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
const form = { businessFields: { laboratory: { selected: true, description: '化学检测' } }, reason: '业务拓展' };

describe('staff dashboard figures', () => {
  it('counts applications by state, per week, overdue and due soon within what the staff member sees; the module filter narrows them', async () => {
    const { user } = await createOrgAccount(h.db, { email: `dash-${Date.now()}@example.com` });
    const inst = await actorOf(user.id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(((await call(createApplicationDef, inst, { kind: KIND, data: form, mode: 'submit' })) as { ok: true; data: { id: string } }).data.id);
    // A draft is hidden from staff and counts nowhere.
    await call(createApplicationDef, inst, { kind: KIND, data: form, mode: 'draft' });
    expect(await call(fireTransitionDef, reviewer, { applicationId: ids[0], event: 'return', opinion: '请补充' })).toMatchObject({ ok: true });

    const start = Date.now();
    const f = parseDashboardFilter({ days: '30' });
    // In 8.5 days the three submitted ones (due in 10 days) are due soon; the returned one (15 days) is not.
    const soon = await applicationFigures(h.db, reviewer, f, new Date(start + 8.5 * DAY));
    expect(soon.byState.filter((r) => r.kind === KIND)).toEqual([
      { kind: KIND, module: 'accreditation', status: 'submitted', n: 3 },
      { kind: KIND, module: 'accreditation', status: 'returned', n: 1 },
    ]);
    expect(soon.deadlines).toEqual([{ kind: KIND, status: 'submitted', waitingFor: 'reviewer', overdue: 0, dueSoon: 3 }]);
    const thisWeek = weekStarts(new Date(start), new Date(start)).at(-1)!;
    expect(soon.weekly.find((w) => w.week === thisWeek)).toEqual({ week: thisWeek, received: 4, decided: 1 });
    expect(soon.weekly.reduce((s, w) => s + w.received, 0)).toBe(4);

    // In 11 days they are overdue.
    const late = await applicationFigures(h.db, reviewer, f, new Date(start + 11 * DAY));
    expect(late.deadlines).toEqual([{ kind: KIND, status: 'submitted', waitingFor: 'reviewer', overdue: 3, dueSoon: 0 }]);

    // Another module's filter, another module's reviewer: nothing of these.
    expect((await applicationFigures(h.db, reviewer, parseDashboardFilter({ days: '30', module: 'exam' }), new Date(start))).byState).toEqual([]);
    const other = await applicationFigures(h.db, examReviewer, f, new Date(start));
    expect(other.byState.some((r) => r.kind === KIND)).toBe(false);
    expect(other.weekly.every((w) => w.received === 0)).toBe(true);
    // Bad filter values fall back to the defaults.
    expect(parseDashboardFilter({ days: '9999', module: 'DROP TABLE' })).toEqual({ days: 30, module: undefined });
  });

  it('finance: orders paid and refunds per day, transfers waiting, for finance and admins only; the export is audited', async () => {
    const { user } = await createOrgAccount(h.db, { email: `dash-fin-${Date.now()}@example.com` });
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const now = new Date();
    const order = (n: number, amountFen: number, status: string) => ({ number: `DDTEST${Date.now()}${n}`, userId: user.id, subjectType: 'test', subjectId: `s-${n}-${Date.now()}`, title: '测试订单', amountFen, status, expiresAt: new Date(now.getTime() + DAY), createdAt: new Date(now.getTime() - 60_000) });
    await h.db.insert(orders).values([order(1, 10_000, 'paid'), order(2, 5_000, 'refunded'), order(3, 7_000, 'unpaid')]);
    const refunded = (await h.db.select().from(orders).where(eq(orders.status, 'refunded')))[0];
    await h.db.insert(refunds).values({ orderId: refunded.id, userId: user.id, scope: `test-${Date.now()}`, amountFen: 5_000, status: 'refunded', idempotencyKey: `rf-${Date.now()}`, updatedAt: new Date(now.getTime() - 30_000) });

    const f = parseDashboardFilter({ days: '7' });
    expect(await financeFigures(h.db, reviewer, f, now)).toBeNull();
    const fin = (await financeFigures(h.db, finance, f, now))!;
    expect(fin.daily).toHaveLength(7);
    expect(fin.daily.at(-1)).toEqual({ day: beijingDate(now), paid: 2, paidFen: 15_000, refunded: 1, refundedFen: 5_000 });
    expect(fin.transfersWaiting).toBe(0);

    await expect(dashboardExport(h.db, reviewer, 'finance', f, { now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dashboardExport(h.db, await actorOf(user.id), 'states', f, { now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const out = await dashboardExport(h.db, finance, 'finance', f, { now, ip: '10.0.0.9' });
    expect(out.rows).toEqual(fin.daily);
    const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'dashboard.exported'), eq(auditLog.actorId, finance.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toMatchObject({ chart: 'finance', days: 7, rows: 7 });
  });
});
