import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { deadlines, notifications, outbox, sessions, siteSettings } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createStaff } from '@/db/seed/factories';
import { loadActor, type SignedInActor } from '@/lib/platform/auth/actor';
import { closeDeadline, listDueItems, parseSchedule, runReminders, setDeadline, DEFAULT_REMINDER_OFFSETS_HOURS } from '@/lib/platform/reminders';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const HOUR = 3_600_000;
const at = (due: Date, hours: number) => new Date(due.getTime() + hours * HOUR);
let seq = 0;
const subject = () => `s-${Date.now().toString(36)}-${seq++}`;

async function actorOf(userId: string): Promise<SignedInActor> {
  const [s] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return (await loadActor(h.db, userId, s.id)) as SignedInActor;
}

/** What the engine wrote for one deadline: in-app notifications and outbox emails. */
async function sentFor(deadlineId: string) {
  const n = await h.db.select().from(notifications).where(like(notifications.dedupeKey, `reminder:${deadlineId}:%`)).orderBy(asc(notifications.id));
  const m = await h.db.select().from(outbox).where(like(outbox.dedupeKey, `reminder:${deadlineId}:%`)).orderBy(asc(outbox.id));
  return { notifications: n, emails: m.map((r) => r.payload as { to: string; subject: string; text: string; html: string }) };
}

