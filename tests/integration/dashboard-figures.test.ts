import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { applicationEvents, applications, auditLog, examAreas, examRegistrations, exams, orders, outbox, refunds } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { DEMO_EXAM_FIGURES, DEMO_STATS_EXAM, seedDemoDashboard } from '@/db/seed/demo-dashboard';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { examDashboardPanels, examFigures } from '@/lib/modules/exam/admin/services/dashboard';
import { listRegistrations, registrationFilterFrom } from '@/lib/modules/exam/admin/services/registrations';
import type { Actor } from '@/lib/platform/auth/actor';
import { beijingDays, dashboardExport, durationFigures, isDashboardChart, notificationFigures, parseDashboardFilter } from '@/lib/platform/dashboard';
import { dashboardSections } from '@/lib/platform/manifest';
import { deliveryFilterFrom, exportDeliveries, listDeliveries } from '@/lib/platform/notify/deliveries';
import { actorOf as actorOfDb } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

/**
 * The dashboard's further figures (issue #17): module D's panels contributed
 * through the manifest, notifications per day and the backlog, time in each
 * state against its due date — each computed from a dataset made here, with
 * exact counts, and each figure equal to the total of the list it links to.
 */

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
const actorOf = async (userId: string) => (await actorOfDb(h.db, userId)) as Extract<Actor, { id: string }>;
const t = (key: string) => key;
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

