import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { notifications, outbox, sessions } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { loadActor, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { invokeAction } from '@/lib/platform/auth/action-core';
import {
  bellSnapshot,
  listNotifications,
  markNotificationsReadDef,
  markRead,
  notifyRole,
  notifyUser,
  unreadCount,
} from '@/lib/platform/notify/in-app';
import { CredentialsEmail, PreviewProps as credentialsPreview } from '@/lib/platform/email/templates/credentials';
import { ReminderEmail } from '@/lib/platform/email/templates/reminder';
import { WorkflowStatusEmail } from '@/lib/platform/email/templates/workflow-status';
import { renderEmail, sendEmail, defaultEmailEnv } from '@/lib/platform/email';
import { emailPreviews } from '@/lib/platform/email/previews';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

async function actorOf(userId: string): Promise<SignedInActor> {
  const [s] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return (await loadActor(h.db, userId, s.id)) as SignedInActor;
}
const call = <T,>(def: Parameters<typeof invokeAction>[0], actor: Actor, input: T) =>
  invokeAction(def, { db: h.db, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN' }, input);

describe('in-app notifications', () => {
  it('notifies a user once per dedupe key, counts unread and lists newest first with keyset pages', async () => {
    const u = await createIndividual(h.db);
    const me = await actorOf(u.id);
    expect(await unreadCount(h.db, me)).toBe(0);

    const first = await notifyUser(h.db, { userId: u.id, title: '申请已受理', body: '您的申请已受理', link: '/portal/accreditation', dedupeKey: `t:${u.id}:1` });
    expect(first).toEqual(expect.any(Number));
    // Same logical notification again (a retry): nothing new.
    expect(await notifyUser(h.db, { userId: u.id, title: '申请已受理', dedupeKey: `t:${u.id}:1` })).toBeNull();
    for (let i = 2; i <= 5; i++) await notifyUser(h.db, { userId: u.id, title: `通知 ${i}` });
    expect(await unreadCount(h.db, me)).toBe(5);

    const p1 = await listNotifications(h.db, me, { limit: 2 });
    expect(p1.items.map((n) => n.title)).toEqual(['通知 5', '通知 4']);
    const p2 = await listNotifications(h.db, me, { limit: 2, cursor: p1.nextCursor });
    expect(p2.items.map((n) => n.title)).toEqual(['通知 3', '通知 2']);
    const p3 = await listNotifications(h.db, me, { limit: 2, cursor: p2.nextCursor });
    expect(p3.items.map((n) => n.title)).toEqual(['申请已受理']);
    expect(p3.nextCursor).toBeNull();
    expect(p3.items[0]).toMatchObject({ body: '您的申请已受理', link: '/portal/accreditation', readAt: null });
  });

  it('refuses links that are neither our paths nor web URLs', async () => {
    const u = await createIndividual(h.db);
    await expect(notifyUser(h.db, { userId: u.id, title: 'x', link: 'javascript:alert(1)' })).rejects.toThrow(/link/);
    await expect(notifyUser(h.db, { userId: u.id, title: 'x', link: '//evil.example.com' })).rejects.toThrow(/link/);
  });

  it('marks read only the actor’s own notifications: another user’s ids and mark-all change nothing of theirs', async () => {
    const a = await createIndividual(h.db);
    const { user: b } = await createOrgAccount(h.db);
    const actorA = await actorOf(a.id);
    const actorB = await actorOf(b.id);
    const aIds = [await notifyUser(h.db, { userId: a.id, title: 'A1' }), await notifyUser(h.db, { userId: a.id, title: 'A2' })] as number[];
    const bId = (await notifyUser(h.db, { userId: b.id, title: 'B1' }))!;

    // B tries A's ids (and its own): only its own row changes.
    expect(await markRead(h.db, actorB, { ids: [...aIds, bId] })).toBe(1);
    expect(await unreadCount(h.db, actorA)).toBe(2);
    expect(await unreadCount(h.db, actorB)).toBe(0);

    // Through the action gate too; "all" is scoped to the caller.
    await notifyUser(h.db, { userId: b.id, title: 'B2' });
    expect(await call(markNotificationsReadDef, actorB, { all: true })).toEqual({ ok: true, data: { updated: 1, unread: 0 } });
    expect(await unreadCount(h.db, actorA)).toBe(2);
    const [{ n }] = await h.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, a.id), isNull(notifications.readAt)));
    expect(Number(n)).toBe(2);

    expect(await call(markNotificationsReadDef, actorA, { ids: [aIds[0]] })).toEqual({ ok: true, data: { updated: 1, unread: 1 } });
    // Marking an already-read row again is a no-op.
    expect(await markRead(h.db, actorA, { ids: [aIds[0]] })).toBe(0);
    expect((await bellSnapshot(h.db, actorA)).unread).toBe(1);
  });

  it('refuses mark-read to anonymous callers and malformed input', async () => {
    expect(await call(markNotificationsReadDef, { kind: 'anonymous' }, { all: true })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const u = await createIndividual(h.db);
    expect(await call(markNotificationsReadDef, await actorOf(u.id), { ids: [] })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call(markNotificationsReadDef, await actorOf(u.id), { all: false })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  it('notifies every active staff member holding a role, for a module only those whose grant covers it', async () => {
    const role = `role_${Date.now().toString(36)}`;
    const global = await createStaff(h.db, [{ role }]);
    const accreditation = await createStaff(h.db, [{ role, module: 'accreditation' }]);
    const membership = await createStaff(h.db, [{ role, module: 'membership' }]);
    const disabled = await createStaff(h.db, [{ role }], { status: 'disabled' });
    const otherRole = await createStaff(h.db, [{ role: `${role}_x` }]);

    const all = await notifyRole(h.db, { role, title: '新的待审申请', dedupeKey: `queue:${role}:1` });
    expect(all.sort()).toEqual([global.id, accreditation.id, membership.id].sort());
    const scoped = await notifyRole(h.db, { role, module: 'accreditation', title: '认可申请待审', dedupeKey: `queue:${role}:2` });
    expect(scoped.sort()).toEqual([global.id, accreditation.id].sort());
    // Deduped per recipient.
    expect(await notifyRole(h.db, { role, module: 'accreditation', title: '认可申请待审', dedupeKey: `queue:${role}:2` })).toEqual([]);

    for (const [u, n] of [[global, 2], [accreditation, 2], [membership, 1], [disabled, 0], [otherRole, 0]] as const) {
      const [r] = await h.db.select({ n: count() }).from(notifications).where(eq(notifications.userId, u.id));
      expect(Number(r.n)).toBe(n);
    }
  });
});

describe('email templates', () => {
  const env = { ...defaultEmailEnv(), appUrl: 'https://accredit.example.cn' };

  it('every template renders Chinese text and its links into both the HTML and the plain-text body', () => {
    const wf = renderEmail(WorkflowStatusEmail, { recipientName: '张伟', number: 'A-2025-000001', kindLabel: '实验室认可申请', statusLabel: '退回修改', opinion: '请补充质量手册', link: '/portal/accreditation/a/1' }, env);
    for (const part of [wf.html, wf.text]) {
      expect(part).toContain('A-2025-000001');
      expect(part).toContain('退回修改');
      expect(part).toContain('请补充质量手册');
      expect(part).toContain('https://accredit.example.cn/portal/accreditation/a/1');
    }
    expect(wf.text).toContain('查看申请: https://accredit.example.cn/portal/accreditation/a/1');
    expect(wf.html).toMatch(/<a href="https:\/\/accredit\.example\.cn\/portal\/accreditation\/a\/1"[^>]*>查看申请<\/a>/);
    expect(wf.text).toContain('张伟，您好：');
    expect(wf.text).not.toMatch(/<[a-z]/i);

    const due = new Date('2025-03-01T01:30:00Z'); // 09:30 in Beijing
    const upcoming = renderEmail(ReminderEmail, { what: '缴纳会费', dueAt: due, overdue: false, link: '/portal/membership' }, env);
    expect(upcoming.text).toContain('截止时间：2025-03-01 09:30（北京时间）');
    expect(upcoming.text).toContain('即将到期');
    expect(upcoming.text).toContain('立即处理: https://accredit.example.cn/portal/membership');
    expect(upcoming.html).toContain('href="https://accredit.example.cn/portal/membership"');
    const overdue = renderEmail(ReminderEmail, { what: '缴纳会费', dueAt: due.toISOString(), overdue: true }, env);
    expect(overdue.text).toContain('已逾期');
    expect(overdue.text).not.toContain('立即处理');

    const cred = renderEmail(CredentialsEmail, credentialsPreview, env);
    for (const part of [cred.html, cred.text]) {
      expect(part).toContain(credentialsPreview.username);
      expect(part).toContain(credentialsPreview.password);
      expect(part).toContain('首次登录须修改密码');
      expect(part).toContain('https://accredit.example.cn/login?as=organization');
    }
    expect(cred.text).toContain('登录平台: https://accredit.example.cn/login?as=organization');
  });

  it('escapes what people typed and carries the support contacts in the footer', () => {
    const r = renderEmail(WorkflowStatusEmail, { number: 'N1', kindLabel: '<b>x</b>', statusLabel: 'a & b', link: '/x' }, env);
    expect(r.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(r.html).toContain('a &amp; b');
    expect(r.text).toContain('<b>x</b>');
    expect(r.text).toContain('您好：');
    for (const part of [r.html, r.text]) {
      expect(part).toContain(env.support.phone);
      expect(part).toContain(env.support.email);
      expect(part).toContain('认证认可一站式服务平台');
    }
  });

  it("every registered template (the platform's and the modules') renders its preview props", () => {
    for (const t of emailPreviews()) {
      const r = t.render(env);
      expect(r.html.startsWith('<!DOCTYPE html><html lang="zh-CN">'), t.key).toBe(true);
      expect(r.text, t.key).toMatch(/https:\/\/accredit\.example\.cn\//);
      expect(t.subject('zh-CN'), t.key).not.toBe('');
    }
  });

  it('sendEmail writes the rendered message to the outbox once per dedupe key, with the support contacts of the site settings', async () => {
    const to = `mail-${Date.now()}@example.com`;
    const props = { recipientName: '李四', username: 'lisi', password: 'Abc12345', loginUrl: '/login' };
    const id = await h.db.transaction((tx) => sendEmail(tx, { to, subject: '账户已开通', template: CredentialsEmail, props, dedupeKey: `cred:${to}` }));
    expect(id).toEqual(expect.any(Number));
    expect(await sendEmail(h.db, { to, subject: '账户已开通', template: CredentialsEmail, props, dedupeKey: `cred:${to}` })).toBeNull();
    const [row] = await h.db.select().from(outbox).where(eq(outbox.dedupeKey, `cred:${to}`));
    const payload = row.payload as { to: string; subject: string; text: string; html: string };
    expect(payload).toMatchObject({ to, subject: '账户已开通' });
    expect(payload.text).toContain('lisi');
    expect(payload.text).toMatch(/登录平台: https?:\/\/\S+\/login/);
    expect(payload.html).toContain('Abc12345');
  });
});
