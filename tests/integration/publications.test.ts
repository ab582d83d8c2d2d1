import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { auditLog, notices, sessions, type Notice } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { invokeAction, type Access, type ActionDef } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, loadActor, type Actor } from '@/lib/platform/auth/actor';
import { AppError, toFailure } from '@/lib/platform/errors';
import { EMBEDDED_S3_CREDENTIALS } from '@/lib/platform/storage';
import { countPublishedNotices, getPublishedNotice, listPublishedNotices } from '@/lib/platform/content/notices';
import { dateToShanghaiLocal, type NoticeFieldsInput } from '@/lib/modules/publications/schemas';
import { completeAttachmentUpload, completeAttachmentUploadDef } from '@/lib/modules/publications/services/complete-attachment-upload';
import { createNoticeDef } from '@/lib/modules/publications/services/create-notice';
import { deleteNotice, deleteNoticeDef } from '@/lib/modules/publications/services/delete-notice';
import { listStaffNotices } from '@/lib/modules/publications/services/list-notices';
import { publishNoticeDef } from '@/lib/modules/publications/services/publish-notice';
import { authorizeAttachmentRead } from '@/lib/modules/publications/services/read-attachment';
import { removeAttachment, removeAttachmentDef } from '@/lib/modules/publications/services/remove-attachment';
import { requestAttachmentUpload, requestAttachmentUploadDef } from '@/lib/modules/publications/services/request-attachment-upload';
import { unpublishNoticeDef } from '@/lib/modules/publications/services/unpublish-notice';
import { updateNoticeDef } from '@/lib/modules/publications/services/update-notice';
import type { z } from 'zod';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let s3: S3Client;

beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  s3 = new S3Client({ endpoint: s.server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: EMBEDDED_S3_CREDENTIALS });
});
afterAll(async () => {
  s3.destroy();
  await h.close();
  await s.close();
});

// ---- fixtures -------------------------------------------------------------

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
let png: Uint8Array;
beforeAll(async () => {
  png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#06c' } }).png().toBuffer());
});

async function actorOf(userId: string): Promise<Actor> {
  const [row] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return loadActor(h.db, userId, row.id);
}
const staffActor = async (roles: Array<{ role: string; module?: string }>) => actorOf((await createStaff(h.db, roles)).id);

type AnyDef = ActionDef<Access, z.ZodType, unknown>;
const call = (def: unknown, actor: Actor, input: unknown) =>
  invokeAction(def as AnyDef, { db: h.db, storage: async () => s.storage, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN' }, input);
function ok<D>(r: unknown): D {
  expect(r).toMatchObject({ ok: true });
  return (r as { data: D }).data;
}

/** The translated refusal of what `p` throws (fails the test when it does not throw an AppError). */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const f = toFailure(e);
    return { code: f.code, message: f.message };
  }
  throw new Error('expected a refusal');
}

const fields = (over: Partial<NoticeFieldsInput> = {}): NoticeFieldsInput => ({ title: '关于鉴定评审工作的通知', module: 'review', category: 'document', body: '第一段。\n\n第二段。', publishAt: '', ...over });

/** Inserts a notice directly (fixtures for refusal tests, independent of the code under test). */
async function insertNotice(over: Partial<typeof notices.$inferInsert> = {}): Promise<Notice> {
  const [n] = await h.db
    .insert(notices)
    .values({ module: 'review', category: 'document', title: `评审文件${Math.random().toString(36).slice(2, 8)}`, body: '正文', ...over })
    .returning();
  return n;
}
const rowOf = async (id: string) => (await h.db.select().from(notices).where(eq(notices.id, id)))[0];
const auditOf = (id: string) => h.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'notice'), eq(auditLog.targetId, id))).orderBy(asc(auditLog.id));

async function objectKeys(): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: s.storage.bucket }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