describe('exam panels (module D, through the manifest)', () => {
  it('registrations vs capacity per area, paid vs unpaid, refunds per exam — exact, each equal to the list it links to, for exam administrators only', async () => {
    const now = new Date();
    const examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);

    const exam = async (name: string, status: string, offsetDays: number) => {
      const at = (d: number) => new Date(now.getTime() + (offsetDays + d) * DAY);
      const day = (d: number) => at(d).toISOString().slice(0, 10);
      const [e] = await h.db
        .insert(exams)
        .values({ name, status, periodStart: day(30), periodEnd: day(31), registrationOpensAt: at(-5), registrationClosesAt: at(5) })
        .returning();
      return e;
    };
    const open = await exam(`统计测试考试${uniq()}`, 'published', 0);
    const old = await exam(`往年考试${uniq()}`, 'published', -300);
    const draft = await exam(`草稿考试${uniq()}`, 'draft', 0);
    const [beijing, shanghai] = await h.db
      .insert(examAreas)
      .values([
        { examId: open.id, name: '北京', capacity: 10, taken: 4, sortOrder: 1 },
        { examId: open.id, name: '上海', capacity: 5, taken: 1, sortOrder: 2 },
      ])
      .returning();
    const [oldArea] = await h.db.insert(examAreas).values({ examId: old.id, name: '广州', capacity: 3, taken: 1 }).returning();

    const reg = async (examId: string, status: string, areaId: string | null) => {
      const user = await createIndividual(h.db);
      const [r] = await h.db.insert(examRegistrations).values({ examId, userId: user.id, status, areaId }).returning();
      return { reg: r, user };
    };
    const order = async (r: { reg: { id: string }; user: { id: string } }, status: string, refund?: { status: string; amountFen: number }) => {
      const [o] = await h.db
        .insert(orders)
        .values({ number: `DDX${uniq()}`, userId: r.user.id, subjectType: 'exam_registration', subjectId: r.reg.id, title: '考试报名费', amountFen: 20_000, status, expiresAt: new Date(now.getTime() + DAY) })
        .returning();
      if (refund) await h.db.insert(refunds).values({ orderId: o.id, userId: r.user.id, scope: 'exam', amountFen: refund.amountFen, status: refund.status, idempotencyKey: `rf-${uniq()}` });
    };
    // 北京: three paid (one refund requested, one refund failed), one ordered, one at the area step.
    const bjPaid = [await reg(open.id, 'paid', beijing.id), await reg(open.id, 'paid', beijing.id), await reg(open.id, 'paid', beijing.id)];
    await order(bjPaid[0], 'paid');
    await order(bjPaid[1], 'refund_requested', { status: 'requested', amountFen: 20_000 });
    await order(bjPaid[2], 'refund_requested', { status: 'failed', amountFen: 20_000 });
    await order(await reg(open.id, 'ordered', beijing.id), 'unpaid');
    await reg(open.id, 'area', beijing.id);
    // 上海: one paid, one refunded; and, with no area yet, one still filling in, one cancelled.
    await order(await reg(open.id, 'paid', shanghai.id), 'paid');
    await order(await reg(open.id, 'refunded', shanghai.id), 'refunded', { status: 'refunded', amountFen: 18_000 });
    await reg(open.id, 'info', null);
    await reg(open.id, 'cancelled', null);
    await reg(old.id, 'paid', oldArea.id);

    // Nobody but exam administrators (and admins) sees them.
    expect(await examFigures(h.db, reviewer, { days: 30, now })).toBeNull();
    expect(await examFigures(h.db, finance, { days: 30, now })).toBeNull();
    expect(await dashboardSections({ db: h.db, actor: reviewer, days: 30, now, params: {}, t })).toEqual([]);

    // The period's exams: the open one, not last year's, not a draft.
    const fig = (await examFigures(h.db, examAdmin, { days: 30, now }))!;
    expect(fig.pay.map((p) => p.examId)).toContain(open.id);
    expect(fig.pay.map((p) => p.examId)).not.toContain(old.id);
    expect(fig.pay.map((p) => p.examId)).not.toContain(draft.id);
    expect(fig.options.map((o) => o.id)).toEqual(expect.arrayContaining([open.id, old.id, draft.id]));
    expect(fig.areas.filter((a) => a.examId === open.id)).toEqual([
      { examId: open.id, exam: open.name, areaId: beijing.id, area: '北京', capacity: 10, taken: 4, paid: 3, unpaid: 2 },
      { examId: open.id, exam: open.name, areaId: shanghai.id, area: '上海', capacity: 5, taken: 1, paid: 1, unpaid: 0 },
    ]);
    expect(fig.pay.find((p) => p.examId === open.id)).toEqual({ examId: open.id, exam: open.name, paid: 4, unpaid: 3 });
    expect(fig.refunds.find((r) => r.examId === open.id)).toEqual({ examId: open.id, exam: open.name, refunded: 1, refundedFen: 18_000, inProgress: 1, failed: 1 });

    // One exam chosen: only it, even a past one; a bad id is ignored.
    const chosen = (await examFigures(h.db, admin, { days: 7, now, examId: old.id }))!;
    expect(chosen.examId).toBe(old.id);
    expect(chosen.areas).toEqual([{ examId: old.id, exam: old.name, areaId: oldArea.id, area: '广州', capacity: 3, taken: 1, paid: 1, unpaid: 0 }]);
    expect(chosen.pay).toEqual([{ examId: old.id, exam: old.name, paid: 1, unpaid: 0 }]);
    expect((await examFigures(h.db, admin, { days: 7, now, examId: 'not-a-uuid' }))!.examId).toBeUndefined();

    // The panels link every figure to the list behind it, and that list holds as many rows.
    const [section] = await dashboardSections({ db: h.db, actor: examAdmin, days: 30, now, params: { exam: open.id }, t });
    expect(section.module).toBe('exam');
    expect(section.filters?.[0]).toMatchObject({ name: 'exam', value: open.id });
    expect(section.panels.map((p) => p.id)).toEqual(['exam-areas', 'exam-pay', 'exam-refunds']);
    const listed = async (href: string) => {
      const url = new URL(href, 'http://x');
      const examId = url.pathname.split('/')[3];
      return (await listRegistrations(h.db, examAdmin, examId, registrationFilterFrom(Object.fromEntries(url.searchParams)))).total;
    };
    for (const panel of section.panels) {
      for (const row of panel.rows) {
        for (const [key, href] of Object.entries(row.links ?? {})) {
          if (!href?.includes('/registrations')) continue;
          expect(await listed(href), `${panel.id} ${row.label} ${key}`).toBe(row.values[key]);
        }
      }
    }
    const areas = section.panels[0];
    expect(areas.rows.map((r) => r.values)).toEqual([
      { paid: 3, unpaid: 2, capacity: 10, free: 6 },
      { paid: 1, unpaid: 0, capacity: 5, free: 4 },
    ]);
    expect(areas.rows[0].links).toEqual({
      paid: `/staff/exams/${open.id}/registrations?area=${beijing.id}&pay=paid`,
      unpaid: `/staff/exams/${open.id}/registrations?area=${beijing.id}&pay=unpaid`,
      capacity: `/staff/exams/${open.id}`,
    });
    // Refunds in progress and failed link to the payments page only for those who may open it.
    expect(section.panels[2].rows[0].links?.inProgress).toBeUndefined();
    const [adminSection] = await dashboardSections({ db: h.db, actor: admin, days: 30, now, params: { exam: open.id }, t });
    expect(adminSection.panels[2].rows[0].links).toMatchObject({ inProgress: '/staff/payments?refund=requested', failed: '/staff/payments?refund=failed' });
    expect((await examDashboardPanels({ db: h.db, actor: examAdmin, days: 30, now, params: { exam: open.id }, t }))!.title).toBe('console.dashboard.exam.section');

    // The export: the panel as on screen (the exam filter kept), audited; refused to whoever does not see the panel.
    const f = parseDashboardFilter({ days: '30' });
    expect(isDashboardChart('panel:exam-areas')).toBe(true);
    expect(isDashboardChart('panel:../x')).toBe(false);
    const out = await dashboardExport(h.db, examAdmin, 'panel:exam-areas', f, { now, ip: '10.0.0.7', params: { exam: open.id }, t });
    expect(out.chart).toBe('panel');
    expect(out.rows).toEqual(areas.rows);
    const [audit] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'dashboard.exported'), eq(auditLog.actorId, examAdmin.id)));
    expect(audit.detail).toEqual({ chart: 'panel:exam-areas', days: 30, module: null, filters: { exam: open.id }, rows: 2 });
    await expect(dashboardExport(h.db, reviewer, 'panel:exam-areas', f, { now, params: {}, t })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dashboardExport(h.db, examAdmin, 'panel:exam-areas', parseDashboardFilter({ days: '30', module: 'membership' }), { now, params: {}, t })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dashboardExport(h.db, examAdmin, 'panel:nothing', f, { now, params: {}, t })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'dashboard.exported'), eq(auditLog.actorId, reviewer.id)))).toEqual([]);
  });
});

