import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { and, eq, sql } from 'drizzle-orm';
import { applications, documents, phoneUploads, sessions } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, loadActor, type Actor } from '@/lib/platform/auth/actor';
import { AppError, toFailure } from '@/lib/platform/errors';
import { EMBEDDED_S3_CREDENTIALS, Storage } from '@/lib/platform/storage';
import { authorizeDocumentRead } from '@/lib/platform/documents/access';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { deleteDocument } from '@/lib/platform/documents/services/delete-document';
import { listMyDocuments, listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { completePhoneUpload, phoneLinkState, pollPhoneUpload, startPhoneUpload } from '@/lib/platform/documents/services/phone-upload';
import { requestUpload, requestUploadDef } from '@/lib/platform/documents/services/request-upload';
import { defineSlots, MB, PERSONAL_FILES_SLOT } from '@/lib/platform/documents/slots';
import { defineKind } from '@/lib/platform/workflow/define';
import { registerKind } from '@/lib/platform/workflow/registry';
import { z } from 'zod';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let s3: S3Client;

const KIND = 'test.documents';
// A kind of the tests' own: its slots may be changed by the applicant in its editable states (draft, returned).
registerKind(
  defineKind({
    key: KIND,
    module: 'personnel',
    messages: 'test.documents',
    numberPrefix: 'TD',
    createdBy: 'applicant',
    schema: z.object({}),
    initial: 'draft',
    slots: defineSlots([
      { key: 'signed_form', label: '签字盖章的申请表', types: ['pdf'], maxBytes: 64 * 1024, required: true },
      { key: 'photos', label: '照片', types: ['jpg', 'png'], maxBytes: MB, required: false, multiple: true },
    ]),
    states: { draft: { tone: 'neutral', applicantEditable: true }, submitted: { tone: 'info' }, returned: { tone: 'warning', applicantEditable: true }, deleted: { tone: 'neutral', final: true, hiddenFromStaff: true } },
    steps: [],
    transitions: { submit: { from: ['draft', 'returned'], to: 'submitted', by: 'applicant' }, delete: { from: ['draft'], to: 'deleted', by: 'applicant' } },
    applicantOf: () => ({ name: '' }),
    summary: () => [],
  }),
);

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
let jpg: Uint8Array;
beforeAll(async () => {
  const img = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } });
  png = new Uint8Array(await img().png().toBuffer());
  jpg = new Uint8Array(await img().jpeg().toBuffer());
});

async function actorOf(userId: string): Promise<Actor> {
  const [row] = await h.db.insert(sessions).values({ userId, method: 'password' }).returning();
  return loadActor(h.db, userId, row.id);
}

let seq = 0;
async function newApplication(over: Partial<typeof applications.$inferInsert> & { module: string }) {
  const [app] = await h.db
    .insert(applications)
    .values({ kind: KIND, number: `T${Date.now()}${seq++}`, status: 'draft', applicantName: '申请人', ...over })
    .returning();
  return app;
}

async function objectKeys(): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: s.storage.bucket }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}
const rowCount = async () => Number((await h.db.select({ n: sql<number>`count(*)` }).from(documents))[0].n);

/**
 * A lying declaration as a storage that does not enforce the signed length would take it: the
 * object is written server-side under the granted key, then completed (the completion's own checks).
 * The embedded storage refuses such a PUT itself (see the size test below and security.test.ts).
 */
async function uploadLying(actor: Actor, o: UploadOpts & { declaredSize: number }) {
  const grant = await requestUpload(h.db, s.storage, actor, { applicationId: o.applicationId, slot: o.slot, fileName: o.fileName, size: o.declaredSize, contentType: o.contentType ?? '' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(o.bytes), headers: grant.headers });
  expect(put.status).toBe(403);
  await s.storage.put(new URL(grant.url).pathname.split(`/${s.storage.bucket}/`)[1], o.bytes, 'application/octet-stream');
  return completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
}

type UploadOpts = { applicationId?: string | null; slot: string; fileName: string; bytes: Uint8Array; contentType?: string; declaredSize?: number; replaceId?: string };

/** The browser's three steps: ask, PUT to the presigned URL, complete. */
async function upload(actor: Actor, o: UploadOpts) {
  const grant = await requestUpload(h.db, s.storage, actor, {
    applicationId: o.applicationId,
    slot: o.slot,
    fileName: o.fileName,
    size: o.declaredSize ?? o.bytes.byteLength,
    contentType: o.contentType ?? '',
    replaceId: o.replaceId,
  });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(o.bytes), headers: grant.headers });
  expect(put.status).toBe(200);
  return { grant, doc: await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket }) };
}