/** The browser's three steps: ask, PUT to the presigned URL, complete. */
async function attach(actor: Actor, id: string, fileName: string, bytes: Uint8Array, contentType = '') {
  const grant = await requestAttachmentUpload(h.db, s.storage, actor, { id, fileName, size: bytes.byteLength, contentType });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(bytes), headers: grant.headers });
  expect(put.status).toBe(200);
  return completeAttachmentUpload(h.db, s.storage, actor, { ticket: grant.ticket });
}

/** What an anonymous visitor gets for an attachment: the bytes, or the refusal code. */
async function download(actor: Actor, id: string, index: number): Promise<{ status: number; bytes?: Uint8Array; disposition?: string | null }> {
  try {
    const a = await authorizeAttachmentRead(h.db, actor, id, String(index));
    const res = await fetch(await s.storage.presignGet(a.key, { filename: a.name, contentType: a.contentType }));
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), disposition: res.headers.get('content-disposition') };
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { status: (e as AppError).status };
  }
}

const isPublic = async (id: string) =>
  Boolean(await getPublishedNotice(h.db, id)) || (await listPublishedNotices(h.db, { limit: 1000 })).some((n) => n.id === id);

// ---- tests ----------------------------------------------------------------

describe('admin: the whole life of a notice', () => {
  it('creates a draft, edits it, publishes, unpublishes and deletes it, auditing each publishing step', async () => {
    const admin = await staffActor([{ role: 'admin' }]);

    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields({ title: '  2027年鉴定评审计划  ', module: '', category: 'news', body: '第一段\r\n\r\n第二段\r\n' })));
    let row = await rowOf(id);
    expect(row).toMatchObject({ title: '2027年鉴定评审计划', module: null, category: 'news', body: '第一段\n\n第二段', publishedAt: null, attachments: [] });
    expect(row.createdBy).toBe((admin as { id: string }).id);
    expect(await isPublic(id)).toBe(false);
    // Saving a draft is not a publication.
    expect(await auditOf(id)).toHaveLength(0);

    const edited = ok<{ status: string; title: string; module: string }>(await call(updateNoticeDef, admin, { ...fields({ title: '2027年鉴定评审计划（修订）', module: 'review' }), id }));
    expect(edited).toMatchObject({ status: 'draft', title: '2027年鉴定评审计划（修订）', module: 'review' });
    row = await rowOf(id);
    expect(row).toMatchObject({ module: 'review', category: 'document', body: '第一段。\n\n第二段。', publishedAt: null });

    const published = ok<{ status: string; publishedAt: string }>(await call(publishNoticeDef, admin, { id }));
    expect(published.status).toBe('published');
    expect(await isPublic(id)).toBe(true);
    expect(await countPublishedNotices(h.db, { module: 'review', category: 'document' })).toBeGreaterThanOrEqual(1);
    expect((await listPublishedNotices(h.db, { module: 'review', category: 'news', limit: 1000 })).some((n) => n.id === id)).toBe(false);
    // Publishing twice is refused, nothing changes.
    const before = await rowOf(id);
    expect(await call(publishNoticeDef, admin, { id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该信息已经发布' });
    expect(await rowOf(id)).toEqual(before);

    // Re-saving the form with the minute it shows keeps the exact publish instant: no new publication.
    ok(await call(updateNoticeDef, admin, { ...fields({ title: '2027年鉴定评审计划（修订）', publishAt: dateToShanghaiLocal(before.publishedAt!) }), id }));
    expect((await rowOf(id)).publishedAt).toEqual(before.publishedAt);

    // Editing a published notice's text is on the record, with the fields it touched.
    ok(await call(updateNoticeDef, admin, { ...fields({ title: '2027年鉴定评审计划（第二次修订）', publishAt: dateToShanghaiLocal(before.publishedAt!) }), id }));
    ok(await call(updateNoticeDef, admin, { ...fields({ title: '2027年鉴定评审计划（修订）', publishAt: dateToShanghaiLocal(before.publishedAt!) }), id }));

    ok(await call(unpublishNoticeDef, admin, { id }));
    expect((await rowOf(id)).publishedAt).toBeNull();
    expect(await isPublic(id)).toBe(false);
    expect(await call(unpublishNoticeDef, admin, { id })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该信息尚未发布' });

    ok(await call(deleteNoticeDef, admin, { id }));
    expect(await rowOf(id)).toBeUndefined();

    const trail = await auditOf(id);
    // The re-save that changed nothing left no entry; the two title edits did.
    expect(trail.map((a) => a.action)).toEqual(['notice.published', 'notice.edited', 'notice.edited', 'notice.unpublished', 'notice.deleted']);
    expect(trail.every((a) => a.actorId === (admin as { id: string }).id && a.success && a.ip === '127.0.0.1')).toBe(true);
    expect(trail[1].detail).toMatchObject({ title: '2027年鉴定评审计划（第二次修订）', changed: ['title'], previousTitle: '2027年鉴定评审计划（修订）' });
    expect(trail[4].detail).toMatchObject({ title: '2027年鉴定评审计划（修订）', module: 'review', category: 'document' });
  });

  it('a publish date entered in the form schedules the notice; it appears when its time comes, without any job', async () => {
    const admin = await staffActor([{ role: 'admin' }]);
    const inAnHour = dateToShanghaiLocal(new Date(Date.now() + 3600_000));
    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields({ publishAt: inAnHour })));
    const row = await rowOf(id);
    expect(dateToShanghaiLocal(row.publishedAt!)).toBe(inAnHour);
    expect(await isPublic(id)).toBe(false);
    expect((await listStaffNotices(h.db, admin, { status: 'scheduled', page: 1 })).rows.map((r) => r.id)).toContain(id);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['notice.published']);

    // Time passes (the row's date is now behind us): the public queries show it.
    await h.db.update(notices).set({ publishedAt: sql`now() - interval '1 second'` }).where(eq(notices.id, id));
    expect(await isPublic(id)).toBe(true);
    expect((await listStaffNotices(h.db, admin, { status: 'published', page: 1 })).rows.map((r) => r.id)).toContain(id);

    // A date in Beijing time: 09:30 in Beijing is 01:30 UTC.
    ok(await call(updateNoticeDef, admin, { ...fields({ publishAt: '2030-05-01T09:30' }), id }));
    expect((await rowOf(id)).publishedAt!.toISOString()).toBe('2030-05-01T01:30:00.000Z');
    // Nonsense dates are refused at the field.
    const bad = await call(updateNoticeDef, admin, { ...fields({ publishAt: '2030-02-30T09:30' }), id });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { publishAt: ['请输入有效的发布时间'] } });
  });

  it('the staff list filters by module, category, status and title', async () => {
    const admin = await staffActor([{ role: 'admin' }]);
    const tag = Math.random().toString(36).slice(2, 8);
    const a = await insertNotice({ module: 'exam', category: 'news', title: `考试通知${tag}`, publishedAt: new Date(Date.now() - 1000) });
    const b = await insertNotice({ module: null, category: 'news', title: `平台公告${tag}` });
    const c = await insertNotice({ module: 'review', category: 'document', title: `评审文件${tag}`, publishedAt: new Date(Date.now() + 3600_000) });
    const ids = async (f: Parameters<typeof listStaffNotices>[2]) => (await listStaffNotices(h.db, admin, { q: tag, ...f })).rows.map((r) => r.id).sort();
    expect(await ids({ page: 1 })).toEqual([a.id, b.id, c.id].sort());
    expect(await ids({ module: 'platform', page: 1 })).toEqual([b.id]);
    expect(await ids({ module: 'exam', page: 1 })).toEqual([a.id]);
    expect(await ids({ category: 'document', page: 1 })).toEqual([c.id]);
    expect(await ids({ status: 'draft', page: 1 })).toEqual([b.id]);
    expect(await ids({ status: 'scheduled', page: 1 })).toEqual([c.id]);
    expect(await ids({ status: 'published', page: 1 })).toEqual([a.id]);
    // LIKE wildcards are taken literally.
    expect(await ids({ q: `%${tag}`, page: 1 })).toEqual([]);
  });
});

