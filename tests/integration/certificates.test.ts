import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, certificates, deadlines, outbox } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import { verifyAnyNumber } from '@/lib/platform/verify';
import { ANONYMOUS, type Actor } from '@/lib/platform/auth/actor';
import { issueCertificate, registerCertificateType, reinstateCertificate, renewCertificate, replaceCertificate, SYSTEM, suspendCertificate, voidCertificate } from '@/lib/platform/certificates';
import { renewCertificateDef, replaceCertificateDef, voidCertificateDef } from '@/lib/platform/certificates/action-defs';
import { numberFrame, numberPatternSettingKey, parseNumberPattern } from '@/lib/platform/certificates/numbers';
import { certificatePdfFor, certificatePdfKey } from '@/lib/platform/certificates/pdf';
import { exportCertificates, listMyCertificates, searchCertificates } from '@/lib/platform/certificates/queries';
import { verifyCertificate } from '@/lib/platform/certificates/verify';
import { AppError } from '@/lib/platform/errors';
import { runJob } from '@/lib/platform/jobs';
import { setSetting } from '@/lib/platform/settings';
import { EMBEDDED_S3_CREDENTIALS } from '@/lib/platform/storage';
import { actorOf as actorOfDb, callAs } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { pdfText, squash } from '../helpers/pdf-text';
import { createTestStorage } from '../helpers/storage';

process.env.AUTH_SECRET ??= 'certificates-suite-secret-0123456789-abcdef';

/**
 * The certificates registry on a real database and a real object store:
 * numbers from a per-type pattern (unique under concurrency), issue / renew /
 * replace / void (one transaction each, audited, conditional updates), the
 * stored PDF (Chinese text, QR token, stored once), public verification by
 * number and by token, who may download, the holders' and staff lists, and
 * the expiry reminders.
 */

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

// Types as a module's manifest would register them (labels from the registry's own catalog).
const PERSONAL = registerCertificateType({ type: 'test.personnel', module: 'personnel', labelKey: 'certificates.genericType', prefix: 'TP', validityMonths: 48 });
const ORG = registerCertificateType({ type: 'test.member', module: 'membership', labelKey: 'certificates.genericType', prefix: 'TM', numberPattern: '{prefix}-{yy}{mm}-{seq:5}' });

const actorOf = (userId: string) => actorOfDb(h.db, userId);
const call: ReturnType<typeof callAs> = (def, actor, input) => callAs(h.db)(def, actor, input);
const row = async (id: string) => (await h.db.select().from(certificates).where(eq(certificates.id, id)))[0];

async function person(name = '王小明') {
  const u = await createIndividual(h.db, { name });
  return { user: u, actor: await actorOf(u.id) };
}

const issuePersonal = (holderUserId: string, over: Partial<Parameters<typeof issueCertificate>[2]> = {}) =>
  issueCertificate(h.db, SYSTEM, { type: PERSONAL.type, holderUserId, holderName: '王小明', subject: { level: '检验师', items: ['承压设备', '机电类特种设备'] }, ...over });

async function objectKeys(prefix: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: s.storage.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

/** Runs the PDF jobs waiting in the outbox for one certificate (like the worker, twice each: a retry stores nothing new). */
async function runPdfJobs(certificateId: string) {
  const jobs = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'job'), sql`${outbox.payload}->>'certificateId' = ${certificateId}`));
  for (const job of jobs) {
    await runJob(h.db, job.payload, { outboxId: job.id, storage: s.storage });
    await runJob(h.db, job.payload, { outboxId: job.id, storage: s.storage });
  }
  return jobs.length;
}

