import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { noticeServings, sessions, siteSettings } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount } from '@/db/seed/factories';
import { loadActor, type Actor } from '@/lib/platform/auth/actor';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { acceptNotice, acceptNoticeDef, serveNotice, serveNoticeDef } from '@/lib/platform/notices/forced-reading';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const anonymous: Actor = { kind: 'anonymous' };
async function actorOf(userId: string): Promise<Actor> {
  const [s] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return loadActor(h.db, userId, s.id);
}
const call = (def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown) => invokeAction(def, { db: h.db, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN' }, input);
/** Moves a serving back in time, as if the user had been reading for `seconds`. */
const age = (servingId: string, seconds: number) =>
  h.db.update(noticeServings).set({ servedAt: sql`now() - make_interval(secs => ${seconds})` }).where(eq(noticeServings.id, servingId));
const row = async (id: string) => (await h.db.select().from(noticeServings).where(eq(noticeServings.id, id)))[0];

describe('forced-reading notices', () => {
  it('serves the shipped module-A login notice (10 s) and the membership notice (15 s)', async () => {
    const a = await serveNotice(h.db, 'accreditation.login', anonymous);
    expect(a).toMatchObject({ title: '实验室/检验机构用户登录须知', seconds: 10 });
    expect(a.body.length).toBeGreaterThan(100);
    expect((await row(a.servingId)).userId).toBeNull();
    expect(await serveNotice(h.db, 'membership.apply', anonymous)).toMatchObject({ title: '入会须知', seconds: 15 });
  });

  it('refuses an acceptance right away with the remaining seconds and marks nothing', async () => {
    const s = await serveNotice(h.db, 'accreditation.login', anonymous);
    const err = await acceptNotice(h.db, s.servingId, anonymous).catch((e) => e);
    expect(err).toMatchObject({ code: 'BAD_INPUT', messageKey: 'noticeTooEarly' });
    expect(Number(err.params.seconds)).toBeGreaterThanOrEqual(9);
    expect(Number(err.params.seconds)).toBeLessThanOrEqual(10);
    expect((await row(s.servingId)).acceptedAt).toBeNull();

    // Through the action gate, the message carries the wait.
    const r = await call(acceptNoticeDef, anonymous, { servingId: s.servingId });
    expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(!r.ok && r.message).toMatch(/^请仔细阅读须知，(9|10) 秒后方可确认$/);

    // Four seconds in, still refused, with about six to go.
    await age(s.servingId, 4);
    const later = await acceptNotice(h.db, s.servingId, anonymous).catch((e) => e);
    expect(Number(later.params.seconds)).toBeGreaterThanOrEqual(5);
    expect(Number(later.params.seconds)).toBeLessThanOrEqual(6);
    expect((await row(s.servingId)).acceptedAt).toBeNull();
  });

  it('accepts once the seconds have passed on the database clock; a second acceptance returns the first', async () => {
    const u = await createIndividual(h.db);
    const me = await actorOf(u.id);
    const s = await serveNotice(h.db, 'accreditation.login', me);
    expect((await row(s.servingId)).userId).toBe(u.id);
    await age(s.servingId, 10);
    const first = await acceptNotice(h.db, s.servingId, me);
    expect((await row(s.servingId)).acceptedAt?.toISOString()).toBe(first.acceptedAt);
    const again = await call(acceptNoticeDef, me, { servingId: s.servingId });
    expect(again).toEqual({ ok: true, data: { acceptedAt: first.acceptedAt } });
  });

  it('the per-notice seconds apply: 15 s for the membership notice', async () => {
    const s = await serveNotice(h.db, 'membership.apply', anonymous);
    await age(s.servingId, 11);
    expect(await acceptNotice(h.db, s.servingId, anonymous).catch((e) => e)).toMatchObject({ messageKey: 'noticeTooEarly' });
    await age(s.servingId, 15);
    expect((await acceptNotice(h.db, s.servingId, anonymous)).acceptedAt).toBeTruthy();
  });

  it('the seconds are configurable in site settings', async () => {
    await h.db.insert(siteSettings).values({ key: 'notice.test.quick', value: { title: '测试须知', body: '正文', seconds: 3 } });
    const s = await serveNotice(h.db, 'test.quick', anonymous);
    expect(s.seconds).toBe(3);
    await age(s.servingId, 3);
    expect((await acceptNotice(h.db, s.servingId, anonymous)).acceptedAt).toBeTruthy();
  });

  it("refuses another user's serving, and an anonymous caller for a signed-in user's serving", async () => {
    const owner = await actorOf((await createIndividual(h.db)).id);
    const other = await actorOf((await createOrgAccount(h.db)).user.id);
    const s = await serveNotice(h.db, 'accreditation.login', owner);
    await age(s.servingId, 30);
    expect(await call(acceptNoticeDef, other, { servingId: s.servingId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(acceptNoticeDef, anonymous, { servingId: s.servingId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await row(s.servingId)).acceptedAt).toBeNull();
    expect(await call(acceptNoticeDef, owner, { servingId: s.servingId })).toMatchObject({ ok: true });
  });

  it('refuses an unknown notice key and an unknown serving', async () => {
    expect(await call(serveNoticeDef, anonymous, { key: 'no.such.notice' })).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '须知不存在或已停用' });
    expect(await call(serveNoticeDef, anonymous, { key: '../site.support' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    // A setting that is not a notice is not served as one.
    await expect(serveNotice(h.db, 'site', anonymous)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await call(acceptNoticeDef, anonymous, { servingId: crypto.randomUUID() })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(acceptNoticeDef, anonymous, { servingId: 'not-a-uuid' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

describe('editing forced-reading notices (阅读须知设置)', () => {
  it("a module's reviewer changes its notice's reading time, audited; the server then holds acceptances to the new time", async () => {
    const { createStaff } = await import('@/db/seed/factories');
    const { updateReadingNoticeDef, editableReadingNotices } = await import('@/lib/platform/notices/editor');
    const { auditLog } = await import('@/db/schema');
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
    expect((await editableReadingNotices(h.db, reviewer)).map((n) => n.key)).toEqual(['membership.apply']);
    const r = await call(updateReadingNoticeDef, reviewer, { key: 'membership.apply', title: '入会须知（2027版）', body: '请仔细阅读。', seconds: '30' });
    expect(r).toMatchObject({ ok: true, data: { seconds: 30 } });
    const s = await serveNotice(h.db, 'membership.apply', anonymous);
    expect(s).toMatchObject({ title: '入会须知（2027版）', seconds: 30 });
    await age(s.servingId, 20);
    await expect(acceptNotice(h.db, s.servingId, anonymous)).rejects.toMatchObject({ code: 'BAD_INPUT', messageKey: 'noticeTooEarly' });
    await age(s.servingId, 31);
    await expect(acceptNotice(h.db, s.servingId, anonymous)).resolves.toMatchObject({ acceptedAt: expect.any(String) });
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.targetId, 'membership.apply'));
    expect(entry).toMatchObject({ action: 'settings.changed', targetType: 'notice' });
    expect(entry.detail).toMatchObject({ from: { seconds: 15 }, to: { seconds: 30 } });
  });

  it("refuses another module's notice, an undeclared key and bad values, changing nothing", async () => {
    const { createStaff } = await import('@/db/seed/factories');
    const { updateReadingNoticeDef } = await import('@/lib/platform/notices/editor');
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const before = await h.db.select().from(siteSettings).where(eq(siteSettings.key, 'notice.accreditation.login'));
    expect(await call(updateReadingNoticeDef, examReviewer, { key: 'accreditation.login', title: '改', body: '改', seconds: '1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(updateReadingNoticeDef, admin, { key: 'nobody.declared', title: '改', body: '改', seconds: '1' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const bad = await call(updateReadingNoticeDef, admin, { key: 'accreditation.login', title: ' ', body: '', seconds: '601' });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { title: ['请输入须知标题'], body: ['请输入须知正文'], seconds: ['阅读时间不能超过600秒'] } });
    expect(await h.db.select().from(siteSettings).where(eq(siteSettings.key, 'notice.accreditation.login'))).toEqual(before);
    expect((await serveNotice(h.db, 'accreditation.login', anonymous)).seconds).toBe(10);
  });
});
