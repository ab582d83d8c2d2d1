import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { exams, notices, siteSettings } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createStaff } from '@/db/seed/factories';
import { addAreaDef } from '@/lib/modules/exam/admin/services/add-area';
import { addSessionDef } from '@/lib/modules/exam/admin/services/add-session';
import { addSubjectDef } from '@/lib/modules/exam/admin/services/add-subject';
import { createExamDef } from '@/lib/modules/exam/admin/services/create-exam';
import { publishExamDef } from '@/lib/modules/exam/admin/services/publish-exam';
import { unpublishExamDef } from '@/lib/modules/exam/admin/services/unpublish-exam';
import { updateExamDef } from '@/lib/modules/exam/admin/services/update-exam';
import { examFieldsSchema, type ExamFieldsInput } from '@/lib/modules/exam/admin/schemas';
import { OPEN_EXAMS_CACHE, openExams, openExamsKept, openExamsNow } from '@/lib/modules/exam/catalog';
import { createNoticeDef } from '@/lib/modules/publications/services/create-notice';
import { deleteNoticeDef } from '@/lib/modules/publications/services/delete-notice';
import { publishNoticeDef } from '@/lib/modules/publications/services/publish-notice';
import { unpublishNoticeDef } from '@/lib/modules/publications/services/unpublish-notice';
import { updateNoticeDef } from '@/lib/modules/publications/services/update-notice';
import { updateSiteFooterDef } from '@/lib/modules/staff-admin/services/site-footer';
import type { Access, ActionDef } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { StampedCache, sharedStampedCache, type StampedCacheOptions } from '@/lib/platform/cache/stamped-cache';
import {
  getPublishedNotice,
  latestPublishedNotices,
  listPublishedNotices,
  PUBLIC_NOTICES_CACHE,
  publicNotice,
  publicNoticeReads,
  publishedNoticesPage,
} from '@/lib/platform/content/notices';
import { allSupportContacts, FILING_SETTING, PUBLIC_SETTINGS_CACHE, publicSetting, publicSettingReads, readAllSupportContacts, setSetting, SUPPORT_SETTING, type SiteFiling, type SupportContacts } from '@/lib/platform/settings';
import { dateToShanghaiLocal, type NoticeFieldsInput } from '@/lib/modules/publications/schemas';
import { actorOf, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

/**
 * The public pages' kept read models (lib/platform/cache/stamped-cache.ts):
 * a change shows at once on the instance that made it (its services
 * invalidate the process's cache), and within the stamp's recheck interval on
 * another instance — simulated by a second cache over the same database with
 * its own clock, which nobody invalidates, exactly as another process's
 * would be. Nothing kept is per user.
 */

let h: DbHandle;
let call: ReturnType<typeof callAs>;
let admin: Actor;
let examAdmin: Actor;

beforeAll(async () => {
  h = await createTestDb();
  call = callAs(h.db);
  admin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'admin' }])).id);
  examAdmin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'exam_admin' }])).id);
});
afterAll(async () => {
  await h.close();
});

type AnyDef = ActionDef<Access, z.ZodType, unknown>;
async function ok<D>(p: Promise<unknown>): Promise<D> {
  const r = await p;
  expect(r).toMatchObject({ ok: true });
  return (r as { data: D }).data;
}
const as = (actor: Actor, def: unknown, input: unknown) => ok<{ id: string }>(call(def as AnyDef, actor, input));

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const fields = (over: Partial<NoticeFieldsInput> = {}): NoticeFieldsInput => ({ title: `缓存测试通知${uniq()}`, module: 'review', category: 'news', body: '正文第一段。', publishAt: '', ...over });

/** Another instance: its own cache over the same database, on a clock the test moves; nobody invalidates it. */
function instance(options: StampedCacheOptions) {
  const clock = { now: 1_000_000 };
  const cache = new StampedCache({ ...options, now: () => clock.now });
  return { cache, clock, advance: (ms: number) => (clock.now += ms), recheckMs: options.recheckMs };
}

const ids = (list: Array<{ id: string }>) => list.map((n) => n.id);