describe('module publishers', () => {
  it('a reviewer of a module publishes in that module only; platform-wide notices are the admins’', async () => {
    const examReviewer = await staffActor([{ role: 'reviewer', module: 'exam' }]);
    const { id } = ok<{ id: string }>(await call(createNoticeDef, examReviewer, fields({ module: 'exam', category: 'news' })));
    ok(await call(updateNoticeDef, examReviewer, { ...fields({ module: 'exam', title: '考试报名通知（更正）' }), id }));
    ok(await call(publishNoticeDef, examReviewer, { id }));
    ok(await call(unpublishNoticeDef, examReviewer, { id }));

    // Not in another module, not platform-wide: refused, nothing written.
    const count = async () => Number((await h.db.select({ n: sql<number>`count(*)` }).from(notices))[0].n);
    const n0 = await count();
    expect(await call(createNoticeDef, examReviewer, fields({ module: 'review' }))).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您没有该模块的信息发布权限' });
    expect(await call(createNoticeDef, examReviewer, fields({ module: '' }))).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '全平台信息只能由管理员发布' });
    expect(await count()).toBe(n0);

    // Moving its own notice to another module is refused too.
    const before = await rowOf(id);
    expect(await call(updateNoticeDef, examReviewer, { ...fields({ module: 'review' }), id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rowOf(id)).toEqual(before);

    // A review planner granted for every module reaches every module, still not platform-wide.
    const planner = await staffActor([{ role: 'review_planner' }]);
    ok(await call(updateNoticeDef, planner, { ...fields({ module: 'review' }), id }));
    const platform = await insertNotice({ module: null });
    expect(await call(publishNoticeDef, planner, { id: platform.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rowOf(platform.id)).toEqual(platform);

    // The staff list shows a publisher only what they may edit.
    const listed = (await listStaffNotices(h.db, examReviewer, { page: 1 })).rows;
    expect(listed.every((r) => r.module === 'exam')).toBe(true);
    expect(listed.map((r) => r.id)).not.toContain(id);
  });

  it('a reviewer of module exam may not touch a review-module notice: FORBIDDEN for every step, nothing changed', async () => {
    const examReviewer = await staffActor([{ role: 'reviewer', module: 'exam' }]);
    const admin = await staffActor([{ role: 'admin' }]);
    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields()));
    await attach(admin, id, '评审程序.pdf', PDF, 'application/pdf');
    const before = await rowOf(id);
    const objects = await objectKeys();

    const steps: Array<[unknown, unknown]> = [
      [updateNoticeDef, { ...fields({ module: 'exam', title: '改标题' }), id }],
      [publishNoticeDef, { id }],
      [deleteNoticeDef, { id }],
      [removeAttachmentDef, { id, index: 0, name: '评审程序.pdf' }],
      [requestAttachmentUploadDef, { id, fileName: 'x.pdf', size: PDF.byteLength, contentType: 'application/pdf' }],
    ];
    for (const [def, input] of steps) {
      expect(await call(def, examReviewer, input)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您没有该模块的信息发布权限' });
    }
    // Directly (the storage-using steps, with the test storage).
    expect((await refusal(deleteNotice(h.db, s.storage, examReviewer, { id }))).code).toBe('FORBIDDEN');
    expect((await refusal(removeAttachment(h.db, s.storage, examReviewer, { id, index: 0, name: '评审程序.pdf' }))).code).toBe('FORBIDDEN');
    expect((await refusal(requestAttachmentUpload(h.db, s.storage, examReviewer, { id, fileName: 'x.pdf', size: 10, contentType: 'application/pdf' }))).code).toBe('FORBIDDEN');

    expect(await rowOf(id)).toEqual(before);
    expect(await objectKeys()).toEqual(objects);
    expect(await auditOf(id)).toHaveLength(0);
    // An unknown notice is NOT_FOUND, not FORBIDDEN.
    expect(await call(publishNoticeDef, examReviewer, { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('anonymous visitors, applicants and staff without a publishing role are refused by the gate, nothing changed', async () => {
    const admin = await staffActor([{ role: 'admin' }]);
    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields()));
    await attach(admin, id, '附件.pdf', PDF);
    const before = await rowOf(id);
    const objects = await objectKeys();
    const total = Number((await h.db.select({ n: sql<number>`count(*)` }).from(notices))[0].n);

    const applicant = await actorOf((await createIndividual(h.db)).id);
    const org = await actorOf((await createOrgAccount(h.db)).user.id);
    const finance = await staffActor([{ role: 'finance' }]);
    const examAdmin = await staffActor([{ role: 'exam_admin' }]);
    const refused: Array<[Actor, string]> = [
      [ANONYMOUS, 'UNAUTHENTICATED'],
      [applicant, 'FORBIDDEN'],
      [org, 'FORBIDDEN'],
      [finance, 'FORBIDDEN'],
      [examAdmin, 'FORBIDDEN'],
    ];
    const steps: Array<[unknown, unknown]> = [
      [createNoticeDef, fields()],
      [updateNoticeDef, { ...fields({ title: '改标题' }), id }],
      [publishNoticeDef, { id }],
      [unpublishNoticeDef, { id }],
      [deleteNoticeDef, { id }],
      [requestAttachmentUploadDef, { id, fileName: 'x.pdf', size: PDF.byteLength, contentType: 'application/pdf' }],
      [completeAttachmentUploadDef, { ticket: 'x'.repeat(40) }],
      [removeAttachmentDef, { id, index: 0, name: '附件.pdf' }],
    ];
    for (const [actor, code] of refused) {
      for (const [def, input] of steps) expect(await call(def, actor, input)).toMatchObject({ ok: false, code });
      // The domain functions refuse them on their own too.
      expect((await refusal(deleteNotice(h.db, s.storage, actor, { id }))).code).toBe(code);
    }
    expect(await rowOf(id)).toEqual(before);
    expect(Number((await h.db.select({ n: sql<number>`count(*)` }).from(notices))[0].n)).toBe(total);
    expect(await objectKeys()).toEqual(objects);
    expect(await auditOf(id)).toHaveLength(0);
  });
});

describe('attachments', () => {
  it('adds a checked PDF under a server-only key; the public downloads it once published, never before', async () => {
    const admin = await staffActor([{ role: 'admin' }]);
    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields()));
    const before = await objectKeys();
    const added = await attach(admin, id, '鉴定评审工作程序.pdf', PDF, 'application/pdf');
    expect(added).toEqual({ index: 0, name: '鉴定评审工作程序.pdf', size: PDF.byteLength, contentType: 'application/pdf', href: `/api/notices/${id}/attachments/0` });
    const [stored] = (await rowOf(id)).attachments;
    expect(stored.key).toMatch(new RegExp(`^notices/${id}/[0-9a-f-]{36}$`));
    // Only the checked copy remains; the upload key is gone.
    expect(await objectKeys()).toEqual([...before, stored.key].sort());

    // Draft: invisible, its file 404 for anyone but its editors.
    expect(await download(ANONYMOUS, id, 0)).toEqual({ status: 404 });
    expect(await download(await actorOf((await createIndividual(h.db)).id), id, 0)).toEqual({ status: 404 });
    expect(await download(await staffActor([{ role: 'reviewer', module: 'exam' }]), id, 0)).toEqual({ status: 404 });
    expect((await download(admin, id, 0)).status).toBe(200);
    expect((await download(await staffActor([{ role: 'reviewer', module: 'review' }]), id, 0)).status).toBe(200);

    // Scheduled: still 404.
    ok(await call(updateNoticeDef, admin, { ...fields({ publishAt: dateToShanghaiLocal(new Date(Date.now() + 3600_000)) }), id }));
    expect(await download(ANONYMOUS, id, 0)).toEqual({ status: 404 });

    // Published: anyone, same bytes, the original name.
    ok(await call(publishNoticeDef, admin, { id }));
    const got = await download(ANONYMOUS, id, 0);
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(PDF);
    expect(got.disposition).toContain(encodeURIComponent('鉴定评审工作程序.pdf'));
    // No such index, a malformed index or id, an unknown notice: 404.
    expect(await download(ANONYMOUS, id, 1)).toEqual({ status: 404 });
    expect((await refusal(authorizeAttachmentRead(h.db, ANONYMOUS, id, '-1'))).code).toBe('NOT_FOUND');
    expect((await refusal(authorizeAttachmentRead(h.db, ANONYMOUS, id, '0x'))).code).toBe('NOT_FOUND');
    expect((await refusal(authorizeAttachmentRead(h.db, ANONYMOUS, 'nope', '0'))).code).toBe('NOT_FOUND');
    expect((await refusal(authorizeAttachmentRead(h.db, ANONYMOUS, '00000000-0000-4000-8000-000000000000', '0'))).code).toBe('NOT_FOUND');

    // Unpublished again: 404 again.
    ok(await call(unpublishNoticeDef, admin, { id }));
    expect(await download(ANONYMOUS, id, 0)).toEqual({ status: 404 });
  });

  it('refuses a file whose real type is wrong, leaving no object in storage and the notice unchanged', async () => {
    const admin = await staffActor([{ role: 'admin' }]);
    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields()));
    const before = await rowOf(id);
    const objects = await objectKeys();

    // Named and declared as a PDF, really a GIF: refused after the PUT, object deleted.
    const gif = new Uint8Array([...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0, 0, 0, 0x3b]);
    expect(await refusal(attach(admin, id, '评审通知.pdf', gif, 'application/pdf'))).toEqual({
      code: 'UNSUPPORTED_FILE',
      message: '「评审通知.pdf」的实际内容是 GIF 文件，本栏只接受 PDF/XLSX/JPG/PNG 文件（仅修改扩展名无效）',
    });
    // An allowed type under a lying name (a PNG called .pdf) is refused too: it would download under that name.
    expect(await refusal(attach(admin, id, '评审通知.pdf', png, 'application/pdf'))).toEqual({
      code: 'UNSUPPORTED_FILE',
      message: '「评审通知.pdf」的扩展名与实际内容（PNG）不符，请选择原始文件重新上传',
    });
    // Something that is no allowed type at all (a Windows program called .pdf).
    const exe = new Uint8Array(256);
    exe.set([0x4d, 0x5a]);
    expect((await refusal(attach(admin, id, 'setup.pdf', exe, 'application/pdf'))).code).toBe('UNSUPPORTED_FILE');
    // A declared type or size that does not fit is refused before anything is uploaded.
    expect((await refusal(requestAttachmentUpload(h.db, s.storage, admin, { id, fileName: '说明.docx', size: 100, contentType: '' }))).code).toBe('UNSUPPORTED_FILE');
    expect(await refusal(requestAttachmentUpload(h.db, s.storage, admin, { id, fileName: 'big.pdf', size: 20 * 1024 * 1024 + 1, contentType: 'application/pdf' }))).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: '文件过大：本栏的文件不能超过 20 MB',
    });

    expect(await objectKeys()).toEqual(objects);
    expect(await rowOf(id)).toEqual(before);
  });

  it('takes at most ten files; removing one deletes its object; deleting the notice deletes the rest', async () => {
    const admin = await staffActor([{ role: 'admin' }]);
    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields()));
    const objects = await objectKeys();
    const a = await attach(admin, id, '一.pdf', PDF);
    const b = await attach(admin, id, '二.png', png);
    expect([a.index, b.index]).toEqual([0, 1]);
    const keys = (await rowOf(id)).attachments.map((x) => x.key);

    // Ten already: the eleventh is refused before upload, and at completion if two raced for the last place.
    await h.db
      .update(notices)
      .set({ attachments: [...(await rowOf(id)).attachments, ...Array.from({ length: 8 }, (_, i) => ({ key: `notices/${id}/fake-${i}`, name: `f${i}.pdf`, size: 1, contentType: 'application/pdf' }))] })
      .where(eq(notices.id, id));
    expect(await refusal(requestAttachmentUpload(h.db, s.storage, admin, { id, fileName: 'x.pdf', size: PDF.byteLength }))).toEqual({ code: 'BAD_INPUT', message: '每条信息最多只能有 10 个附件' });
    await h.db.update(notices).set({ attachments: (await rowOf(id)).attachments.slice(0, 9) }).where(eq(notices.id, id));
    const g1 = await requestAttachmentUpload(h.db, s.storage, admin, { id, fileName: 'x.pdf', size: PDF.byteLength });
    const g2 = await requestAttachmentUpload(h.db, s.storage, admin, { id, fileName: 'y.pdf', size: PDF.byteLength });
    for (const g of [g1, g2]) await fetch(g.url, { method: 'PUT', body: Buffer.from(PDF), headers: g.headers });
    expect((await completeAttachmentUpload(h.db, s.storage, admin, { ticket: g1.ticket })).index).toBe(9);
    // Completing the same ticket again (double click) gives the same attachment.
    expect((await completeAttachmentUpload(h.db, s.storage, admin, { ticket: g1.ticket })).index).toBe(9);
    expect((await refusal(completeAttachmentUpload(h.db, s.storage, admin, { ticket: g2.ticket }))).message).toBe('每条信息最多只能有 10 个附件');
    const tenth = (await rowOf(id)).attachments[9].key;
    expect(await objectKeys()).toEqual([...objects, ...keys, tenth].sort());
    await h.db.update(notices).set({ attachments: (await rowOf(id)).attachments.filter((x) => !x.key.includes('/fake-')) }).where(eq(notices.id, id));

    // Removal names the file it means; a stale name removes nothing.
    expect((await refusal(removeAttachment(h.db, s.storage, admin, { id, index: 0, name: '二.png' }))).code).toBe('CONFLICT');
    const left = await removeAttachment(h.db, s.storage, admin, { id, index: 0, name: '一.pdf' });
    expect(left.map((x) => x.name)).toEqual(['二.png', 'x.pdf']);
    expect(await objectKeys()).toEqual([...objects, keys[1], tenth].sort());

    await deleteNotice(h.db, s.storage, admin, { id });
    expect(await objectKeys()).toEqual(objects);
    expect(await h.db.select().from(notices).where(inArray(notices.id, [id]))).toHaveLength(0);
  });

  it('an upload ticket is bound to its uploader and lapses when the uploader loses the notice', async () => {
    const admin = await staffActor([{ role: 'admin' }]);
    const reviewer = await staffActor([{ role: 'reviewer', module: 'review' }]);
    const { id } = ok<{ id: string }>(await call(createNoticeDef, admin, fields()));
    const objects = await objectKeys();
    const grant = await requestAttachmentUpload(h.db, s.storage, reviewer, { id, fileName: 'a.pdf', size: PDF.byteLength });
    await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
    // Someone else's ticket: refused.
    expect((await refusal(completeAttachmentUpload(h.db, s.storage, admin, { ticket: grant.ticket }))).code).toBe('FORBIDDEN');
    // A forged one: refused.
    expect((await refusal(completeAttachmentUpload(h.db, s.storage, reviewer, { ticket: `${grant.ticket.split('.')[0]}.AAAA` }))).code).toBe('BAD_INPUT');
    // The notice moves out of the reviewer's module: the upload is refused and removed.
    ok(await call(updateNoticeDef, admin, { ...fields({ module: 'exam' }), id }));
    expect((await refusal(completeAttachmentUpload(h.db, s.storage, reviewer, { ticket: grant.ticket }))).code).toBe('FORBIDDEN');
    expect(await objectKeys()).toEqual(objects);
    expect((await rowOf(id)).attachments).toEqual([]);
  });
});
