import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { auditLog, candidatePhotos, examRegistrations, exams } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff } from '@/db/seed/factories';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { AppError, toFailure } from '@/lib/platform/errors';
import { EMBEDDED_S3_CREDENTIALS } from '@/lib/platform/storage';
import { acceptExamNoticeDef } from '@/lib/modules/exam/registration/services/registration';
import { photoChangeAllowed } from '@/lib/modules/exam/photo/services/change-window';
import { confirmPhoto, confirmPhotoDef } from '@/lib/modules/exam/photo/services/confirm-photo';
import { myPhoto, readPhoto } from '@/lib/modules/exam/photo/services/read-photo';
import { requestPhotoUpload, requestPhotoUploadDef, uploadPhoto, uploadPhotoDef } from '@/lib/modules/exam/photo/services/upload-photo';
import { PHOTO_TARGET_BYTES } from '@/lib/modules/exam/photo/standard';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { COLORS, jpegPhoto, pngPhoto } from '../helpers/photos';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let s3: S3Client;
let valid: Buffer;
let validRed: Buffer;
let green: Buffer;

beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  s3 = new S3Client({ endpoint: s.server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: EMBEDDED_S3_CREDENTIALS });
  [valid, validRed, green] = await Promise.all([jpegPhoto({ background: COLORS.blue }), jpegPhoto({ background: COLORS.red, seed: 11 }), jpegPhoto({ background: COLORS.green })]);
});
afterAll(async () => {
  s3.destroy();
  await h.close();
  await s.close();
});

const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
const DAY = 86_400_000;

async function objectKeys(prefix = ''): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: s.storage.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

async function candidate() {
  const user = await createIndividual(h.db);
  return { user, actor: await actorOf(user.id) };
}

/** The browser's three steps: ask, PUT to the presigned URL, complete. */
async function upload(actor: Actor, bytes: Buffer, fileName = '证件照.jpg', contentType = 'image/jpeg') {
  const grant = await requestPhotoUpload(h.db, s.storage, actor, { fileName, size: bytes.byteLength, contentType });
  const put = await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers });
  expect(put.status).toBe(200);
  return { grant, view: await uploadPhoto(h.db, s.storage, actor, { ticket: grant.ticket }) };
}

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

async function examFixture(open: boolean) {
  const now = Date.now();
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `照片测试考试${now}${Math.random()}`,
      periodStart: '2027-01-10',
      periodEnd: '2027-01-11',
      registrationOpensAt: new Date(now - (open ? 1 : 20) * DAY),
      registrationClosesAt: new Date(now + (open ? 10 : -10) * DAY),
      notice: '考生须知',
      status: 'published',
    })
    .returning();
  return exam;
}

const photoRow = async (userId: string) => (await h.db.select().from(candidatePhotos).where(eq(candidatePhotos.userId, userId)))[0];