describe('public notices kept per instance', () => {
  it('a publish, an edit and an unpublish show at once on this instance and within the recheck interval on another', async () => {
    const other = instance(PUBLIC_NOTICES_CACHE);
    const there = publicNoticeReads(other.cache);
    const { id } = await as(admin, createNoticeDef, fields({ title: '草稿：尚未发布的通知' }));
    // Both instances read (and keep) the lists without the draft.
    expect(ids(await latestPublishedNotices(h.db, { limit: 8 }))).not.toContain(id);
    expect(ids(await there.latest(h.db, { limit: 8 }))).not.toContain(id);
    const totalBefore = (await there.page(h.db, { page: 1, pageSize: 20 })).total;
    expect(await publicNotice(h.db, id)).toBeUndefined();

    // Publish here: this instance shows it at the next read.
    await as(admin, publishNoticeDef, { id });
    expect(ids(await latestPublishedNotices(h.db, { limit: 8 }))[0]).toBe(id);
    expect((await publishedNoticesPage(h.db, { page: 1, pageSize: 20 })).items[0].id).toBe(id);
    expect((await publishedNoticesPage(h.db, { module: 'review', page: 1, pageSize: 20 })).items[0].id).toBe(id);
    expect(await publicNotice(h.db, id)).toMatchObject({ id, title: '草稿：尚未发布的通知', body: '正文第一段。' });
    // The other instance still serves what it kept (it was not told) …
    other.advance(other.recheckMs - 1);
    expect(ids(await there.latest(h.db, { limit: 8 }))).not.toContain(id);
    expect((await there.page(h.db, { page: 1, pageSize: 20 })).total).toBe(totalBefore);
    // … until its next stamp check, at most recheckMs after the change.
    other.advance(1);
    expect(ids(await there.latest(h.db, { limit: 8 }))[0]).toBe(id);
    expect((await there.page(h.db, { page: 1, pageSize: 20 })).total).toBe(totalBefore + 1);
    expect(await there.notice(h.db, id)).toMatchObject({ title: '草稿：尚未发布的通知' });

    // An edit of the published notice's title and text.
    const publishedAt = (await getPublishedNotice(h.db, id))!.publishedAt!;
    await as(admin, updateNoticeDef, { ...fields({ title: '已修订的通知', body: '修订后的正文。' }), id, publishAt: dateToShanghaiLocal(publishedAt) });
    expect((await latestPublishedNotices(h.db, { limit: 8 }))[0]).toMatchObject({ id, title: '已修订的通知' });
    expect(await publicNotice(h.db, id)).toMatchObject({ title: '已修订的通知', body: '修订后的正文。' });
    expect(await there.notice(h.db, id)).toMatchObject({ title: '草稿：尚未发布的通知', body: '正文第一段。' });
    other.advance(other.recheckMs);
    expect(await there.notice(h.db, id)).toMatchObject({ title: '已修订的通知', body: '修订后的正文。' });
    expect((await there.latest(h.db, { limit: 8 }))[0]).toMatchObject({ id, title: '已修订的通知' });

    // Unpublish: gone from every list and its page here at once, there within the bound.
    await as(admin, unpublishNoticeDef, { id });
    expect(ids(await latestPublishedNotices(h.db, { limit: 8 }))).not.toContain(id);
    expect(ids((await publishedNoticesPage(h.db, { page: 1, pageSize: 20 })).items)).not.toContain(id);
    expect(await publicNotice(h.db, id)).toBeUndefined();
    expect(await there.notice(h.db, id)).toBeDefined();
    other.advance(other.recheckMs);
    expect(await there.notice(h.db, id)).toBeUndefined();
    expect(ids(await there.latest(h.db, { limit: 8 }))).not.toContain(id);
    expect((await there.page(h.db, { page: 1, pageSize: 20 })).total).toBe(totalBefore);
  });

  it('a deletion, and a row changed directly by another process, show within the recheck interval', async () => {
    const other = instance(PUBLIC_NOTICES_CACHE);
    const there = publicNoticeReads(other.cache);
    const { id } = await as(admin, createNoticeDef, fields());
    await as(admin, publishNoticeDef, { id });
    const { id: second } = await as(admin, createNoticeDef, fields());
    await as(admin, publishNoticeDef, { id: second });
    expect(ids(await there.latest(h.db, { limit: 8 })).slice(0, 2)).toEqual([second, id]);
    expect(await there.notice(h.db, id)).toBeDefined();

    // Deleting the older one (not the latest change): the stamp still moves, the row leaves the sum.
    await as(admin, deleteNoticeDef, { id });
    expect(await publicNotice(h.db, id)).toBeUndefined();
    other.advance(other.recheckMs);
    expect(await there.notice(h.db, id)).toBeUndefined();
    expect(ids(await there.latest(h.db, { limit: 8 }))).not.toContain(id);

    // Another instance's write, as its SQL (here nobody invalidates anything): the title of the second changed.
    await h.db.update(notices).set({ title: '另一实例修改的标题', updatedAt: sql`now()` }).where(eq(notices.id, second));
    expect((await there.latest(h.db, { limit: 8 }))[0].title).not.toBe('另一实例修改的标题');
    other.advance(other.recheckMs);
    expect((await there.latest(h.db, { limit: 8 }))[0]).toMatchObject({ id: second, title: '另一实例修改的标题' });
  });

  it('a scheduled notice is not shown before its time and is shown once its time has come, within the recheck interval', async () => {
    const other = instance(PUBLIC_NOTICES_CACHE);
    const there = publicNoticeReads(other.cache);
    const [row] = await h.db
      .insert(notices)
      .values({ title: `定时发布${uniq()}`, body: '正文', module: 'review', publishedAt: sql`now() + interval '1 hour'` })
      .returning();
    expect(ids(await there.latest(h.db, { limit: 8 }))).not.toContain(row.id);
    // Its time comes (the database's clock cannot be moved: its publication instant is moved back instead).
    await h.db.update(notices).set({ publishedAt: sql`now() - interval '1 second'`, updatedAt: row.updatedAt }).where(eq(notices.id, row.id));
    other.advance(other.recheckMs);
    expect(ids(await there.latest(h.db, { limit: 8 }))).toContain(row.id);
  });

  it('pages past the last are the last, and page numbers never grow the cache beyond the real pages', async () => {
    const asked = await publishedNoticesPage(h.db, { page: 999_999, pageSize: 20 });
    expect(asked.page).toBe(asked.pages);
    expect((await publishedNoticesPage(h.db, { page: Number.NaN, pageSize: 20 })).page).toBe(1);
    const keys = sharedStampedCache(PUBLIC_NOTICES_CACHE)
      .entries(h.db)
      .map(([k]) => k);
    expect(keys.some((k) => k.includes('999999'))).toBe(false);
    // Ids that are not notices are answered (undefined) and not kept.
    expect(await publicNotice(h.db, crypto.randomUUID())).toBeUndefined();
    expect(await publicNotice(h.db, 'not-a-uuid')).toBeUndefined();
    expect(sharedStampedCache(PUBLIC_NOTICES_CACHE).entries(h.db).every(([, v]) => v !== undefined)).toBe(true);
  });

  it('keeps nothing private: no draft, no scheduled notice, no storage key, no author, no per-user key', async () => {
    const staffUser = await createStaff(h.db, [{ role: 'admin' }]);
    const draftTitle = `私密草稿${uniq()}`;
    const scheduledTitle = `未到时间${uniq()}`;
    await h.db.insert(notices).values({ title: draftTitle, body: '草稿正文', module: 'review', createdBy: staffUser.id });
    await h.db.insert(notices).values({ title: scheduledTitle, body: '定时正文', module: 'review', createdBy: staffUser.id, publishedAt: sql`now() + interval '1 day'` });
    const [withFile] = await h.db
      .insert(notices)
      .values({
        title: `带附件的通知${uniq()}`,
        body: '正文',
        module: 'review',
        createdBy: staffUser.id,
        publishedAt: sql`now() - interval '1 minute'`,
        attachments: [{ key: 'notices/secret-storage-key/评审文件.pdf', name: '评审文件.pdf', size: 1234, contentType: 'application/pdf' }],
      })
      .returning();
    // The read models take no actor: a signed-in staff member who may see the draft reads the same values as anyone.
    const other = instance(PUBLIC_NOTICES_CACHE);
    const reads = publicNoticeReads(other.cache);
    await reads.latest(h.db, { limit: 50 });
    await reads.latest(h.db, { module: 'review', limit: 10 });
    await reads.page(h.db, { page: 1, pageSize: 20 });
    await reads.page(h.db, { module: 'review', category: 'news', page: 1, pageSize: 20 });
    const notice = await reads.notice(h.db, withFile.id);
    expect(notice?.attachments).toEqual([{ name: '评审文件.pdf', size: 1234 }]);
    expect(Object.keys(notice!).sort()).toEqual(['attachments', 'body', 'category', 'id', 'module', 'publishedAt', 'title']);

    const kept = JSON.stringify(other.cache.entries(h.db));
    expect(kept).toContain(withFile.title);
    for (const secret of [draftTitle, scheduledTitle, '草稿正文', '定时正文', 'secret-storage-key', staffUser.id, 'createdBy', 'application/pdf']) expect(kept).not.toContain(secret);
    // Keys are the public filters only.
    for (const [key] of other.cache.entries(h.db)) expect(JSON.parse(key)[0]).toMatch(/^(count|list|notice)$/);
    // What the uncached query says is what is kept.
    expect(ids(await reads.latest(h.db, { limit: 50 }))).toEqual(ids(await listPublishedNotices(h.db, { limit: 50 })));
  });
});