describe('numbers', () => {
  it('parses patterns and refuses malformed ones', () => {
    expect(numberFrame('{prefix}{yyyy}{seq:6}', 'HY', new Date('2026-12-31T17:00:00Z'))).toEqual({ frame: 'HY2027{seq:6}', digits: 6 });
    for (const bad of ['{prefix}{yyyy}', '{prefix}{seq:2}', '{seq:6}{seq:6}', '{prefix}{foo}{seq:6}', 'HY {seq:6}', '{prefix}{seq:13}']) {
      expect(() => parseNumberPattern(bad), bad).toThrow();
    }
  });

  it('issue → the number follows the type pattern and stays unique under 20 concurrent issues', async () => {
    const { user } = await person();
    const issued = await Promise.all(Array.from({ length: 20 }, () => issuePersonal(user.id)));
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    for (const c of issued) expect(c.number).toMatch(new RegExp(`^TP${year}\\d{6}$`));
    expect(new Set(issued.map((c) => c.number)).size).toBe(20);
    expect(new Set(issued.map((c) => c.token)).size).toBe(20);
    // The token is unguessable (24 random bytes) and unrelated to the number.
    for (const c of issued) expect(c.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const seqs = issued.map((c) => Number(c.number.slice(-6))).sort((a, b) => a - b);
    expect(seqs[19] - seqs[0]).toBe(19);
    // The type's validity from the issue date.
    const c = issued[0];
    expect(c.validUntil!.getTime() - c.issuedAt.getTime()).toBeGreaterThan(47 * 30 * 86_400_000);
  });

  it('a type pattern applies, and the site setting overrides it', async () => {
    const { org, user } = await createOrgAccount(h.db);
    const a = await issueCertificate(h.db, SYSTEM, { type: ORG.type, holderOrgId: org.id, holderUserId: user.id, holderName: org.name });
    expect(a.number).toMatch(/^TM-\d{4}-\d{5}$/);
    await setSetting(h.db, numberPatternSettingKey(ORG.type), 'HYZ{yyyy}{seq:4}');
    const b = await issueCertificate(h.db, SYSTEM, { type: ORG.type, holderOrgId: org.id, holderName: org.name });
    expect(b.number).toMatch(/^HYZ\d{4}0001$/);
    await setSetting(h.db, numberPatternSettingKey(ORG.type), 'bad {pattern}');
    await expect(issueCertificate(h.db, SYSTEM, { type: ORG.type, holderOrgId: org.id, holderName: org.name })).rejects.toThrow(AppError);
    await setSetting(h.db, numberPatternSettingKey(ORG.type), '');
    expect((await issueCertificate(h.db, SYSTEM, { type: ORG.type, holderOrgId: org.id, holderName: org.name })).number).toMatch(/^TM-/);
  });

  it("issued inside a module's transaction: a rollback leaves no certificate, no reminder and no PDF job", async () => {
    const { user } = await person();
    const before = await h.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
    await issuePersonal(user.id);
    let id = '';
    await expect(
      h.db.transaction(async (tx) => {
        id = (await issueCertificate(tx, SYSTEM, { type: PERSONAL.type, holderUserId: user.id, holderName: '王小明' })).id;
        throw new Error('the approval failed later');
      }),
    ).rejects.toThrow('the approval failed later');
    expect(await row(id)).toBeUndefined();
    expect(await h.db.select().from(deadlines).where(eq(deadlines.subjectId, id))).toEqual([]);
    const after = await h.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
    // Only the certificate issued outside the transaction enqueued its PDF job.
    expect(after[0].n - before[0].n).toBe(1);
  });

  it('applicants and staff of another module may not issue', async () => {
    const { user, actor } = await person();
    await expect(issueCertificate(h.db, actor, { type: PERSONAL.type, holderUserId: user.id, holderName: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    await expect(issueCertificate(h.db, examReviewer, { type: PERSONAL.type, holderUserId: user.id, holderName: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
    expect((await issueCertificate(h.db, reviewer, { type: PERSONAL.type, holderUserId: user.id, holderName: '王小明' })).status).toBe('valid');
  });
});

describe('lifecycle', () => {
  it('replace leaves exactly one valid certificate; the old one is replaced and points at the new one', async () => {
    const { user } = await person();
    const old = await issuePersonal(user.id);
    const { replaced, certificate: fresh } = await replaceCertificate(h.db, SYSTEM, { certificateId: old.id, reason: '证书遗失' });
    expect(replaced).toMatchObject({ id: old.id, status: 'replaced', replacedById: fresh.id });
    expect(fresh).toMatchObject({ status: 'valid', holderUserId: user.id, type: old.type, subject: old.subject });
    expect(fresh.validUntil).toEqual(old.validUntil);
    expect(fresh.number).not.toBe(old.number);
    expect(fresh.token).not.toBe(old.token);
    const mine = await h.db.select().from(certificates).where(eq(certificates.holderUserId, user.id));
    expect(mine.filter((c) => c.status === 'valid').map((c) => c.id)).toEqual([fresh.id]);
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'certificate.replaced'), eq(auditLog.targetId, old.id)));
    expect(entry.detail).toMatchObject({ replacedBy: fresh.number, reason: '证书遗失' });
    // A replaced certificate cannot be replaced, renewed or voided again.
    await expect(replaceCertificate(h.db, SYSTEM, { certificateId: old.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(voidCertificate(h.db, SYSTEM, { certificateId: old.id, reason: '重复' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('two concurrent replaces of the same certificate: exactly one wins', async () => {
    const { user } = await person();
    const old = await issuePersonal(user.id);
    const results = await Promise.allSettled([replaceCertificate(h.db, SYSTEM, { certificateId: old.id }), replaceCertificate(h.db, SYSTEM, { certificateId: old.id })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'INVALID_STATE' });
    const mine = await h.db.select().from(certificates).where(eq(certificates.holderUserId, user.id));
    expect(mine).toHaveLength(2);
    expect(mine.filter((c) => c.status === 'valid')).toHaveLength(1);
    expect((await row(old.id)).replacedById).toBe(mine.find((c) => c.status === 'valid')!.id);
  });

  it('void requires a reason and is audited; the expiry reminder closes', async () => {
    const { user } = await person();
    const c = await issuePersonal(user.id);
    const [open] = await h.db.select().from(deadlines).where(and(eq(deadlines.subjectType, 'certificate'), eq(deadlines.subjectId, c.id)));
    expect(open).toMatchObject({ userId: user.id, purpose: 'expiry', closedAt: null, link: '/portal/certificates' });
    expect(open.dueAt).toEqual(c.validUntil);
    await expect(voidCertificate(h.db, SYSTEM, { certificateId: c.id, reason: ' ' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const admin = await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id);
    const noReason = await call(voidCertificateDef, admin, { certificateId: c.id, reason: '' });
    expect(noReason).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((await row(c.id)).status).toBe('valid');
    const r = await call(voidCertificateDef, admin, { certificateId: c.id, reason: '发证依据被撤销' });
    expect(r).toMatchObject({ ok: true, data: { status: 'void' } });
    expect(await row(c.id)).toMatchObject({ status: 'void', voidReason: '发证依据被撤销' });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'certificate.voided'), eq(auditLog.targetId, c.id)));
    expect(entry).toMatchObject({ actorId: admin.kind === 'staff' ? admin.id : '', success: true });
    expect(entry.detail).toMatchObject({ number: c.number, reason: '发证依据被撤销' });
    const [closed] = await h.db.select().from(deadlines).where(and(eq(deadlines.subjectType, 'certificate'), eq(deadlines.subjectId, c.id)));
    expect(closed.closedAt).not.toBeNull();
  });

  it('renew keeps the number and token, extends the validity, bumps the version and moves the reminder', async () => {
    const { user } = await person();
    const c = await issuePersonal(user.id, { validUntil: new Date(Date.now() + 10 * 86_400_000) });
    const renewed = await renewCertificate(h.db, SYSTEM, { certificateId: c.id });
    expect(renewed).toMatchObject({ id: c.id, number: c.number, token: c.token, version: 2, status: 'valid' });
    expect(renewed.validUntil!.getTime()).toBeGreaterThan(c.validUntil!.getTime() + 47 * 30 * 86_400_000);
    const [d] = await h.db.select().from(deadlines).where(and(eq(deadlines.subjectType, 'certificate'), eq(deadlines.subjectId, c.id)));
    expect(d.dueAt).toEqual(renewed.validUntil);
    await expect(renewCertificate(h.db, SYSTEM, { certificateId: c.id, validUntil: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'certificate.renewed'), eq(auditLog.targetId, c.id)))).toHaveLength(1);
  });

  it('suspend needs a reason, shows as suspended at /verify, blocks renew / replace / void, and reinstate makes it valid again (both audited)', async () => {
    const { user } = await person();
    const c = await issuePersonal(user.id);
    await expect(suspendCertificate(h.db, SYSTEM, { certificateId: c.id, reason: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await row(c.id)).status).toBe('valid');
    await expect(reinstateCertificate(h.db, SYSTEM, { certificateId: c.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const suspended = await suspendCertificate(h.db, SYSTEM, { certificateId: c.id, reason: '年审逾期未提交' });
    expect(suspended).toMatchObject({ status: 'suspended', suspendReason: '年审逾期未提交', number: c.number });
    const v = await verifyCertificate(h.db, c.token);
    expect(v).toMatchObject({ statusKey: 'certificates.status.suspended', valid: false, invalidKey: 'certificates.verify.invalidSuspended' });
    expect(JSON.stringify(v)).not.toContain('年审逾期未提交');
    await expect(renewCertificate(h.db, SYSTEM, { certificateId: c.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(replaceCertificate(h.db, SYSTEM, { certificateId: c.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(suspendCertificate(h.db, SYSTEM, { certificateId: c.id, reason: '再次暂停' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await searchCertificates(h.db, await actorOf((await createStaff(h.db, [{ role: 'admin' }])).id), { status: 'suspended' })).items.map((i) => i.id)).toContain(c.id);
    const back = await reinstateCertificate(h.db, SYSTEM, { certificateId: c.id, reason: '已补交年审材料' });
    expect(back).toMatchObject({ status: 'valid', suspendReason: null, version: c.version, token: c.token });
    expect(await verifyCertificate(h.db, c.number)).toMatchObject({ statusKey: 'certificates.status.valid', valid: true });
    const actions = (await h.db.select().from(auditLog).where(eq(auditLog.targetId, c.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['certificate.suspended', 'certificate.reinstated']));
  });

  it('the staff actions reach only certificates of the modules the staff member holds', async () => {
    const { user } = await person();
    const c = await issuePersonal(user.id);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    const finance = await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id);
    const personnelReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
    expect(await call(replaceCertificateDef, examReviewer, { certificateId: c.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(renewCertificateDef, finance, { certificateId: c.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(voidCertificateDef, (await person()).actor, { certificateId: c.id, reason: '篡改' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await row(c.id)).status).toBe('valid');
    const r = await call(renewCertificateDef, personnelReviewer, { certificateId: c.id, validUntil: '2099-12-31' });
    expect(r).toMatchObject({ ok: true, data: { status: 'valid', validUntil: '2099-12-31T15:59:59.999Z' } });
  });
});

describe('verification', () => {
  it('by number and by token: type, masked holder, subject, dates and status (valid, expired, void, replaced → the new number)', async () => {
    const { user } = await person('欧阳建国');
    const valid = await issuePersonal(user.id, { holderName: '欧阳建国' });
    for (const q of [valid.number, valid.token]) {
      const [found] = await verifyAnyNumber(h.db, q);
      expect(found).toMatchObject({ type: 'record', number: valid.number, statusKey: 'certificates.status.valid', valid: true, holderMasked: '欧**国', typeKey: 'certificates.genericType' });
      expect(JSON.stringify(found)).not.toContain('欧阳建国');
      expect(JSON.stringify(found)).not.toContain(valid.token);
      if (found.type === 'record') expect(found.facts).toEqual(expect.arrayContaining([{ labelKey: 'certificates.subject.level', value: '检验师' }, { labelKey: 'certificates.subject.items', value: '承压设备、机电类特种设备' }]));
    }
    const expired = await issuePersonal(user.id, { issuedAt: new Date(Date.now() - 400 * 86_400_000), validUntil: new Date(Date.now() - 86_400_000) });
    expect(await verifyCertificate(h.db, expired.token)).toMatchObject({ statusKey: 'certificates.status.expired', valid: false });
    const voided = await issuePersonal(user.id);
    await voidCertificate(h.db, SYSTEM, { certificateId: voided.id, reason: '内部原因不公开' });
    const v = await verifyCertificate(h.db, voided.number);
    expect(v).toMatchObject({ statusKey: 'certificates.status.void', valid: false });
    expect(JSON.stringify(v)).not.toContain('内部原因不公开');
    const old = await issuePersonal(user.id);
    const { certificate: fresh } = await replaceCertificate(h.db, SYSTEM, { certificateId: old.id });
    expect(await verifyCertificate(h.db, old.token)).toMatchObject({ statusKey: 'certificates.status.replaced', valid: false, links: [{ labelKey: 'certificates.verify.replacedBy', number: fresh.number }] });
    expect(await verifyCertificate(h.db, fresh.number)).toMatchObject({ statusKey: 'certificates.status.valid', valid: true });
  });

  it('a random token (or a near miss) shows nothing', async () => {
    const { user } = await person();
    const c = await issuePersonal(user.id);
    expect(await verifyAnyNumber(h.db, 'A'.repeat(32))).toEqual([]);
    expect(await verifyAnyNumber(h.db, `${c.token.slice(0, -1)}${c.token.endsWith('A') ? 'B' : 'A'}`)).toEqual([]);
    expect(await verifyCertificate(h.db, c.number.toLowerCase())).toBeNull();
  });
});

describe('PDF and download', () => {
  it('stores the PDF once after commit (a retried job stores nothing new) with extractable Chinese text and the QR token', async () => {
    const { user } = await person();
    const c = await issuePersonal(user.id, { holderName: '王小明' });
    expect(await objectKeys(`generated/certificates/${c.id}/`)).toEqual([]);
    expect(await runPdfJobs(c.id)).toBe(1);
    expect(await objectKeys(`generated/certificates/${c.id}/`)).toEqual([certificatePdfKey(c.id, 1)]);
    expect(await row(c.id)).toMatchObject({ pdfKey: certificatePdfKey(c.id, 1), pdfVersion: 1 });
    const stored = await s.storage.get(certificatePdfKey(c.id, 1));
    const text = squash(await pdfText(stored!));
    for (const expected of ['兹证明王小明', '持证人', '王小明', '证书编号', c.number, '检验师', '承压设备、机电类特种设备', '发证日期', '有效期至', '扫码核验']) expect(text).toContain(squash(expected));
    expect(text).toContain(`/verify/${c.token}`);
    // A renewal stores a second version; the download serves the current one.
    await renewCertificate(h.db, SYSTEM, { certificateId: c.id });
    expect(await runPdfJobs(c.id)).toBe(2);
    expect((await objectKeys(`generated/certificates/${c.id}/`)).sort()).toEqual([certificatePdfKey(c.id, 1), certificatePdfKey(c.id, 2)]);
    const dl = await certificatePdfFor(h.db, s.storage, await actorOf(user.id), c.id);
    expect(dl.source).toBe('stored');
    expect(squash(await pdfText(dl.buffer))).toContain('第2版');
  });

  it('download: the holder (individual; organization main account, sub-account with the module) and staff of the module; others NOT_FOUND or refused', async () => {
    const me = await person();
    const c = await issuePersonal(me.user.id);
    const { org, user: main } = await createOrgAccount(h.db);
    const oc = await issueCertificate(h.db, SYSTEM, { type: ORG.type, holderOrgId: org.id, holderUserId: main.id, holderName: org.name, subject: { level: '理事单位' } });
    const subWith = await actorOf((await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, name: '子账户', modules: ['membership'] })).id);
    const subWithout = await actorOf((await createUser(h.db, { kind: 'organization', orgId: org.id, isOrgMain: false, name: '子账户', modules: ['review'] })).id);
    const other = await createOrgAccount(h.db);
    const staff = async (roles: Array<{ role: string; module?: string }>) => actorOf((await createStaff(h.db, roles)).id);
    const get = (actor: Actor, id: string) => certificatePdfFor(h.db, s.storage, actor, id);

    // Not stored yet: rendered on demand.
    expect((await get(me.actor, c.id)).source).toBe('rendered');
    expect((await get(await staff([{ role: 'reviewer', module: 'personnel' }]), c.id)).number).toBe(c.number);
    expect((await get(await staff([{ role: 'admin' }]), c.id)).number).toBe(c.number);
    expect((await get(await actorOf(main.id), oc.id)).number).toBe(oc.number);
    expect((await get(subWith, oc.id)).number).toBe(oc.number);
    expect((await get(await staff([{ role: 'issuing_authority', module: 'membership' }]), oc.id)).number).toBe(oc.number);

    await expect(get(ANONYMOUS, c.id)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const [who, id] of [
      [(await person()).actor, c.id], // another applicant
      [await actorOf(main.id), c.id],
      [me.actor, oc.id],
      [await actorOf(other.user.id), oc.id], // another organization
      [subWithout, oc.id], // a sub-account without the module
      [await staff([{ role: 'reviewer', module: 'exam' }]), c.id], // a staff role of another module
      [await staff([{ role: 'reviewer', module: 'personnel' }]), oc.id],
      [await staff([{ role: 'finance' }]), c.id],
    ] as Array<[Actor, string]>) {
      await expect(get(who, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(get(me.actor, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('lists', () => {
  it('我的证书 lists the holder’s own certificates with their status; staff search within their modules, masked, and export', async () => {
    const me = await person('李四');
    const a = await issuePersonal(me.user.id, { holderName: '李四' });
    const b = await issuePersonal(me.user.id, { holderName: '李四' });
    await voidCertificate(h.db, SYSTEM, { certificateId: b.id, reason: '错发' });
    const { certificate: c } = await replaceCertificate(h.db, SYSTEM, { certificateId: a.id });
    const mine = await listMyCertificates(h.db, me.actor);
    expect(mine.map((x) => [x.number, x.state]).sort()).toEqual([[a.number, 'replaced'], [b.number, 'void'], [c.number, 'valid']].sort());
    expect(mine.find((x) => x.id === a.id)!.replacedByNumber).toBe(c.number);
    expect(mine.every((x) => x.voidReason === null && x.holderIdMasked === null)).toBe(true);
    expect(await listMyCertificates(h.db, (await person()).actor)).toEqual([]);

    const reviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
    const found = await searchCertificates(h.db, reviewer, { q: '李四' });
    expect(found.items.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const holderId = found.items[0].holderIdMasked!;
    expect(holderId).toMatch(/^\d{3}\*+[\dX]{4}$/);
    expect(holderId).not.toBe(me.user.idNumber);
    expect((await searchCertificates(h.db, reviewer, { q: c.number })).items.map((x) => x.id)).toEqual([c.id]);
    expect((await searchCertificates(h.db, reviewer, { q: '李四', status: 'void' })).items.map((x) => x.id)).toEqual([b.id]);
    expect((await searchCertificates(h.db, reviewer, { q: '李四', status: 'valid' })).items.map((x) => [x.id, x.canManage])).toEqual([[c.id, true]]);
    const examReviewer = await actorOf((await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }])).id);
    expect((await searchCertificates(h.db, examReviewer, { q: '李四' })).items).toEqual([]);
    await expect(searchCertificates(h.db, await actorOf((await createStaff(h.db, [{ role: 'finance' }])).id), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const exported = await exportCertificates(h.db, reviewer, { q: '李四' });
    expect(exported.items).toHaveLength(3);
    expect(await h.db.select().from(auditLog).where(eq(auditLog.action, 'certificates.exported'))).toHaveLength(1);
  });
});