describe('reminder engine', () => {
  it('sends each scheduled reminder once, at its time, then stops after the last one', async () => {
    const u = await createIndividual(h.db);
    const due = new Date('2031-05-10T02:00:00Z');
    const d = await setDeadline(h.db, { subjectType: 'application', subjectId: subject(), purpose: 'state:returned', userId: u.id, title: '补正认可申请材料', link: '/portal/accreditation', dueAt: due });
    expect(DEFAULT_REMINDER_OFFSETS_HOURS).toEqual([-72, -24, 0, 24, 72]);

    await runReminders(h.db, at(due, -100));
    expect((await sentFor(d.id)).notifications).toHaveLength(0);

    await runReminders(h.db, at(due, -72));
    await runReminders(h.db, at(due, -71)); // a restart or the next tick: nothing new
    let s = await sentFor(d.id);
    expect(s.notifications.map((n) => n.title)).toEqual(['即将到期：补正认可申请材料']);
    expect(s.notifications[0]).toMatchObject({ userId: u.id, link: '/portal/accreditation', body: '截止时间：2031-05-10 10:00（北京时间）' });
    expect(s.emails).toHaveLength(1);
    expect(s.emails[0]).toMatchObject({ to: u.email, subject: '【到期提醒】补正认可申请材料' });
    expect(s.emails[0].text).toContain('截止时间：2031-05-10 10:00（北京时间）');
    expect(s.emails[0].text).toMatch(/立即处理: https?:\/\/\S+\/portal\/accreditation/);

    // Two engines at once (two instances, or a loop and a manual run): still one reminder.
    const [r1, r2] = await Promise.all([runReminders(h.db, at(due, -23)), runReminders(h.db, at(due, -23))]);
    expect(r1.reminders + r2.reminders).toBe(1);
    expect((await sentFor(d.id)).notifications).toHaveLength(2);

    await Promise.all([runReminders(h.db, at(due, 0)), runReminders(h.db, at(due, 0))]);
    await runReminders(h.db, at(due, 25));
    await runReminders(h.db, at(due, 73));
    await runReminders(h.db, at(due, 500));
    s = await sentFor(d.id);
    expect(s.notifications.map((n) => n.title)).toEqual([
      '即将到期：补正认可申请材料',
      '即将到期：补正认可申请材料',
      '已逾期：补正认可申请材料',
      '已逾期：补正认可申请材料',
      '已逾期：补正认可申请材料',
    ]);
    expect(s.emails.map((e) => e.subject)).toEqual([
      '【到期提醒】补正认可申请材料',
      '【到期提醒】补正认可申请材料',
      '【逾期提醒】补正认可申请材料',
      '【逾期提醒】补正认可申请材料',
      '【逾期提醒】补正认可申请材料',
    ]);
    expect(new Set(s.notifications.map((n) => n.dedupeKey)).size).toBe(5);
  });

  it('after a gap sends only the latest reminder that has come, not a burst of stale ones', async () => {
    const u = await createIndividual(h.db);
    const due = new Date('2031-06-01T00:00:00Z');
    const d = await setDeadline(h.db, { subjectType: 'order', subjectId: subject(), purpose: 'payment', userId: u.id, title: '缴纳认可费用', dueAt: due });
    await runReminders(h.db, at(due, 30)); // -72, -24, 0 and +24 have all passed
    const s = await sentFor(d.id);
    expect(s.notifications).toHaveLength(1);
    expect(s.notifications[0].title).toBe('已逾期：缴纳认可费用');
    expect(s.notifications[0].dedupeKey).toMatch(new RegExp(`^reminder:${d.id}:24:`));
  });

  it('handles due dates written by SQL with microseconds (finer than a JS date)', async () => {
    const u = await createIndividual(h.db);
    const due = new Date('2031-06-15T00:00:00Z');
    const d = await setDeadline(h.db, { subjectType: 'order', subjectId: subject(), purpose: 'payment', userId: u.id, title: '缴纳年费', dueAt: due });
    await h.db.update(deadlines).set({ dueAt: sql`${deadlines.dueAt} + interval '0.000789 seconds'` }).where(eq(deadlines.id, d.id));
    await runReminders(h.db, at(due, -24));
    await runReminders(h.db, at(due, -23));
    expect((await sentFor(d.id)).notifications.map((n) => n.title)).toEqual(['即将到期：缴纳年费']);
  });

  it('closing a deadline stops its reminders; setting it again with a new due date re-arms them', async () => {
    const u = await createIndividual(h.db);
    const subjectId = subject();
    const due = new Date('2031-07-01T00:00:00Z');
    const d = await setDeadline(h.db, { subjectType: 'application', subjectId, purpose: 'state:pending_payment', userId: u.id, title: '缴费', dueAt: due });
    await runReminders(h.db, at(due, -72));
    expect((await sentFor(d.id)).notifications).toHaveLength(1);

    expect(await closeDeadline(h.db, { subjectType: 'application', subjectId })).toBe(1);
    expect(await closeDeadline(h.db, { subjectType: 'application', subjectId })).toBe(0);
    await runReminders(h.db, at(due, 0));
    await runReminders(h.db, at(due, 100));
    expect((await sentFor(d.id)).notifications).toHaveLength(1);

    // Reopened with a later due date (the same row): its schedule starts over.
    const later = at(due, 24 * 10);
    const again = await setDeadline(h.db, { subjectType: 'application', subjectId, purpose: 'state:pending_payment', userId: u.id, title: '缴费', dueAt: later });
    expect(again.id).toBe(d.id);
    expect(again.closedAt).toBeNull();
    await runReminders(h.db, at(later, -72));
    await runReminders(h.db, at(later, -72));
    expect((await sentFor(d.id)).notifications).toHaveLength(2);

    // Setting it again unchanged (e.g. an edit of the application) sends nothing twice.
    await setDeadline(h.db, { subjectType: 'application', subjectId, purpose: 'state:pending_payment', userId: u.id, title: '缴费', dueAt: later, data: { number: 'A-1' } });
    await runReminders(h.db, at(later, -71));
    expect((await sentFor(d.id)).notifications).toHaveLength(2);
    const [row] = await h.db.select().from(deadlines).where(eq(deadlines.id, d.id));
    expect(row.data).toMatchObject({ number: 'A-1', _reminder: { offset: -72 } });
  });

  it('a role deadline reaches every active staff member with the role (for its module), each once, email where they have one', async () => {
    const role = `r${Date.now().toString(36)}`;
    const a = await createStaff(h.db, [{ role }], { email: 'a-staff@example.com' });
    const b = await createStaff(h.db, [{ role, module: 'membership' }], { email: 'b-staff@example.com' });
    const noMail = await createStaff(h.db, [{ role }]);
    const otherModule = await createStaff(h.db, [{ role, module: 'exam' }], { email: 'c-staff@example.com' });
    const disabled = await createStaff(h.db, [{ role }], { status: 'disabled', email: 'd-staff@example.com' });

    const due = new Date('2031-08-01T00:00:00Z');
    const d = await setDeadline(h.db, { subjectType: 'application', subjectId: subject(), purpose: 'state:submitted', role, module: 'membership', title: '审核入会申请', link: '/staff', dueAt: due });
    await Promise.all([runReminders(h.db, at(due, -24)), runReminders(h.db, at(due, -24))]);
    await runReminders(h.db, at(due, -23));

    const s = await sentFor(d.id);
    expect(s.notifications.map((n) => n.userId).sort()).toEqual([a.id, b.id, noMail.id].sort());
    expect(s.emails.map((e) => e.to).sort()).toEqual(['a-staff@example.com', 'b-staff@example.com']);
    for (const u of [otherModule, disabled]) expect(s.notifications.some((n) => n.userId === u.id)).toBe(false);

    // 我的任务: the staff member sees the role's item; staff of another module and applicants do not.
    const items = await listDueItems(h.db, await actorOf(b.id), { now: at(due, 1) });
    expect(items.map((i) => i.id)).toContain(d.id);
    const item = items.find((i) => i.id === d.id)!;
    expect(item).toMatchObject({ overdue: true, module: 'membership', assignee: { kind: 'role', role }, title: '审核入会申请' });
    expect(item.data).not.toHaveProperty('_reminder');
    expect((await listDueItems(h.db, await actorOf(otherModule.id))).map((i) => i.id)).not.toContain(d.id);
  });

  it('listDueItems: the actor’s own open deadlines, soonest first, overdue flagged, closed ones gone', async () => {
    const u = await createIndividual(h.db);
    const other = await createIndividual(h.db);
    const now = new Date('2031-09-10T00:00:00Z');
    const mk = (title: string, dueAt: Date, userId = u.id) => setDeadline(h.db, { subjectType: 'application', subjectId: subject(), purpose: 'p', userId, title, dueAt, link: '/portal' });
    const later = await mk('后到期', at(now, 48));
    const past = await mk('已过期', at(now, -5));
    const closed = await mk('已关闭', at(now, 1));
    await mk('别人的', at(now, 2), other.id);
    await closeDeadline(h.db, { subjectType: 'application', subjectId: closed.subjectId, purpose: 'p' });

    const items = await listDueItems(h.db, await actorOf(u.id), { now });
    expect(items.map((i) => [i.title, i.overdue])).toEqual([
      ['已过期', true],
      ['后到期', false],
    ]);
    expect(items.map((i) => i.id)).toEqual([past.id, later.id]);
  });

  it('reads the schedule from the site setting reminders.schedule', async () => {
    expect(parseSchedule(undefined)).toEqual([-72, -24, 0, 24, 72]);
    expect(parseSchedule({ offsetsHours: [24, -1, 24] })).toEqual([-1, 24]);
    expect(parseSchedule(['x'])).toEqual([-72, -24, 0, 24, 72]);

    await h.db.insert(siteSettings).values({ key: 'reminders.schedule', value: [-1] });
    try {
      const u = await createIndividual(h.db);
      const due = new Date('2031-10-01T00:00:00Z');
      const d = await setDeadline(h.db, { subjectType: 'x', subjectId: subject(), purpose: 'p', userId: u.id, title: '提交报告', dueAt: due });
      await runReminders(h.db, at(due, -24));
      expect((await sentFor(d.id)).notifications).toHaveLength(0);
      await runReminders(h.db, at(due, -1));
      await runReminders(h.db, at(due, 100));
      const s = await sentFor(d.id);
      expect(s.notifications.map((n) => n.title)).toEqual(['即将到期：提交报告']);
    } finally {
      await h.db.delete(siteSettings).where(and(eq(siteSettings.key, 'reminders.schedule')));
    }
  });

  it('refuses a deadline with both or neither of user and role', async () => {
    const u = await createIndividual(h.db);
    const base = { subjectType: 'x', subjectId: subject(), purpose: 'p', title: 't', dueAt: new Date() };
    await expect(setDeadline(h.db, { ...base } as never)).rejects.toThrow(/exactly one/);
    await expect(setDeadline(h.db, { ...base, userId: u.id, role: 'admin' } as never)).rejects.toThrow(/exactly one/);
  });
});