// ---- open exams on the home page -----------------------------------------------

/** Beijing wall-clock minutes as the exam form takes them ('YYYY-MM-DDTHH:mm'). */
function shanghaiLocal(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}
const DAY = 24 * 3600_000;

/** An exam whose registration window holds `around` (from a day before to 20 days after), ready to publish. */
async function openableExam(around: number, name = `缓存测试考试${uniq()}`) {
  const input: ExamFieldsInput = {
    name,
    periodStart: shanghaiLocal(new Date(around + 40 * DAY)).slice(0, 10),
    periodEnd: shanghaiLocal(new Date(around + 41 * DAY)).slice(0, 10),
    registrationOpensAt: shanghaiLocal(new Date(around - DAY)),
    registrationClosesAt: shanghaiLocal(new Date(around + 20 * DAY)),
    refundOpensAt: '',
    refundClosesAt: '',
    areaChangeOpensAt: '',
    areaChangeClosesAt: '',
    notice: '考生须知。',
    orderTtlMinutes: '30',
  };
  expect(examFieldsSchema.safeParse(input).success).toBe(true);
  const { id } = await as(examAdmin, createExamDef, input);
  const { id: sessionId } = await as(examAdmin, addSessionDef, { examId: id, name: '上午场', startsAt: `${input.periodStart}T09:00`, endsAt: `${input.periodStart}T11:30` });
  await as(examAdmin, addSubjectDef, { sessionId, code: 'A01', name: '认证通用基础', fee: '200' });
  await as(examAdmin, addAreaDef, { examId: id, name: '北京', regionCode: '110100', capacity: '500' });
  return { id, input };
}