/** The translated message of what `p` throws (fails the test when it does not throw an AppError). */
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

// ---- tests ----------------------------------------------------------------

describe('upload with real content checks', () => {
  it('stores a real PDF: one row with the detected type, size, sha256 and version 1; the object under a server-only key', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const app = await newApplication({ module: 'personnel', applicantUserId: user.id });
    const before = await objectKeys();
    const { grant, doc } = await upload(actor, { applicationId: app.id, slot: 'signed_form', fileName: '申请表（签字版）.pdf', bytes: PDF, contentType: 'application/pdf' });
    expect(grant.url).toContain('X-Amz-Expires=300');
    expect(doc).toMatchObject({ fileName: '申请表（签字版）.pdf', contentType: 'application/pdf', size: PDF.byteLength, version: 1, status: 'current', source: 'upload' });

    const [row] = await h.db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row).toMatchObject({ applicationId: app.id, ownerUserId: null, uploadedBy: user.id, slot: 'signed_form' });
    expect(row.sha256).toBe(crypto.createHash('sha256').update(PDF).digest('hex'));
    // The checked object lives under a key the browser never saw; the upload key is gone.
    expect(row.storageKey).toMatch(/^files\//);
    expect(await s.storage.get(row.storageKey)).toEqual(PDF);
    expect(await objectKeys()).toEqual([...before, row.storageKey].sort());

    // Completing the same ticket again (double click) gives the same document, not a second row.
    const again = await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket });
    expect(again.id).toBe(doc.id);
    expect(await h.db.select().from(documents).where(eq(documents.applicationId, app.id))).toHaveLength(1);

    // The owner may download: a presigned GET answering with the bytes and the Chinese name.
    const readable = await authorizeDocumentRead(h.db, actor, doc.id);
    const got = await fetch(await s.storage.presignGet(readable.storageKey, { filename: readable.fileName, contentType: readable.contentType }));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('申请表（签字版）.pdf'));
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PDF);
  });

  it('refuses a PNG named .pdf, an empty file and an oversized file with a clear message, leaving no object and no row', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const app = await newApplication({ module: 'personnel', applicantUserId: user.id });
    const objectsBefore = await objectKeys();
    const rowsBefore = await rowCount();
    const target = { applicationId: app.id, slot: 'signed_form' };

    // Named and declared as a PDF, really a PNG: refused after the content check, object deleted.
    const fake = await refusal(upload(actor, { ...target, fileName: '扫描件.pdf', bytes: png, contentType: 'application/pdf' }));
    expect(fake).toEqual({ code: 'UNSUPPORTED_FILE', message: '「扫描件.pdf」的实际内容是 PNG 文件，本栏只接受 PDF 文件（仅修改扩展名无效）' });

    // Empty: refused at once when declared so …
    expect(await refusal(upload(actor, { ...target, fileName: 'empty.pdf', bytes: new Uint8Array() }))).toEqual({ code: 'BAD_INPUT', message: '文件是空的（0 字节），请重新选择文件' });
    // … and after the PUT when the declaration lied.
    expect(await refusal(uploadLying(actor, { ...target, fileName: 'empty.pdf', bytes: new Uint8Array(), declaredSize: 100 }))).toMatchObject({ message: '文件是空的（0 字节），请重新选择文件' });

    // Over the slot's 64 KB: refused when declared, and when the declaration lied.
    const big = new Uint8Array(64 * 1024 + 1);
    big.set(PDF);
    expect(await refusal(upload(actor, { ...target, fileName: 'big.pdf', bytes: big }))).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '文件过大：本栏的文件不能超过 64 KB' });
    expect(await refusal(uploadLying(actor, { ...target, fileName: 'big.pdf', bytes: big, declaredSize: 1000 }))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    // A type the slot does not take is refused before anything is uploaded.
    expect(await refusal(upload(actor, { ...target, fileName: 'photo.png', bytes: png, contentType: 'image/png' }))).toEqual({
      code: 'UNSUPPORTED_FILE',
      message: '「photo.png」的文件类型不符合要求：本栏只接受 PDF 文件',
    });
    // Allowed type, lying name: a JPEG called .png is refused even in a slot that takes both.
    expect((await refusal(upload(actor, { applicationId: app.id, slot: 'photos', fileName: 'a.png', bytes: jpg, contentType: 'image/png' }))).message).toBe(
      '「a.png」的扩展名与实际内容（JPG）不符，请选择原始文件重新上传',
    );

    expect(await objectKeys()).toEqual(objectsBefore);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('a storage outage leaves no row and says so', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const grant = await requestUpload(h.db, s.storage, actor, { slot: PERSONAL_FILES_SLOT, fileName: 'a.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
    await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
    const dead = new Storage({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: s.storage.bucket, ...EMBEDDED_S3_CREDENTIALS, forcePathStyle: true, requestTimeoutMs: 500 });
    const rowsBefore = await rowCount();
    expect(await refusal(completeUpload(h.db, dead, actor, { ticket: grant.ticket }))).toEqual({ code: 'UNAVAILABLE', message: '文件存储服务暂时不可用，文件未保存，请稍后重试' });
    dead.destroy();
    expect(await rowCount()).toBe(rowsBefore);
    // The upload is still there: the same ticket completes once storage is back.
    expect((await completeUpload(h.db, s.storage, actor, { ticket: grant.ticket })).fileName).toBe('a.pdf');
  });

  it('a forged, expired or foreign ticket is refused', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const other = await actorOf((await createIndividual(h.db)).id);
    const grant = await requestUpload(h.db, s.storage, actor, { slot: PERSONAL_FILES_SLOT, fileName: 'a.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
    await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
    const [payload, sig] = grant.ticket.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), maxBytes: 10 * MB })).toString('base64url');
    expect((await refusal(completeUpload(h.db, s.storage, actor, { ticket: `${tampered}.${sig}` }))).message).toBe('本次上传已过期或无效，请重新选择文件上传');
    expect((await refusal(completeUpload(h.db, s.storage, actor, { ticket: grant.ticket }, Date.now() + 2 * 3600_000))).code).toBe('BAD_INPUT');
    expect((await refusal(completeUpload(h.db, s.storage, other, { ticket: grant.ticket }))).code).toBe('FORBIDDEN');
  });
});