describe('the demo exam of the dashboard', () => {
  it('seeds once, and shows the figures the e2e asserts', async () => {
    expect(await seedDemoDashboard(h.db)).toBe(1);
    expect(await seedDemoDashboard(h.db)).toBe(0);
    const admin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin' }])).id);
    const [exam] = await h.db.select().from(exams).where(eq(exams.name, DEMO_STATS_EXAM));
    // Registration closed three days ago, the exam in three weeks: within a 7-day period.
    const fig = (await examFigures(h.db, admin, { days: 7, now: new Date() }))!;
    expect(fig.areas.filter((a) => a.examId === exam.id).map((a) => [a.area, { paid: a.paid, unpaid: a.unpaid, capacity: a.capacity }])).toEqual(Object.entries(DEMO_EXAM_FIGURES.areas));
    expect(fig.pay.find((p) => p.examId === exam.id)).toEqual({ examId: exam.id, exam: DEMO_STATS_EXAM, ...DEMO_EXAM_FIGURES.pay });
    expect(fig.refunds.find((p) => p.examId === exam.id)).toEqual({ examId: exam.id, exam: DEMO_STATS_EXAM, ...DEMO_EXAM_FIGURES.refunds });
  });
});

describe('notifications', () => {
  // A clock of its own, far from the other rows: 2031-03-15 12:00 in Beijing.
  const now = new Date('2031-03-15T04:00:00Z');
  const bj = (s: string) => new Date(`${s}+08:00`);

  it('queued, sent and failed per Beijing day, the backlog now; the list behind each figure holds as many; admins only, export audited', async () => {
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const f = parseDashboardFilter({ days: '7' });
    const before = (await notificationFigures(h.db, reviewer, f, now))!;
    const email = { to: 'zhang.san@example.com', subject: '您的申请已受理', text: '…' };
    const sms = { to: '13812345678', template: 'SMS_NOTIFY', params: {}, text: '…' };
    await h.db.insert(outbox).values([
      { channel: 'email', payload: email, status: 'sent', attempts: 1, createdAt: bj('2031-03-15T10:00:00'), sentAt: bj('2031-03-15T10:01:00') },
      // Queued late on the 14th, sent just after midnight: a day each.
      { channel: 'sms', payload: sms, status: 'sent', attempts: 1, createdAt: bj('2031-03-14T23:30:00'), sentAt: bj('2031-03-15T00:10:00') },
      // Queued on the 13th, given up on the 14th: a failure of the 14th.
      { channel: 'email', payload: email, status: 'dead', attempts: 8, lastError: 'mailbox 13812345678 unavailable', createdAt: bj('2031-03-13T09:00:00'), failedAt: bj('2031-03-14T02:00:00') },
      // Given up before failed_at existed: counted on the day it was queued.
      { channel: 'email', payload: email, status: 'dead', attempts: 8, createdAt: bj('2031-03-11T10:00:00') },
      { channel: 'email', payload: email, status: 'pending', attempts: 0, createdAt: bj('2031-03-15T11:00:00') },
      { channel: 'sms', payload: sms, status: 'pending', attempts: 2, createdAt: bj('2031-03-12T08:00:00') },
      // A background job is not a notification; a failure before the period is in the backlog only.
      { channel: 'job', payload: { type: 'x' }, status: 'dead', attempts: 1, createdAt: bj('2031-03-15T09:00:00') },
      { channel: 'sms', payload: sms, status: 'dead', attempts: 8, createdAt: bj('2031-02-01T09:00:00') },
    ]);

    const fig = (await notificationFigures(h.db, reviewer, f, now))!;
    expect(fig.daily).toEqual([
      { day: '2031-03-09', queued: 0, sent: 0, failed: 0 },
      { day: '2031-03-10', queued: 0, sent: 0, failed: 0 },
      { day: '2031-03-11', queued: 1, sent: 0, failed: 1 },
      { day: '2031-03-12', queued: 1, sent: 0, failed: 0 },
      { day: '2031-03-13', queued: 1, sent: 0, failed: 0 },
      { day: '2031-03-14', queued: 1, sent: 0, failed: 1 },
      { day: '2031-03-15', queued: 2, sent: 2, failed: 0 },
    ]);
    const delta = fig.backlog.map((b, i) => ({ channel: b.channel, waiting: b.waiting - before.backlog[i].waiting, retrying: b.retrying - before.backlog[i].retrying, dead: b.dead - before.backlog[i].dead }));
    expect(delta).toEqual([
      { channel: 'email', waiting: 1, retrying: 0, dead: 2 },
      { channel: 'sms', waiting: 0, retrying: 1, dead: 1 },
    ]);
    expect(await notificationFigures(h.db, (await actorOf((await createOrgAccount(h.db)).user.id)), f, now)).toBeNull();

    // The list behind the figures (the links the dashboard gives admins).
    const total = async (q: Record<string, string>) => (await listDeliveries(h.db, admin, deliveryFilterFrom(q))).total;
    expect(await total({ queuedOn: '2031-03-15' })).toBe(2);
    expect(await total({ status: 'sent', sentOn: '2031-03-15' })).toBe(2);
    expect(await total({ status: 'dead', queuedOn: '2031-03-13' })).toBe(1);
    expect(await total({ queuedOn: '2031-03-14' })).toBe(1);
    // The failed figures' lists: by the day given up.
    expect(await total({ status: 'dead', failedOn: '2031-03-14' })).toBe(1);
    expect(await total({ failedOn: '2031-03-13' })).toBe(0);
    expect(await total({ failedOn: '2031-03-11' })).toBe(1);
    expect(await total({ channel: 'sms', status: 'retrying' })).toBe(fig.backlog[1].retrying);
    expect(await total({ channel: 'email', status: 'waiting' })).toBe(fig.backlog[0].waiting);
    expect(await total({ channel: 'sms', status: 'dead' })).toBe(fig.backlog[1].dead);
    // Bad filter values filter nothing rather than failing.
    expect(deliveryFilterFrom({ channel: 'job', status: 'x', queuedOn: '2031-13-45', before: '-1' })).toEqual({ channel: undefined, status: undefined, queuedOn: undefined, sentOn: undefined, failedOn: undefined, before: undefined });
    const { rows } = await listDeliveries(h.db, admin, deliveryFilterFrom({ status: 'dead', queuedOn: '2031-03-13' }));
    expect(rows[0]).toMatchObject({ channel: 'email', recipient: 'zh***@example.com', subject: '您的申请已受理', status: 'dead', attempts: 8, failedAt: bj('2031-03-14T02:00:00') });
    expect(rows[0].lastError).not.toContain('13812345678');
    const [smsRow] = (await listDeliveries(h.db, admin, deliveryFilterFrom({ status: 'retrying', channel: 'sms' }))).rows;
    expect(smsRow.recipient).toBe('138****5678');

    await expect(listDeliveries(h.db, reviewer, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportDeliveries(h.db, reviewer, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const exported = await exportDeliveries(h.db, admin, deliveryFilterFrom({ queuedOn: '2031-03-15' }), { ip: '10.0.0.8' });
    expect(exported).toHaveLength(2);
    const [audit] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'deliveries.exported'), eq(auditLog.actorId, admin.id)));
    expect(audit.detail).toEqual({ filter: { channel: null, status: null, queuedOn: '2031-03-15', sentOn: null, failedOn: null }, rows: 2 });

    // The dashboard export of both charts.
    expect((await dashboardExport(h.db, reviewer, 'notifications', f, { now })).rows).toEqual(fig.daily);
    expect((await dashboardExport(h.db, reviewer, 'backlog', f, { now })).rows).toEqual(fig.backlog);
    expect(beijingDays(7, now).start.toISOString()).toBe('2031-03-08T16:00:00.000Z');
  });
});