describe('upload → check → standard photo → confirm', () => {
  it('stores the source and the 215×300 standard photo, unconfirmed; confirming lets the candidate register', async () => {
    const { user, actor } = await candidate();
    const exam = await examFixture(true);
    const { grant, view } = await upload(actor, valid);

    expect(view).toMatchObject({ background: 'blue', confirmedAt: null, original: { bytes: valid.byteLength, width: 600, height: 800 }, standard: { width: 215, height: 300 } });
    expect(view.standard.bytes).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);

    const row = await photoRow(user.id);
    expect(row).toMatchObject({ width: 215, height: 300, bytes: view.standard.bytes, background: 'blue', confirmedAt: null });
    // Only the two server-chosen objects remain, under the upload's own random id (no user id: issue #15.2); the browser's upload key is gone.
    const uploadDir = row.originalKey.slice(0, row.originalKey.lastIndexOf('/') + 1);
    expect(await objectKeys(uploadDir)).toEqual([row.originalKey, row.processedKey].sort());
    expect(row.originalKey).toMatch(/^exam-photos\/[0-9a-f-]{36}\/original\.jpg$/);
    expect(row.originalKey).not.toContain(user.id);
    const uploadKey = new URL(grant.url).pathname.split(`/${s.storage.bucket}/`)[1];
    expect(uploadKey).toMatch(/^uploads\//);
    expect(await objectKeys('uploads/')).not.toContain(uploadKey);

    // The owner reads both; the standard one is the processed JPEG.
    const original = await readPhoto(h.db, s.storage, actor, { kind: 'original' });
    expect(Buffer.from(original.bytes).equals(valid)).toBe(true);
    const standard = await readPhoto(h.db, s.storage, actor, { kind: 'standard' });
    expect(standard.fileName).toBe('报名照片.jpg');
    const meta = await sharp(Buffer.from(standard.bytes)).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 215, 300, undefined]);
    expect(standard.bytes.byteLength).toBe(row.bytes);

    // A repeated completion (double click, retry) answers the same, writing nothing new.
    const everyPhoto = await objectKeys('exam-photos/');
    const again = await uploadPhoto(h.db, s.storage, actor, { ticket: grant.ticket });
    expect(again.version).toBe(view.version);
    expect(await objectKeys('exam-photos/')).toEqual(everyPhoto);

    // Not confirmed yet: registration still asks for a photo.
    expect(await call(acceptExamNoticeDef, actor, { examId: exam.id })).toMatchObject({ ok: false, message: '请先上传并确认本人证件照片，再报名考试' });
    const confirmed = await call(confirmPhotoDef, actor, {});
    expect(confirmed).toMatchObject({ ok: true, data: { confirmedAt: expect.any(String) } });
    expect((await photoRow(user.id)).confirmedAt).toBeInstanceOf(Date);
    expect(await call(acceptExamNoticeDef, actor, { examId: exam.id })).toMatchObject({ ok: true });
    // Confirming twice changes nothing.
    const first = (await photoRow(user.id)).confirmedAt!;
    await confirmPhoto(h.db, actor);
    expect((await photoRow(user.id)).confirmedAt).toEqual(first);

    const audits = await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['exam.photo.uploaded', 'exam.photo.confirmed']));
  });

  it('a new photo replaces the old one (its files removed) and must be confirmed again', async () => {
    const { user, actor } = await candidate();
    await upload(actor, valid);
    await confirmPhoto(h.db, actor);
    const before = await photoRow(user.id);
    const others = (await objectKeys('exam-photos/')).filter((k) => k !== before.originalKey && k !== before.processedKey);

    const { view } = await upload(actor, validRed, 'new.jpeg');
    expect(view).toMatchObject({ background: 'red', confirmedAt: null });
    const after = await photoRow(user.id);
    expect(after.confirmedAt).toBeNull();
    expect(after.originalKey).not.toBe(before.originalKey);
    // The old files are gone, the new ones there, nobody else's touched.
    expect(await objectKeys('exam-photos/')).toEqual([...others, after.originalKey, after.processedKey].sort());
    expect(await myPhoto(h.db, s.storage, actor)).toMatchObject({ changeAllowed: true, photo: { background: 'red', confirmedAt: null, original: { bytes: validRed.byteLength } } });
  });
});