describe('versions', () => {
  it('a new upload to a single-file slot replaces the current one and keeps it as version history', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const app = await newApplication({ module: 'personnel', applicantUserId: user.id });
    const first = (await upload(actor, { applicationId: app.id, slot: 'signed_form', fileName: 'v1.pdf', bytes: PDF })).doc;
    const second = (await upload(actor, { applicationId: app.id, slot: 'signed_form', fileName: 'v2.pdf', bytes: PDF })).doc;
    const rows = await h.db.select().from(documents).where(eq(documents.applicationId, app.id)).orderBy(documents.version);
    expect(rows.map((r) => [r.fileName, r.version, r.status])).toEqual([
      ['v1.pdf', 1, 'replaced'],
      ['v2.pdf', 2, 'current'],
    ]);
    expect(rows[0].replacedAt).toBeInstanceOf(Date);
    expect(second.version).toBe(2);
    // The old version is still downloadable by its owner.
    expect((await authorizeDocumentRead(h.db, actor, first.id)).status).toBe('replaced');
    expect((await listSlotDocuments(h.db, actor, { applicationId: app.id, slot: 'signed_form' })).map((d) => d.fileName)).toEqual(['v2.pdf', 'v1.pdf']);
  });

  it('a multi-file slot keeps every file; 替换 replaces just the named one', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const app = await newApplication({ module: 'personnel', applicantUserId: user.id });
    const a = (await upload(actor, { applicationId: app.id, slot: 'photos', fileName: 'a.jpg', bytes: jpg })).doc;
    const b = (await upload(actor, { applicationId: app.id, slot: 'photos', fileName: 'b.png', bytes: png })).doc;
    await upload(actor, { applicationId: app.id, slot: 'photos', fileName: 'a2.jpg', bytes: jpg, replaceId: a.id });
    const rows = await h.db.select().from(documents).where(and(eq(documents.applicationId, app.id), eq(documents.status, 'current')));
    expect(rows.map((r) => r.fileName).sort()).toEqual(['a2.jpg', 'b.png']);
    expect((await h.db.select().from(documents).where(eq(documents.id, a.id)))[0].status).toBe('replaced');
    expect(b.contentType).toBe('image/png');
    // Replacing a file of someone else's slot is refused.
    const other = await actorOf((await createIndividual(h.db)).id);
    const otherApp = await newApplication({ module: 'personnel', applicantUserId: (other as { id: string }).id });
    expect((await refusal(requestUpload(h.db, s.storage, other, { applicationId: otherApp.id, slot: 'photos', fileName: 'x.jpg', size: 10, contentType: 'image/jpeg', replaceId: b.id }))).code).toBe('NOT_FOUND');
  });
});