describe('time in each state against its due date', () => {
  const KIND = 'accreditationFieldChange';
  const now = new Date('2031-03-15T04:00:00Z');
  const T0 = new Date('2031-03-01T00:00:00Z').getTime();
  const at = (days: number) => new Date(T0 + days * DAY);

  it('average and p90 days of the stays that ended in the period, per kind and state, with the state’s due days; scoped like the queue', async () => {
    const { user, org } = await createOrgAccount(h.db);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const app = async (status: string, events: Array<[string | null, string, number]>) => {
      const [a] = await h.db
        .insert(applications)
        .values({ kind: KIND, module: 'accreditation', number: `BG${uniq()}`, status, applicantUserId: user.id, orgId: org.id, applicantName: org.name, submittedAt: at(events[0][2]) })
        .returning();
      await h.db.insert(applicationEvents).values(events.map(([from, to, d], i) => ({ applicationId: a.id, event: i === 0 ? 'create' : 'move', fromStatus: from, toStatus: to, actorRole: 'applicant', createdAt: at(d) })));
    };
    // Draft 1 day (hidden from staff: left out), submitted 2 days, returned 1 day, submitted 4 days, approved.
    await app('approved', [
      [null, 'draft', 0],
      ['draft', 'submitted', 1],
      ['submitted', 'returned', 3],
      ['returned', 'submitted', 4],
      ['submitted', 'approved', 8],
    ]);
    // Submitted 6 days, approved.
    await app('approved', [
      [null, 'submitted', 0],
      ['submitted', 'approved', 6],
    ]);
    // Still submitted: no stay has ended.
    await app('submitted', [[null, 'submitted', 2]]);
    // Ended before the period (30 days before now): not counted.
    await app('approved', [
      [null, 'submitted', -90],
      ['submitted', 'approved', -80],
    ]);
    const f = parseDashboardFilter({ days: '30' });
    const got = await durationFigures(h.db, reviewer, f, now);
    // Stays in submitted: 2, 4, 6 days → average 4, p90 (interpolated) 5.6.
    expect(got).toEqual([
      { kind: KIND, module: 'accreditation', status: 'submitted', stays: 3, avgDays: 4, p90Days: 5.6, dueDays: 10 },
      { kind: KIND, module: 'accreditation', status: 'returned', stays: 1, avgDays: 1, p90Days: 1, dueDays: 15 },
    ]);
    // A 7-day period keeps only the stay that ended on the 9th (4 days in submitted).
    expect(await durationFigures(h.db, reviewer, parseDashboardFilter({ days: '7' }), now)).toEqual([{ kind: KIND, module: 'accreditation', status: 'submitted', stays: 1, avgDays: 4, p90Days: 4, dueDays: 10 }]);
    expect(await durationFigures(h.db, reviewer, parseDashboardFilter({ days: '30', module: 'exam' }), now)).toEqual([]);
    expect(await durationFigures(h.db, examReviewer, f, now)).toEqual([]);
    const out = await dashboardExport(h.db, reviewer, 'durations', f, { now });
    expect(out.rows).toEqual(got);
  });
});