describe('refusals leave nothing behind', () => {
  it('a green background: the message, no candidate_photos row, no processed object, the upload deleted', async () => {
    const { user, actor } = await candidate();
    const before = await objectKeys();
    const r = await refusal(upload(actor, green));
    expect(r).toEqual({ code: 'BAD_INPUT', message: '照片背景须为红色、白色或蓝色的纯色背景' });
    expect(await photoRow(user.id)).toBeUndefined();
    expect(await objectKeys()).toEqual(before);
    expect(await myPhoto(h.db, s.storage, actor)).toEqual({ photo: null, changeAllowed: true });
  });

  it('a refused new photo keeps the confirmed one untouched', async () => {
    const { user, actor } = await candidate();
    await upload(actor, valid);
    await confirmPhoto(h.db, actor);
    const before = await photoRow(user.id);
    const keysBefore = await objectKeys();
    expect((await refusal(upload(actor, green))).message).toBe('照片背景须为红色、白色或蓝色的纯色背景');
    expect(await photoRow(user.id)).toEqual(before);
    expect(await objectKeys()).toEqual(keysBefore);
  });

  it('wrong types and sizes: refused when declared, and by the real content after the PUT', async () => {
    const { user, actor } = await candidate();
    const png = await pngPhoto();
    const before = await objectKeys();
    // Declared as a PNG: refused before anything is uploaded.
    expect(await refusal(requestPhotoUpload(h.db, s.storage, actor, { fileName: 'photo.png', size: png.byteLength, contentType: 'image/png' }))).toEqual({
      code: 'UNSUPPORTED_FILE',
      message: '「photo.png」的文件类型不符合要求：本栏只接受 JPG 文件',
    });
    // Called .jpg, really a PNG: the content check refuses it and deletes the upload.
    expect(await refusal(upload(actor, png, 'photo.jpg'))).toEqual({ code: 'UNSUPPORTED_FILE', message: '「photo.jpg」的实际内容是 PNG 文件，本栏只接受 JPG 文件（仅修改扩展名无效）' });
    // 30 KB or less: refused when declared so …
    expect(await refusal(requestPhotoUpload(h.db, s.storage, actor, { fileName: 'small.jpg', size: 20 * 1024, contentType: 'image/jpeg' }))).toEqual({ code: 'BAD_INPUT', message: '照片文件须大于30KB' });
    // … and over 5 MB too.
    expect((await refusal(requestPhotoUpload(h.db, s.storage, actor, { fileName: 'big.jpg', size: 6 * 1024 * 1024, contentType: 'image/jpeg' }))).message).toBe('文件过大：本栏的文件不能超过 5 MB');
    expect(await photoRow(user.id)).toBeUndefined();
    expect(await objectKeys()).toEqual(before);
  });

  it('refuses a ticket of another person or of another slot', async () => {
    const a = await candidate();
    const b = await candidate();
    const grant = await requestPhotoUpload(h.db, s.storage, a.actor, { fileName: 'a.jpg', size: valid.byteLength, contentType: 'image/jpeg' });
    await fetch(grant.url, { method: 'PUT', body: new Uint8Array(valid), headers: grant.headers });
    expect((await refusal(uploadPhoto(h.db, s.storage, b.actor, { ticket: grant.ticket }))).code).toBe('FORBIDDEN');
    // A 我的文件 upload cannot be turned into an ID photo behind the photo checks' back.
    const other = await requestUpload(h.db, s.storage, a.actor, { slot: 'personal_files', fileName: 'x.jpg', size: valid.byteLength, contentType: 'image/jpeg' });
    expect(await refusal(uploadPhoto(h.db, s.storage, a.actor, { ticket: other.ticket }))).toEqual({ code: 'BAD_INPUT', message: '本次上传已过期或无效，请重新选择文件上传' });
    expect(await photoRow(b.user.id)).toBeUndefined();
    // The rightful owner still completes it.
    expect(await uploadPhoto(h.db, s.storage, a.actor, { ticket: grant.ticket })).toMatchObject({ background: 'blue' });
  });
});