describe('who may upload and download', () => {
  it('only the applicant side with the module may upload; readers are the owner, the organization (by module), and staff of the module', async () => {
    const { org, user: mainUser } = await createOrgAccount(h.db);
    const main = await actorOf(mainUser.id);
    const subWith = await actorOf((await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, modules: ['review'] })).id);
    const subWithout = await actorOf((await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, modules: ['membership'] })).id);
    const otherOrg = await actorOf((await createOrgAccount(h.db)).user.id);
    const otherApplicant = await actorOf((await createIndividual(h.db)).id);
    const reviewerE = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'review' }])).id);
    const reviewerC = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const noRole = await actorOf((await createStaff(h.db, [])).id);

    // Returned for changes: the applicant side may upload again (the kind's editable state) and staff of the module see it.
    const app = await newApplication({ module: 'review', applicantUserId: mainUser.id, orgId: org.id, status: 'returned' });
    // A sub-account granted the module uploads for its organization.
    const { doc } = await upload(subWith, { applicationId: app.id, slot: 'signed_form', fileName: '评审材料.pdf', bytes: PDF });

    const ask = (actor: Actor) => refusal(requestUpload(h.db, s.storage, actor, { applicationId: app.id, slot: 'signed_form', fileName: 'x.pdf', size: PDF.byteLength, contentType: 'application/pdf' }));
    const objectsBefore = await objectKeys();
    expect((await ask(otherApplicant)).code).toBe('NOT_FOUND');
    expect((await ask(otherOrg)).code).toBe('NOT_FOUND');
    expect((await ask(subWithout)).code).toBe('NOT_FOUND');
    expect((await ask(ANONYMOUS)).code).toBe('UNAUTHENTICATED');
    expect((await ask(noRole)).code).toBe('FORBIDDEN');
    expect((await ask(reviewerE)).code).toBe('FORBIDDEN');
    // The action gate says the same before any handler runs.
    const viaGate = (actor: Actor) => invokeAction(requestUploadDef, { db: h.db, actor: async () => actor, ip: null, locale: 'zh-CN' }, { applicationId: app.id, slot: 'signed_form', fileName: 'x.pdf', size: 10, contentType: 'application/pdf' });
    expect(await viaGate(ANONYMOUS)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await viaGate(noRole)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await objectKeys()).toEqual(objectsBefore);

    const read = async (actor: Actor) => {
      try {
        return (await authorizeDocumentRead(h.db, actor, doc.id)).id;
      } catch (e) {
        return (e as AppError).code;
      }
    };
    for (const ok of [main, subWith, reviewerE, admin]) expect(await read(ok)).toBe(doc.id);
    for (const refused of [otherApplicant, otherOrg, subWithout, ANONYMOUS, noRole, reviewerC]) expect(await read(refused)).toBe('NOT_FOUND');
    // Not existing looks exactly like not allowed.
    expect(await authorizeDocumentRead(h.db, main, crypto.randomUUID()).catch((e: AppError) => e.code)).toBe('NOT_FOUND');
    expect(await authorizeDocumentRead(h.db, main, 'not-a-uuid').catch((e: AppError) => e.code)).toBe('NOT_FOUND');
  });

  it('personal files are private: another person, the organization main account and staff of a module without an application there cannot read them', async () => {
    const { org, user: mainUser } = await createOrgAccount(h.db);
    const sub = await actorOf((await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, modules: ['review'] })).id);
    const { doc } = await upload(sub, { slot: PERSONAL_FILES_SLOT, fileName: '证书.pdf', bytes: PDF });
    expect((await authorizeDocumentRead(h.db, sub, doc.id)).id).toBe(doc.id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
    for (const who of [await actorOf(mainUser.id), await actorOf((await createIndividual(h.db)).id), reviewer]) {
      expect(await authorizeDocumentRead(h.db, who, doc.id).catch((e: AppError) => e.code)).toBe('NOT_FOUND');
    }

    // An individual's ID photo becomes readable to staff of a module once they apply there.
    const person = await createIndividual(h.db);
    const personActor = await actorOf(person.id);
    const photo = (await upload(personActor, { slot: PERSONAL_FILES_SLOT, fileName: '证件照.jpg', bytes: jpg })).doc;
    expect(await authorizeDocumentRead(h.db, reviewer, photo.id).catch((e: AppError) => e.code)).toBe('NOT_FOUND');
    // A draft, or a draft deleted (a state hidden from staff), gives staff no reason to read it.
    await newApplication({ module: 'personnel', applicantUserId: person.id, status: 'draft' });
    await newApplication({ module: 'personnel', applicantUserId: person.id, status: 'deleted' });
    expect(await authorizeDocumentRead(h.db, reviewer, photo.id).catch((e: AppError) => e.code)).toBe('NOT_FOUND');
    await newApplication({ module: 'personnel', applicantUserId: person.id, status: 'submitted' });
    expect((await authorizeDocumentRead(h.db, reviewer, photo.id)).id).toBe(photo.id);
  });

  it('我的文件 lists personal files and the files of the applicant’s applications with their numbers', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const app = await newApplication({ module: 'personnel', applicantUserId: user.id });
    await upload(actor, { slot: PERSONAL_FILES_SLOT, fileName: 'mine.png', bytes: png });
    await upload(actor, { applicationId: app.id, slot: 'signed_form', fileName: 'form.pdf', bytes: PDF });
    const other = await actorOf((await createIndividual(h.db)).id);
    await upload(other, { slot: PERSONAL_FILES_SLOT, fileName: 'not-mine.png', bytes: png });
    const mine = await listMyDocuments(h.db, actor);
    expect(mine.map((d) => [d.fileName, d.application?.number ?? null]).sort()).toEqual([
      ['form.pdf', app.number],
      ['mine.png', null],
    ]);
  });
});