describe('open exams kept per instance', () => {
  it('a publish, a changed window and an unpublish show at once here and within the recheck interval on another instance', async () => {
    const other = instance(OPEN_EXAMS_CACHE);
    other.clock.now = Date.now();
    const { id, input } = await openableExam(Date.now());
    expect(ids(await openExamsNow(h.db))).not.toContain(id);
    expect(ids(await openExamsKept(h.db, other.cache))).not.toContain(id);

    await as(examAdmin, publishExamDef, { id });
    expect(ids(await openExamsNow(h.db))).toContain(id);
    expect(ids(await openExamsKept(h.db, other.cache))).not.toContain(id);
    other.advance(other.recheckMs);
    expect(ids(await openExamsKept(h.db, other.cache))).toContain(id);

    // Staff close the window early (it opens tomorrow now).
    await as(examAdmin, updateExamDef, { ...input, id, registrationOpensAt: shanghaiLocal(new Date(Date.now() + DAY)) });
    expect(ids(await openExamsNow(h.db))).not.toContain(id);
    expect(ids(await openExamsKept(h.db, other.cache))).toContain(id);
    other.advance(other.recheckMs);
    expect(ids(await openExamsKept(h.db, other.cache))).not.toContain(id);

    await as(examAdmin, updateExamDef, { ...input, id });
    expect(ids(await openExamsNow(h.db))).toContain(id);
    await as(examAdmin, unpublishExamDef, { id });
    expect(ids(await openExamsNow(h.db))).not.toContain(id);
    other.advance(other.recheckMs);
    expect(ids(await openExamsKept(h.db, other.cache))).not.toContain(id);
    expect(ids(await openExamsNow(h.db))).toEqual(ids(await openExams(h.db)));
  });

  it('a kept list is dropped when a window opens or closes, with no write', async () => {
    const other = instance(OPEN_EXAMS_CACHE);
    // Another exam's window (2031) opens and closes while the list is kept on a clock just before it.
    const opensAt = Date.parse('2031-03-01T01:00:00Z');
    const { id } = await openableExam(opensAt + DAY);
    await as(examAdmin, publishExamDef, { id });
    const [row] = await h.db.select().from(exams).where(eq(exams.id, id));
    other.clock.now = row.registrationOpensAt.getTime() - 1;
    expect(ids(await openExamsKept(h.db, other.cache))).not.toContain(id);
    other.advance(1);
    expect(ids(await openExamsKept(h.db, other.cache))).toContain(id);
    other.clock.now = row.registrationClosesAt.getTime() - 1;
    expect(ids(await openExamsKept(h.db, other.cache))).toContain(id);
    other.advance(1);
    expect(ids(await openExamsKept(h.db, other.cache))).not.toContain(id);
  });
});