describe('who may do what', () => {
  it('only individual candidates upload and confirm: anonymous, organizations and staff are refused', async () => {
    const { user: orgUser } = await createOrgAccount(h.db);
    const org = await actorOf(orgUser.id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin', module: 'exam' }])).id);
    const request = { fileName: 'a.jpg', size: valid.byteLength, contentType: 'image/jpeg' };
    for (const [actor, code] of [
      [ANONYMOUS, 'UNAUTHENTICATED'],
      [org, 'FORBIDDEN'],
      [reviewer, 'FORBIDDEN'],
      [examAdmin, 'FORBIDDEN'],
    ] as const) {
      expect(await call(requestPhotoUploadDef, actor, request)).toMatchObject({ ok: false, code });
      expect(await call(uploadPhotoDef, actor, { ticket: 'x'.repeat(40) })).toMatchObject({ ok: false, code });
      expect(await call(confirmPhotoDef, actor, {})).toMatchObject({ ok: false, code });
      // The domain functions refuse on their own too (not only the action gate).
      expect((await refusal(requestPhotoUpload(h.db, s.storage, actor, request))).code).toBe(code);
      expect((await refusal(confirmPhoto(h.db, actor))).code).toBe(code);
    }
    // Through the generic upload request an organization may PUT into the personal slot, but never make a photo of it.
    const grant = await requestUpload(h.db, s.storage, org, { slot: 'exam_photo', fileName: 'a.jpg', size: valid.byteLength, contentType: 'image/jpeg' });
    expect((await refusal(uploadPhoto(h.db, s.storage, org, { ticket: grant.ticket }))).code).toBe('FORBIDDEN');
  });

  it('reads: the owner and exam staff; another candidate, other staff and anonymous get NOT_FOUND', async () => {
    const me = await candidate();
    const other = await candidate();
    await upload(me.actor, valid);
    const examAdmin = await actorOf((await createStaff(h.db, [{ role: 'exam_admin', module: 'exam' }])).id);
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const { user: orgUser } = await createOrgAccount(h.db);
    const org = await actorOf(orgUser.id);

    for (const kind of ['original', 'standard'] as const) {
      expect((await readPhoto(h.db, s.storage, me.actor, { kind })).bytes.byteLength).toBeGreaterThan(0);
      expect((await readPhoto(h.db, s.storage, me.actor, { kind, userId: me.user.id })).bytes.byteLength).toBeGreaterThan(0);
      const staffRead = await readPhoto(h.db, s.storage, examAdmin, { kind, userId: me.user.id });
      expect(Buffer.from(staffRead.bytes).equals(Buffer.from((await readPhoto(h.db, s.storage, me.actor, { kind })).bytes))).toBe(true);
      // Another candidate naming my id, or asking for their own (they have none): not found, the same answer.
      expect((await refusal(readPhoto(h.db, s.storage, other.actor, { kind, userId: me.user.id }))).code).toBe('NOT_FOUND');
      expect((await refusal(readPhoto(h.db, s.storage, other.actor, { kind }))).code).toBe('NOT_FOUND');
      expect((await refusal(readPhoto(h.db, s.storage, reviewer, { kind, userId: me.user.id }))).code).toBe('NOT_FOUND');
      expect((await refusal(readPhoto(h.db, s.storage, org, { kind, userId: me.user.id }))).code).toBe('NOT_FOUND');
      expect((await refusal(readPhoto(h.db, s.storage, ANONYMOUS, { kind, userId: me.user.id }))).code).toBe('NOT_FOUND');
      // Exam staff must name a candidate.
      expect((await refusal(readPhoto(h.db, s.storage, examAdmin, { kind }))).code).toBe('NOT_FOUND');
    }
  });
});

describe('photoChangeAllowed', () => {
  it('before any registration, during an open registration window, and never after all windows closed', async () => {
    const { user, actor } = await candidate();
    expect(await photoChangeAllowed(h.db, user.id)).toBe(true);

    const closed = await examFixture(false);
    const [reg] = await h.db.insert(examRegistrations).values({ examId: closed.id, userId: user.id, status: 'paid' }).returning();
    expect(await photoChangeAllowed(h.db, user.id)).toBe(false);
    expect(await refusal(requestPhotoUpload(h.db, s.storage, actor, { fileName: 'a.jpg', size: valid.byteLength, contentType: 'image/jpeg' }))).toEqual({
      code: 'INVALID_STATE',
      message: '当前不在考试报名期间，不能上传或修改照片',
    });
    expect((await refusal(confirmPhoto(h.db, actor))).message).toBe('当前不在考试报名期间，不能上传或修改照片');
    expect(await myPhoto(h.db, s.storage, actor)).toEqual({ photo: null, changeAllowed: false });

    // Another exam still taking registrations opens it again …
    const open = await examFixture(true);
    const [openReg] = await h.db.insert(examRegistrations).values({ examId: open.id, userId: user.id, status: 'info' }).returning();
    expect(await photoChangeAllowed(h.db, user.id)).toBe(true);
    // … until its window closes (checked at a given time).
    expect(await photoChangeAllowed(h.db, user.id, new Date(Date.now() + 11 * DAY))).toBe(false);
    // Refunded / cancelled registrations do not count.
    await h.db.update(examRegistrations).set({ status: 'cancelled' }).where(eq(examRegistrations.id, openReg.id));
    expect(await photoChangeAllowed(h.db, user.id)).toBe(false);
    await h.db.update(examRegistrations).set({ status: 'refunded' }).where(eq(examRegistrations.id, reg.id));
    expect(await photoChangeAllowed(h.db, user.id)).toBe(true);
  });

  it('refuses the completion too when the window closed between request and upload', async () => {
    const { user, actor } = await candidate();
    const grant = await requestPhotoUpload(h.db, s.storage, actor, { fileName: 'a.jpg', size: valid.byteLength, contentType: 'image/jpeg' });
    await fetch(grant.url, { method: 'PUT', body: new Uint8Array(valid), headers: grant.headers });
    const closed = await examFixture(false);
    await h.db.insert(examRegistrations).values({ examId: closed.id, userId: user.id, status: 'paid' });
    const before = await objectKeys('exam-photos/');
    expect((await refusal(uploadPhoto(h.db, s.storage, actor, { ticket: grant.ticket }))).code).toBe('INVALID_STATE');
    expect(await photoRow(user.id)).toBeUndefined();
    expect(await objectKeys('exam-photos/')).toEqual(before);
  });
});