describe('delete', () => {
  it('the owner deletes a personal file and a draft application’s file, not a submitted one; others cannot', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const personal = (await upload(actor, { slot: PERSONAL_FILES_SLOT, fileName: 'p.pdf', bytes: PDF })).doc;
    const app = await newApplication({ module: 'personnel', applicantUserId: user.id });
    const appDoc = (await upload(actor, { applicationId: app.id, slot: 'signed_form', fileName: 'f.pdf', bytes: PDF })).doc;
    const [{ storageKey }] = await h.db.select().from(documents).where(eq(documents.id, personal.id));

    const other = await actorOf((await createIndividual(h.db)).id);
    expect((await refusal(deleteDocument(h.db, s.storage, other, { id: personal.id }))).code).toBe('NOT_FOUND');
    expect((await refusal(deleteDocument(h.db, s.storage, other, { id: appDoc.id }))).code).toBe('NOT_FOUND');

    await deleteDocument(h.db, s.storage, actor, { id: personal.id });
    expect((await h.db.select().from(documents).where(eq(documents.id, personal.id)))[0].status).toBe('deleted');
    expect(await s.storage.head(storageKey)).toBeNull();
    expect(await authorizeDocumentRead(h.db, actor, personal.id).catch((e: AppError) => e.code)).toBe('NOT_FOUND');

    await h.db.update(applications).set({ status: 'submitted' }).where(eq(applications.id, app.id));
    expect(await refusal(deleteDocument(h.db, s.storage, actor, { id: appDoc.id }))).toEqual({ code: 'INVALID_STATE', message: '申请已提交，材料不能再删除；如需修改，请等待工作人员退回' });
    await h.db.update(applications).set({ status: 'returned' }).where(eq(applications.id, app.id));
    await deleteDocument(h.db, s.storage, actor, { id: appDoc.id });
    expect((await h.db.select().from(documents).where(eq(documents.id, appDoc.id)))[0].status).toBe('deleted');
  });
});