// ---- public settings (help page, footer) ---------------------------------------------

describe('public settings kept per instance', () => {
  it('the footer editor’s change shows at once here and within the recheck interval on another instance', async () => {
    const other = instance(PUBLIC_SETTINGS_CACHE);
    const there = publicSettingReads(other.cache);
    const before = await publicSetting<SupportContacts>(h.db, SUPPORT_SETTING);
    expect(await there.setting<SupportContacts>(h.db, SUPPORT_SETTING)).toEqual(before);
    expect(await allSupportContacts(h.db)).toEqual(await readAllSupportContacts(h.db));
    await there.allSupportContacts(h.db);

    await ok(call(updateSiteFooterDef as AnyDef, admin, { icp: '京ICP备12345678号-1', psb: '京公网安备11010502030001号', phone: '010-8888 0000', email: 'help@example.cn', qqGroup: '987654321', hours: '工作日 8:30–17:30' }));
    expect(await publicSetting<SupportContacts>(h.db, SUPPORT_SETTING)).toMatchObject({ phone: '010-8888 0000', email: 'help@example.cn' });
    expect(await publicSetting<SiteFiling>(h.db, FILING_SETTING)).toEqual({ icp: '京ICP备12345678号-1', psb: '京公网安备11010502030001号' });
    expect((await allSupportContacts(h.db))[0].contacts).toMatchObject({ phone: '010-8888 0000' });
    expect(await there.setting<SupportContacts>(h.db, SUPPORT_SETTING)).toEqual(before);
    other.advance(other.recheckMs);
    expect(await there.setting<SupportContacts>(h.db, SUPPORT_SETTING)).toMatchObject({ phone: '010-8888 0000' });
    expect((await there.allSupportContacts(h.db))[0].contacts).toMatchObject({ phone: '010-8888 0000' });

    // Any setSetting of a public key (inside the caller's transaction) drops this instance's copies.
    await h.db.transaction((tx) => setSetting(tx, SUPPORT_SETTING, { ...before, phone: '010-7777 0000' }));
    expect((await publicSetting<SupportContacts>(h.db, SUPPORT_SETTING)).phone).toBe('010-7777 0000');
    expect((await allSupportContacts(h.db))[0].contacts.phone).toBe('010-7777 0000');
  });

  it('keeps only public settings', async () => {
    await expect(publicSetting(h.db, 'membership.dues')).rejects.toThrow(/not public/);
    await expect(publicSetting(h.db, 'payments.bankAccount')).rejects.toThrow(/not public/);
    const keys = sharedStampedCache(PUBLIC_SETTINGS_CACHE)
      .entries(h.db)
      .map(([k]) => k);
    expect(keys.every((k) => k === 'allSupportContacts' || /^\["setting","(site\.support|site\.filing|support\.[a-z]+)"\]$/.test(k))).toBe(true);
    // A setting row written directly with a new value shows after the recheck on an instance that was not told.
    const other = instance(PUBLIC_SETTINGS_CACHE);
    const there = publicSettingReads(other.cache);
    const filing = await there.setting<SiteFiling>(h.db, FILING_SETTING);
    await h.db.update(siteSettings).set({ value: { ...filing, icp: '沪ICP备00000000号' }, updatedAt: sql`now()` }).where(eq(siteSettings.key, FILING_SETTING));
    expect((await there.setting<SiteFiling>(h.db, FILING_SETTING)).icp).toBe(filing.icp);
    other.advance(other.recheckMs);
    expect((await there.setting<SiteFiling>(h.db, FILING_SETTING)).icp).toBe('沪ICP备00000000号');
  });
});