describe('phone upload by QR code', () => {
  it('the link works once: the photo arrives on the desktop poll, a second use is refused with a clear message', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const start = await startPhoneUpload(h.db, actor, { slot: PERSONAL_FILES_SLOT }, 'http://app.test');
    expect(start.url).toMatch(/^http:\/\/app\.test\/m\/upload\/[A-Za-z0-9_-]{43}$/);
    expect(start.qr).toMatch(/^data:image\/png;base64,/);
    const token = start.url.split('/').pop()!;
    // Only the hash is stored.
    const [row] = await h.db.select().from(phoneUploads).where(eq(phoneUploads.id, start.id));
    expect(row.tokenHash).not.toContain(token);
    expect(new Date(row.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);

    expect((await phoneLinkState(h.db, token)).state).toBe('ready');
    expect((await pollPhoneUpload(h.db, actor, { id: start.id })).status).toBe('pending');
    // Someone else cannot watch it.
    const other = await actorOf((await createIndividual(h.db)).id);
    expect((await refusal(pollPhoneUpload(h.db, other, { id: start.id }))).code).toBe('NOT_FOUND');

    // A wrong file is refused without using up the link or storing anything.
    const objectsBefore = await objectKeys();
    expect((await refusal(completePhoneUpload(h.db, s.storage, { token, fileName: 'x.jpg', bytes: new TextEncoder().encode('not an image') }))).message).toBe(
      '无法识别「x.jpg」的文件内容，本栏只接受 PDF/JPG/PNG 文件',
    );
    expect(await objectKeys()).toEqual(objectsBefore);

    const doc = await completePhoneUpload(h.db, s.storage, { token, fileName: 'IMG_0001.jpg', bytes: jpg });
    expect(doc).toMatchObject({ fileName: 'IMG_0001.jpg', contentType: 'image/jpeg', source: 'phone' });
    const polled = await pollPhoneUpload(h.db, actor, { id: start.id });
    expect(polled).toMatchObject({ status: 'done', document: { id: doc.id } });
    expect((await listSlotDocuments(h.db, actor, { slot: PERSONAL_FILES_SLOT })).map((d) => d.id)).toContain(doc.id);

    expect(await refusal(completePhoneUpload(h.db, s.storage, { token, fileName: 'again.jpg', bytes: jpg }))).toMatchObject({
      message: '该链接已使用过，每个二维码只能上传一次。请在电脑上重新点击“用手机上传”获取新的二维码',
    });
    expect((await phoneLinkState(h.db, token)).state).toBe('used');
    expect(await h.db.select().from(documents).where(eq(documents.uploadedBy, user.id))).toHaveLength(1);
  });

  it('an expired or unknown link is refused; a storage outage leaves the link usable and no row', async () => {
    const user = await createIndividual(h.db);
    const actor = await actorOf(user.id);
    const start = await startPhoneUpload(h.db, actor, { slot: PERSONAL_FILES_SLOT });
    const token = start.url.split('/').pop()!;

    const dead = new Storage({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: s.storage.bucket, ...EMBEDDED_S3_CREDENTIALS, forcePathStyle: true, requestTimeoutMs: 500 });
    expect((await refusal(completePhoneUpload(h.db, dead, { token, fileName: 'a.jpg', bytes: jpg }))).code).toBe('UNAVAILABLE');
    dead.destroy();
    expect(await h.db.select().from(documents).where(eq(documents.uploadedBy, user.id))).toHaveLength(0);
    expect((await phoneLinkState(h.db, token)).state).toBe('ready');

    await h.db.update(phoneUploads).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(phoneUploads.id, start.id));
    expect((await phoneLinkState(h.db, token)).state).toBe('expired');
    expect(await refusal(completePhoneUpload(h.db, s.storage, { token, fileName: 'a.jpg', bytes: jpg }))).toMatchObject({
      message: '该链接已过期（有效期 10 分钟）。请在电脑上重新点击“用手机上传”获取新的二维码',
    });
    expect((await pollPhoneUpload(h.db, actor, { id: start.id })).status).toBe('expired');
    expect((await phoneLinkState(h.db, 'A'.repeat(43))).state).toBe('invalid');
    expect((await refusal(completePhoneUpload(h.db, s.storage, { token: 'A'.repeat(43), fileName: 'a.jpg', bytes: jpg }))).code).toBe('NOT_FOUND');
  });

  it('only someone who may write to the slot can start one', async () => {
    const owner = await createIndividual(h.db);
    const app = await newApplication({ module: 'personnel', applicantUserId: owner.id });
    const other = await actorOf((await createIndividual(h.db)).id);
    const staff = await actorOf((await createStaff(h.db, [{ role: 'reviewer' }])).id);
    expect((await refusal(startPhoneUpload(h.db, other, { applicationId: app.id, slot: 'signed_form' }))).code).toBe('NOT_FOUND');
    expect((await refusal(startPhoneUpload(h.db, staff, { applicationId: app.id, slot: 'signed_form' }))).code).toBe('FORBIDDEN');
    expect((await refusal(startPhoneUpload(h.db, ANONYMOUS, { slot: PERSONAL_FILES_SLOT }))).code).toBe('UNAUTHENTICATED');
    expect(await h.db.select().from(phoneUploads).where(eq(phoneUploads.applicationId, app.id))).toHaveLength(0);
  });
});
