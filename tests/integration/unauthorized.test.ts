import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { accreditedInstitutions, applications, bankTransfers, candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects, orders, outbox, refunds, sessions, users } from '@/db/schema';
import { rowsOf, type DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser, randomMobile } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { exportAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { allows, invokeAction, type Access, type ActionDef, type Applicant, type StaffActor } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, loadActor, type Actor, type SignedInActor } from '@/lib/platform/auth/actor';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { issueCertificate, registerCertificateType, SYSTEM } from '@/lib/platform/certificates';
import { certificatePdfFor } from '@/lib/platform/certificates/pdf';
import { exportCertificates } from '@/lib/platform/certificates/queries';
import { AppError } from '@/lib/platform/errors';
import { getSetting } from '@/lib/platform/settings';
import { EMBEDDED_S3_CREDENTIALS, getStorage } from '@/lib/platform/storage';
import { ORG_MODULE_KEYS } from '@/lib/modules/account/sub-account-schemas';
import { FIELD_CHANGE } from '@/lib/modules/accreditation/field-change/kind';
import { importInstitutions } from '@/lib/modules/accreditation/institutions/services/import-institutions';
import { PRE_APPLICATION } from '@/lib/modules/accreditation/pre-application/kind';
import { preApplicationFormSchema } from '@/lib/modules/accreditation/pre-application/schemas';
import { submitPreApplication } from '@/lib/modules/accreditation/pre-application/services/submit';
import { verifyPreApplication } from '@/lib/modules/accreditation/pre-application/services/by-token';
import { exportRegistrations, registrationFilterFrom } from '@/lib/modules/exam/admin/services/registrations';
import { confirmPhoto } from '@/lib/modules/exam/photo/services/confirm-photo';
import { readPhoto } from '@/lib/modules/exam/photo/services/read-photo';
import { requestPhotoUpload, uploadPhoto } from '@/lib/modules/exam/photo/services/upload-photo';
import { registrationInfoSchema } from '@/lib/modules/exam/registration/schemas';
import { placeOrder } from '@/lib/modules/exam/registration/services/order';
import { acceptNotice, chooseArea, chooseSubjects, saveInfo } from '@/lib/modules/exam/registration/services/registration';
import { admissionTicketFor } from '@/lib/modules/exam/registration/services/ticket';
import { noticeFieldsSchema, type NoticeFieldsInput } from '@/lib/modules/publications/schemas';
import { completeAttachmentUpload } from '@/lib/modules/publications/services/complete-attachment-upload';
import { createNotice } from '@/lib/modules/publications/services/create-notice';
import { publishNotice } from '@/lib/modules/publications/services/publish-notice';
import { authorizeAttachmentRead } from '@/lib/modules/publications/services/read-attachment';
import { requestAttachmentUpload } from '@/lib/modules/publications/services/request-attachment-upload';
import { authorizeDocumentRead } from '@/lib/platform/documents/access';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { startPhoneUpload } from '@/lib/platform/documents/services/phone-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { BANK_TRANSFER_SLOT, defineSlots, MB, PERSONAL_FILES_SLOT, registerKindSlots, slotsOfKind } from '@/lib/platform/documents/slots';
import { notifyUser } from '@/lib/platform/notify/in-app';
import { createOrder, handleNotification, markPaid, processRefund, registerPaymentProvider, requestRefund, startPayment, PaymentProviderError, type PaymentProvider } from '@/lib/platform/payments';
import { submitBankTransfer } from '@/lib/platform/payments/bank-transfer';
import { payAtCashier, readCashierRequest } from '@/lib/platform/payments/providers/sandbox';
import { exportOrders, receiptFor } from '@/lib/platform/payments/queries';
import { createApplication, getApplicationFor, queueExport, staffKinds } from '@/lib/platform/workflow';
import { createTestDb } from '../helpers/db';
import { jpegPhoto } from '../helpers/photos';
import { createTestStorage } from '../helpers/storage';

/**
 * Unauthorized access to every non-public server action of the platform and
 * of the finished business areas: accounts, sub-accounts, staff
 * administration, platform notices, the workflow engine's actions, documents,
 * in-app notifications, module A (accreditation), publications, module D
 * (exam set-up, ID photos, candidate registration, orders, refunds) and the
 * payment layer (online payments, refunds, bank transfers) and the
 * certificates registry.
 *
 * The actions are discovered at test time, so a new action without an entry in
 * COVERAGE fails here with its name, and so does an action that became public
 * without being added to PUBLIC_DEFS. Each covered action gets a valid input
 * aimed at an object of ANOTHER organization / another staff member (a real
 * application, document, notice, notification …), is called by every actor
 * that must be refused, and must answer { ok: false } with the expected code
 * while the whole database and the whole object store stay exactly the same.
 * The same input from an allowed actor then succeeds and changes the database
 * (or, for a read, returns the target and changes nothing), so the refusals
 * are about the actor and the fingerprint would see a change.
 */

const SECRET = 'unauthorized-suite-secret-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;

/*
 * The actions take their storage from getStorage(), which reads S3_* once: point
 * it at this file's own S3 server (the configuration any S3-compatible service
 * uses) before anything reads the environment.
 */
const s3server = await createTestStorage();
Object.assign(process.env, {
  S3_ENDPOINT: s3server.server.endpoint,
  S3_BUCKET: s3server.storage.bucket,
  S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey,
  S3_FORCE_PATH_STYLE: 'true',
});
const s3 = new S3Client({ endpoint: s3server.server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: EMBEDDED_S3_CREDENTIALS });

const ROOT = process.cwd();

// ---------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------

/** Every business module and every platform part: a new folder under either lands here and must be covered. */
const ROOTS = ['lib/modules', 'lib/platform'];
/**
 * Being written right now by others; their suites come with them. Named one by
 * one: once a folder is removed from this list, its actions fail "every
 * non-public action has a coverage entry" until they are covered here.
 */
const PENDING_AREAS: string[] = [
  // Module E (issue 14): its own suite covers each action's refusals (tests/integration/review.test.ts, 'unauthorized access'); the integrator moves it here.
  'lib/modules/review',
  // Platform delegation (issue 14): covered in tests/integration/delegation.test.ts ('who may manage delegations'); the integrator moves it here.
  'lib/platform/delegation',
];

function walk(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(rel);
    return /\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [rel] : [];
  });
}

type AnyDef = ActionDef<Access, z.ZodType, unknown>;
type Discovered = { name: string; file: string; def: AnyDef };

const isActionDef = (v: unknown): v is AnyDef => {
  const d = v as { access?: { kind?: unknown }; schema?: { safeParse?: unknown }; handler?: unknown } | null;
  return !!d && typeof d === 'object' && typeof d.access?.kind === 'string' && typeof d.schema?.safeParse === 'function' && typeof d.handler === 'function';
};

const coveredFiles = ROOTS.flatMap(walk)
  .filter((f) => !PENDING_AREAS.some((a) => f.startsWith(`${a}/`)))
  .sort();
// Every services file (the convention), and any other file that declares an action.
const candidateFiles = coveredFiles.filter(
  (f) => f !== 'lib/platform/auth/action-core.ts' && (/\/services\/[^/]+\.ts$/.test(f) || fs.readFileSync(path.join(ROOT, f), 'utf8').includes('defineAction(')),
);

const discovered: Discovered[] = [];
const misnamed: string[] = [];
for (const file of candidateFiles) {
  const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  for (const [name, value] of Object.entries(mod)) {
    if (!isActionDef(value)) continue;
    if (!name.endsWith('Def')) misnamed.push(`${file}#${name}`);
    // A re-export of the same definition is one action.
    if (!discovered.some((d) => d.def === value)) discovered.push({ name, file, def: value });
  }
}

/** The public actions: each is safe for anyone by design (sign-up, recovery, activation, notices, tokens). */
const PUBLIC_DEFS = [
  'confirmEmailChangeDef', // the single-use token alone identifies the account
  'verifyLegacyCredentialsDef',
  'activateLegacyDef',
  'requestResetCodeDef',
  'resetBySmsDef',
  'requestResetEmailDef',
  'resetByLinkDef',
  'registerIndividualDef',
  'registerOrganizationDef',
  'requestSmsCodeDef',
  'serveNoticeDef',
  'acceptNoticeDef', // scopes by object: a serving shown to a user is that user's (tested below)
  // Module A pre-application (SPEC §2.2): submitted by the public with a captcha; the emailed tokens are the credentials.
  'submitPreApplicationDef',
  'verifyPreApplicationDef', // the single-use verify token names the application (tested below)
  'resendVerificationDef', // the view token names the application
  // 已获认可机构获取密码 (SPEC §2.6): captcha → signed ticket naming the registry row → single-use emailed token.
  'lookupInstitutionDef',
  'requestInstitutionResetDef', // the signed ticket names the row (tested below)
  'resetInstitutionPasswordDef',
  // The sandbox cashier's buttons (the embedded stand-in for a payment platform): the signed cashier link names the order, as on a real platform.
  'sandboxPayDef',
].sort();

// ---------------------------------------------------------------------------
// Actors: real rows, real sessions, resolved by loadActor on every call
// ---------------------------------------------------------------------------

const ACTOR_KEYS = [
  'anonymous',
  'revokedSession', // an individual whose session was revoked
  'disabledAdmin', // an admin whose account was disabled while a session was open
  'individual',
  'targetOrgMain', // the main account of the organization the inputs aim at
  'otherOrgMain', // the main account of ANOTHER organization
  'subNoModules', // a sub-account of the target organization with no module
  'subAllModules', // a sub-account of the target organization with every organization module
  'staffFinance',
  'staffNonAdmin', // every staff role except admin (reviewer of every module included)
  'reviewerAccreditation', // a reviewer of module A only: the module the targets belong to
  'reviewerExam', // a reviewer of module D only: the right role, the wrong module
  'staffAdmin',
] as const;
type ActorKey = (typeof ACTOR_KEYS)[number];
type Refusal = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

type Fx = {
  targetOrgId: string;
  otherOrgId: string;
  /** The user id and session id of each signed-in actor (anonymous has none). */
  ids: Record<Exclude<ActorKey, 'anonymous'>, { userId: string; sessionId: string }>;
};

let h: DbHandle;
let fx: Fx;

async function sessionFor(userId: string, revoked = false): Promise<string> {
  const [s] = await h.db
    .insert(sessions)
    .values({ userId, method: 'password', revokedAt: revoked ? new Date() : null })
    .returning({ id: sessions.id });
  return s.id;
}

async function buildFixtures(): Promise<Fx> {
  const target = await createOrgAccount(h.db, { email: `target_${crypto.randomBytes(4).toString('hex')}@example.com` });
  const other = await createOrgAccount(h.db);
  const sub = (modules: string[]) => createUser(h.db, { kind: 'organization', orgId: target.org.id, isOrgMain: false, name: '子账户', modules });
  const nonAdminRoles = [
    { role: 'finance' },
    { role: 'exam_admin' },
    { role: 'review_planner' },
    { role: 'review_leader' },
    { role: 'issuing_authority' },
    ...['accreditation', 'membership', 'personnel', 'exam', 'review'].map((module) => ({ role: 'reviewer', module })),
  ];
  const rows = {
    revokedSession: { user: await createIndividual(h.db), revoked: true },
    disabledAdmin: { user: await createStaff(h.db, [{ role: 'admin' }], { status: 'disabled' }), revoked: false },
    individual: { user: await createIndividual(h.db), revoked: false },
    targetOrgMain: { user: target.user, revoked: false },
    otherOrgMain: { user: other.user, revoked: false },
    subNoModules: { user: await sub([]), revoked: false },
    subAllModules: { user: await sub([...ORG_MODULE_KEYS]), revoked: false },
    staffFinance: { user: await createStaff(h.db, [{ role: 'finance' }]), revoked: false },
    staffNonAdmin: { user: await createStaff(h.db, nonAdminRoles), revoked: false },
    reviewerAccreditation: { user: await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }]), revoked: false },
    reviewerExam: { user: await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }]), revoked: false },
    staffAdmin: { user: await createStaff(h.db, [{ role: 'admin' }]), revoked: false },
  };
  const ids = {} as Fx['ids'];
  for (const [key, r] of Object.entries(rows)) ids[key as keyof Fx['ids']] = { userId: r.user.id, sessionId: await sessionFor(r.user.id, r.revoked) };
  return { targetOrgId: target.org.id, otherOrgId: other.org.id, ids };
}

/** As the session layer does on every request: the actor is loaded from the session row. */
const resolve = (key: ActorKey) => (): Promise<Actor> => (key === 'anonymous' ? Promise.resolve(ANONYMOUS) : loadActor(h.db, fx.ids[key].userId, fx.ids[key].sessionId));
const actor = (key: ActorKey) => resolve(key)();
const staffActor = async (key: ActorKey) => (await actor(key)) as StaffActor;

const call = (def: AnyDef, who: ActorKey, input: unknown) => invokeAction(def, { db: h.db, actor: resolve(who), ip: '10.66.0.1', locale: 'zh-CN' }, input);

// ---------------------------------------------------------------------------
// Fingerprint: every table of the public schema, every sequence, every stored object
// ---------------------------------------------------------------------------

/**
 * Every table is included: the gate (invokeAction, loadActor) writes nothing on a
 * refusal, not even rate_limits or audit_log, so any difference is a leak.
 * Sequences are included too: a refused call must not even attempt an insert.
 * So is the object store: a refused call must neither delete an uploaded file
 * nor store one.
 */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(await h.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.name);
  const parts = tables.map(
    (t) =>
      `select '${t.replace(/'/g, "''")}' as name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as value from public."${t.replace(/"/g, '""')}" x`,
  );
  parts.push(`select 'seq:' || sequencename as name, coalesce(last_value::text, '-') as value from pg_sequences where schemaname = 'public'`);
  const rows = rowsOf<{ name: string; value: string }>(await h.db.execute(sql.raw(parts.join(' union all '))));
  return { ...Object.fromEntries(rows.map((r) => [r.name, r.value])), 's3:objects': await objectStoreFingerprint() };
}

async function objectStoreFingerprint(): Promise<string> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: s3server.storage.bucket, ContinuationToken: token }));
    keys.push(...(out.Contents ?? []).map((o) => `${o.Key}:${o.Size}:${o.ETag}`));
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return `${keys.length}:${crypto.createHash('md5').update(keys.sort().join('\n')).digest('hex')}`;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]).sort();
}

/** Calls the action as `who` and asserts the refusal code and that nothing changed. */
async function expectRefused(def: AnyDef, who: ActorKey, input: unknown, code: Refusal) {
  const before = await fingerprint();
  const r = await call(def, who, input);
  const after = await fingerprint();
  expect(r, `${who} must be refused`).toMatchObject({ ok: false, code });
  expect(changedTables(before, after), `${who}'s refused call changed the database or the object store`).toEqual([]);
}

/** Calls the action as `who`, which must succeed and change something (a read: change nothing); returns the data. */
async function expectAccepted(def: AnyDef, who: ActorKey, input: unknown, read = false): Promise<unknown> {
  const before = await fingerprint();
  const r = await call(def, who, input);
  expect(r, `${who} must be accepted`).toMatchObject({ ok: true });
  const changed = changedTables(before, await fingerprint());
  if (read) expect(changed, `${who}'s read changed something`).toEqual([]);
  else expect(changed, `${who}'s accepted call changed nothing`).not.toEqual([]);
  return (r as { data: unknown }).data;
}

// ---------------------------------------------------------------------------
// Targets: real applications, documents, notices, notifications, registry rows
// ---------------------------------------------------------------------------

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
const freshSub = async () => (await createUser(h.db, { kind: 'organization', orgId: fx.targetOrgId, isOrgMain: false, name: '目标子账户', modules: ['review'] })).id;
const freshStaff = async () => (await createStaff(h.db, [{ role: 'reviewer', module: 'review' }], { name: '目标工作人员' })).id;

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/*
 * The field-change kind declares no document slots (yet). The documents gate is
 * the same for every kind (the application row decides who may write), so the
 * suite gives the kind one slot in this process only, to upload real files to
 * the target organization's real application.
 */
const APP_SLOT = 'supporting_document';
if (!slotsOfKind(FIELD_CHANGE).some((s) => s.key === APP_SLOT)) {
  registerKindSlots(FIELD_CHANGE, [...slotsOfKind(FIELD_CHANGE), ...defineSlots([{ key: APP_SLOT, label: '证明材料', types: ['pdf'], maxBytes: MB, required: false }])]);
}

/** A valid field-change form (what the applicant submits). */
const FIELD_CHANGE_FORM = {
  businessFields: { laboratory: { selected: false, description: '' }, inspectionBody: { selected: true, description: '承压设备定期检验' } },
  reason: '业务拓展',
};

/** The target organization's draft 业务领域变更 (hidden from staff). */
async function targetDraft(): Promise<string> {
  const app = await createApplication(h.db, await actor('targetOrgMain'), { kind: FIELD_CHANGE, data: { businessFields: {} }, draft: true });
  expect(app).toMatchObject({ status: 'draft', orgId: fx.targetOrgId });
  return app.id;
}

/** The target organization's submitted 业务领域变更 (in the module-A reviewers' queue). */
async function targetSubmitted(): Promise<string> {
  const app = await createApplication(h.db, await actor('targetOrgMain'), { kind: FIELD_CHANGE, data: FIELD_CHANGE_FORM, thenFire: 'submit' });
  expect(app).toMatchObject({ status: 'submitted', orgId: fx.targetOrgId });
  return app.id;
}

/** A public pre-application as submitted (unverified: hidden from staff); returns its id and contact email. */
async function unverifiedPreApplication(): Promise<{ id: string; email: string }> {
  const email = `preapp_${uniq()}@example.com`;
  const form = preApplicationFormSchema.parse({
    contact: { name: '王联系', phone: '0571-88880000', mobile: '13812345678', email },
    entity: { name: `杭州精测检测技术有限公司${uniq()}`, code: randomCreditCode(), address: '杭州市西湖区文三路1号', postalCode: '310000', legalRepresentative: '赵法人' },
    businessFields: { laboratory: { selected: true, description: '从事化学、物理检测' }, inspectionBody: { selected: false, description: '' } },
  });
  const app = await submitPreApplication(h.db, form, null);
  expect(app.status).toBe('unverified');
  return { id: app.id, email };
}

/** A pre-application verified through the emailed link: pending in the module-A reviewers' queue. */
async function verifiedPreApplication(): Promise<string> {
  const { id, email } = await unverifiedPreApplication();
  const [mail] = await h.db.select().from(outbox).where(and(eq(outbox.channel, 'email'), sql`${outbox.payload}->>'to' = ${email}`));
  const token = /\/accreditation\/pre-application\/verify\?token=([\w-]+)/.exec((mail.payload as { text: string }).text)![1];
  expect((await verifyPreApplication(h.db, token)).status).toBe('pending');
  return id;
}

type FileTarget = { applicationId: string | null; slot: string };
const appFile = (applicationId: string): FileTarget => ({ applicationId, slot: APP_SLOT });
const personalFile: FileTarget = { applicationId: null, slot: PERSONAL_FILES_SLOT };

/** Steps 1 and 2 of a browser upload through the documents platform: the grant and the PUT. Returns the ticket. */
async function putFile(who: ActorKey, target: FileTarget): Promise<string> {
  const grant = await requestUpload(h.db, await getStorage(), await actor(who), { ...target, fileName: '证明材料.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
  expect(put.status).toBe(200);
  return grant.ticket;
}

/** A whole upload (request, PUT, complete) by `who`; returns the document id. */
async function uploadedDoc(who: ActorKey, target: FileTarget): Promise<string> {
  const ticket = await putFile(who, target);
  return (await completeUpload(h.db, await getStorage(), await actor(who), { ticket })).id;
}

const noticeFields = (over: Partial<NoticeFieldsInput> = {}): NoticeFieldsInput => ({ title: `认可工作通知${uniq()}`, module: 'accreditation', category: 'news', body: '正文。', publishAt: '', ...over });

/** A notice created by an admin: module A's by default, platform-wide with module ''. */
async function notice(over: Partial<NoticeFieldsInput> & { published?: boolean } = {}): Promise<string> {
  const { published, ...fields } = over;
  const { id } = await createNotice(h.db, await actor('staffAdmin'), noticeFieldsSchema.parse(noticeFields(fields)));
  if (published) await publishNotice(h.db, await actor('staffAdmin'), { id });
  return id;
}

/** Steps 1 and 2 of adding a notice attachment: the grant and the PUT. Returns the ticket. */
async function putAttachment(who: ActorKey, noticeId: string): Promise<string> {
  const grant = await requestAttachmentUpload(h.db, await getStorage(), await actor(who), { id: noticeId, fileName: '评审程序.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
  expect(put.status).toBe(200);
  return grant.ticket;
}

/** A module-A notice with one attachment in the object store; returns its id and the attachment's name. */
async function noticeWithAttachment(over: Partial<NoticeFieldsInput> & { published?: boolean } = {}): Promise<{ id: string; name: string }> {
  const id = await notice(over);
  const a = await completeAttachmentUpload(h.db, await getStorage(), await actor('staffAdmin'), { ticket: await putAttachment('staffAdmin', id) });
  return { id, name: a.name };
}

/** A notification (the bell) of the target organization's main account. */
async function targetNotification(): Promise<number> {
  const id = await notifyUser(h.db, { userId: fx.ids.targetOrgMain.userId, title: `业务领域变更 ${uniq()}：退回修改`, link: '/portal/applications' });
  return id!;
}

const newCert = () => `CNAS L${crypto.randomInt(10_000_000, 99_999_999)}`;
const registryCsv = (rows: Array<[string, string, string]>) => Buffer.from(`证书编号,机构名称,联系邮箱\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

/** A row of the accredited-institution registry (imported by an admin, with its organization account). */
async function institution(): Promise<string> {
  const cert = newCert();
  const r = await importInstitutions(h.db, await staffActor('staffAdmin'), { fileName: 'registry.csv', content: registryCsv([[cert, `测试检测中心${uniq()}`, `lab_${uniq()}@example.com`]]) });
  expect(r).toMatchObject({ created: 1, errors: [] });
  const [row] = await h.db.select({ id: accreditedInstitutions.id }).from(accreditedInstitutions).where(eq(accreditedInstitutions.certificateNumber, cert));
  return row.id;
}

// ---------------------------------------------------------------------------
// Module D and payment targets: exams, candidates' registrations and photos, orders, refunds
// ---------------------------------------------------------------------------

/** The fixture individual is the one exam candidate among the actors; "another candidate" is a fresh account, never an actor. */
const candidateActor = async (userId: string): Promise<Actor> => loadActor(h.db, userId, await sessionFor(userId));

/** A candidate may register only with a confirmed photo: a row (its files are not read by registration), confirmed again if an upload unconfirmed it. */
async function photoConfirmed(userId: string): Promise<void> {
  await h.db
    .insert(candidatePhotos)
    .values({ userId, originalKey: `exam-photos/${userId}/fixture/original.jpg`, processedKey: `exam-photos/${userId}/fixture/standard.jpg`, width: 215, height: 300, bytes: 9000, background: 'blue', confirmedAt: new Date() })
    .onConflictDoUpdate({ target: candidatePhotos.userId, set: { confirmedAt: sql`coalesce(${candidatePhotos.confirmedAt}, now())` } });
}

/** Another exam candidate (an individual who is none of the actors), with a confirmed photo. */
async function otherCandidate(): Promise<string> {
  const u = await createIndividual(h.db, { name: '其他考生' });
  await photoConfirmed(u.id);
  return u.id;
}

let photoBytes: Buffer | undefined;
/** A valid ID photo source (JPEG, > 30 KB), made once. */
const photoSource = async () => (photoBytes ??= await jpegPhoto());

/** Steps 1 and 2 of a photo upload by `userId` (grant and PUT); returns the ticket. */
async function putPhoto(userId: string): Promise<string> {
  const bytes = await photoSource();
  const grant = await requestPhotoUpload(h.db, await getStorage(), await candidateActor(userId), { fileName: '证件照.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return grant.ticket;
}

/** The individual's real photo (both files in the object store), confirmed. */
async function storedPhoto(): Promise<void> {
  const me = await actor('individual');
  await uploadPhoto(h.db, await getStorage(), me, { ticket: await putPhoto(fx.ids.individual.userId) });
  await confirmPhoto(h.db, me);
}

const DAY_MS = 86_400_000;
/** An exam open for registration (written directly): one session with one subject, two areas; refund and area-change windows open. */
async function openExam() {
  const now = Date.now();
  const open = { opens: new Date(now - DAY_MS), closes: new Date(now + 5 * DAY_MS) };
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `开放报名的考试${uniq()}`,
      periodStart: '2030-01-10',
      periodEnd: '2030-01-11',
      registrationOpensAt: open.opens,
      registrationClosesAt: open.closes,
      refundOpensAt: open.opens,
      refundClosesAt: open.closes,
      areaChangeOpensAt: open.opens,
      areaChangeClosesAt: open.closes,
      notice: '考生须知。',
      status: 'published',
    })
    .returning();
  const [session] = await h.db.insert(examSessions).values({ examId: exam.id, name: '上午场', startsAt: new Date('2030-01-10T01:00:00Z'), endsAt: new Date('2030-01-10T03:00:00Z') }).returning();
  const [subject] = await h.db.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A1', name: '认证通用基础', feeFen: 20000 }).returning();
  const areas = await h.db
    .insert(examAreas)
    .values([
      { examId: exam.id, name: '杭州', regionCode: '330100', capacity: 100, sortOrder: 0 },
      { examId: exam.id, name: '宁波', regionCode: '330200', capacity: 100, sortOrder: 1 },
    ])
    .returning();
  return { examId: exam.id, subjectId: subject.id, areaIds: areas.map((a) => a.id) };
}

const CANDIDATE_INFO = registrationInfoSchema.parse({
  nationality: 'CN',
  ethnicity: '01',
  residenceRegion: '330106',
  education: '21',
  employer: '',
  mobile: '13812345678',
  address: '杭州市西湖区文三路1号',
  email: 'candidate@example.com',
  invoice: { type: 'none' },
});

type Stage = 'info' | 'subjects' | 'area' | 'ordered' | 'atCashier' | 'paid';
type Registration = Awaited<ReturnType<typeof openExam>> & { registrationId: string; orderId?: string };

/**
 * A registration of a fresh open exam taken to `stage` through the candidate's
 * own steps: notice (info), info saved (subjects), subject chosen (area),
 * area chosen too (area), order placed (ordered), paid at the sandbox
 * cashier with the notification not yet delivered (atCashier), or paid.
 * The individual's by default.
 */
async function registration(stage: Stage, userId = fx.ids.individual.userId): Promise<Registration> {
  await photoConfirmed(userId);
  const who = await candidateActor(userId);
  const ex = await openExam();
  const reg = await acceptNotice(h.db, who, ex.examId);
  const out: Registration = { ...ex, registrationId: reg.id };
  if (stage === 'info') return out;
  await saveInfo(h.db, who, { registrationId: reg.id, info: CANDIDATE_INFO });
  if (stage === 'subjects') return out;
  await chooseSubjects(h.db, who, { registrationId: reg.id, subjectIds: [ex.subjectId] });
  await chooseArea(h.db, who, { registrationId: reg.id, areaId: ex.areaIds[0] });
  if (stage === 'area') return out;
  const order = await placeOrder(h.db, who, reg.id);
  out.orderId = order.id;
  if (stage === 'ordered') return out;
  const { redirectUrl } = await startPayment(h.db, who as SignedInActor, { orderId: order.id, returnUrl: `/portal/exam/${ex.examId}/pay` });
  const request = await readCashierRequest(h.db, order.number, Object.fromEntries(new URL(redirectUrl, 'http://x').searchParams));
  const paid = await payAtCashier(h.db, request!, 'pay');
  if (stage === 'atCashier') return out;
  expect(await handleNotification(h.db, 'sandbox', Object.fromEntries(new URLSearchParams(paid.notification!.body)))).toMatchObject({ outcome: 'recorded' });
  const [row] = await h.db.select({ status: examRegistrations.status }).from(examRegistrations).where(eq(examRegistrations.id, reg.id));
  expect(row.status).toBe('paid');
  return out;
}

/** Waits until the background processing of a refund (started after the request's commit) has settled. */
async function refundSettled(refundId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [r] = await h.db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refundId));
    if (r && (r.status === 'refunded' || r.status === 'failed')) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`refund ${refundId} did not settle`);
}

/** A payment platform whose refunds are refused once for the keys in `refuseOnce` (finance then retries). */
const SUITE_PROVIDER = 'unauthorized-suite';
const refuseOnce = new Set<string>();
const suiteProvider: PaymentProvider = {
  name: SUITE_PROVIDER,
  notifyAck: { ok: 'success', fail: 'fail' },
  createPayment: async (o) => ({ redirectUrl: `https://pay.example/${o.number}` }),
  verifyNotification: async () => {
    throw new PaymentProviderError('not used');
  },
  queryTrade: async () => ({ paid: false }),
  refund: async (req) => {
    if (refuseOnce.delete(req.idempotencyKey)) throw new PaymentProviderError('退款被拒绝', { retryable: false });
    return { refundNo: `R-${req.idempotencyKey}` };
  },
};
registerPaymentProvider(SUITE_PROVIDER, () => suiteProvider);

/** An order of a plain payment subject (no module handler), paid on the suite's platform. */
async function paidOrder(opts: { subjectId?: string } = {}) {
  const userId = (await createIndividual(h.db, { name: '付款人' })).id;
  const order = await h.db.transaction((tx) =>
    createOrder(tx, { userId, subjectType: 'unauthorized_suite', subjectId: opts.subjectId ?? uniq(), title: '测试费用', items: [{ name: '费用', amountFen: 10000 }], ttlMinutes: 30 }),
  );
  return { userId, order };
}

/** A refund the platform refused: failed, waiting for finance to retry it. */
async function failedRefund(): Promise<string> {
  const { userId, order } = await paidOrder();
  await h.db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: SUITE_PROVIDER, providerTradeNo: `T${uniq()}`, amountFen: order.amountFen, source: 'notify' }));
  const refund = await h.db.transaction((tx) => requestRefund(tx, { orderId: order.id, userId, scope: `suite:${uniq()}` }));
  refuseOnce.add(refund.idempotencyKey);
  expect(await processRefund(h.db, refund.id)).toMatchObject({ status: 'failed' });
  return refund.id;
}

/** A payment that came after its order was cancelled and could not be settled (another order of the subject is live): finance returns it. */
async function unsettledLatePayment(): Promise<string> {
  const subjectId = uniq();
  const { userId, order } = await paidOrder({ subjectId });
  await h.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, order.id));
  await h.db.transaction((tx) => createOrder(tx, { userId, subjectType: 'unauthorized_suite', subjectId, title: '测试费用', items: [{ name: '费用', amountFen: 10000 }], ttlMinutes: 30 }));
  const r = await h.db.transaction((tx) => markPaid(tx, { orderId: order.id, provider: SUITE_PROVIDER, providerTradeNo: `T${uniq()}`, amountFen: order.amountFen, source: 'notify' }));
  expect(r).toMatchObject({ created: true, settled: false, late: true });
  return order.id;
}

/** An unpaid order of the target organization's main account (the payer of the bank-transfer cases). */
async function targetOrgOrder() {
  return h.db.transaction((tx) => createOrder(tx, { userId: fx.ids.targetOrgMain.userId, subjectType: 'unauthorized_suite', subjectId: uniq(), title: '入会会费', items: [{ name: '会费', amountFen: 200000 }], ttlMinutes: 60 }));
}

/** The target organization's transfer screenshot: a real upload (grant, PUT, content check) to its bank-transfer slot. */
async function targetOrgScreenshot(): Promise<string> {
  const bytes = await photoSource();
  const who = await actor('targetOrgMain');
  const grant = await requestUpload(h.db, await getStorage(), who, { slot: BANK_TRANSFER_SLOT, fileName: '转账截图.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  return (await completeUpload(h.db, await getStorage(), who, { ticket: grant.ticket })).id;
}

/** A bank transfer of the target organization waiting for finance. */
async function waitingTransfer(): Promise<string> {
  const order = await targetOrgOrder();
  const who = (await actor('targetOrgMain')) as Applicant;
  await submitBankTransfer(h.db, who, { orderId: order.id, documentId: await targetOrgScreenshot(), mobile: '13812345678' });
  const [t] = await h.db.select({ id: bankTransfers.id }).from(bankTransfers).where(and(eq(bankTransfers.orderId, order.id), eq(bankTransfers.status, 'submitted')));
  return t.id;
}

/** Exam set-up targets (written directly): a draft exam far ahead, with a session, a subject and an area unless `bare`; or published; or published with registration closed. */
async function setupExam(opts: { bare?: boolean; status?: 'draft' | 'published'; closed?: boolean } = {}) {
  const now = Date.now();
  const [exam] = await h.db
    .insert(exams)
    .values({
      name: `考试设置${uniq()}`,
      periodStart: '2031-06-10',
      periodEnd: '2031-06-11',
      registrationOpensAt: opts.closed ? new Date(now - 20 * DAY_MS) : new Date('2031-04-01T01:00:00Z'),
      registrationClosesAt: opts.closed ? new Date(now - DAY_MS) : new Date('2031-05-20T09:00:00Z'),
      notice: '考生须知。',
      status: opts.status ?? 'draft',
    })
    .returning();
  if (opts.bare) return { examId: exam.id, sessionId: '', subjectId: '', areaId: '' };
  const [session] = await h.db.insert(examSessions).values({ examId: exam.id, name: '上午场', startsAt: new Date('2031-06-10T01:00:00Z'), endsAt: new Date('2031-06-10T03:00:00Z') }).returning();
  const [subject] = await h.db.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: 'A01', name: '认证通用基础', feeFen: 20000 }).returning();
  const [area] = await h.db.insert(examAreas).values({ examId: exam.id, name: '北京', regionCode: '110100', capacity: 500 }).returning();
  return { examId: exam.id, sessionId: session.id, subjectId: subject.id, areaId: area.id };
}

/** The exam set-up form as the browser sends it (Beijing datetime-local strings, yuan as typed). */
const examFields = (over: Record<string, string> = {}) => ({
  name: `新建考试${uniq()}`,
  periodStart: '2031-06-10',
  periodEnd: '2031-06-11',
  registrationOpensAt: '2031-04-01T09:00',
  registrationClosesAt: '2031-05-20T17:00',
  refundOpensAt: '',
  refundClosesAt: '',
  areaChangeOpensAt: '',
  areaChangeClosesAt: '',
  notice: '一、考生须知。',
  orderTtlMinutes: '30',
  ...over,
});

// ---------------------------------------------------------------------------
// Coverage table
// ---------------------------------------------------------------------------

type Extra = {
  actor: ActorKey;
  code: Refusal;
  why: string;
  input: () => Promise<unknown>;
  /** An actor whose identical call then succeeds and changes the database: the refusal was about the actor, not the target. */
  control?: ActorKey;
};
type Check = (data: unknown) => void | Promise<void>;
type Coverage = {
  /** The access the action must declare (a loosened access fails here first). */
  access: Access;
  /** A valid input aimed at an object that none of the refused actors owns. Built once; refusals must leave it usable. */
  input: () => Promise<unknown>;
  /** Who must be refused, and how. NOT_FOUND only where the handler scopes by object (the gate lets the actor through). */
  refused: Partial<Record<ActorKey, Refusal>>;
  /**
   * Who the action accepts but confines to their own objects (the gate lets them
   * through and the query does not reach the target): the call succeeds, changes
   * nothing, and `check` proves the answer does not carry the target.
   */
  scoped?: { actors: ActorKey[]; why: string; check: Check };
  /** Who the gate lets through; with `refused` and `scoped`, every actor is classified. */
  allowed: ActorKey[];
  /** The allowed actor whose identical call must succeed and change the database. */
  probe: ActorKey;
  /**
   * For a read: the probe's call changes nothing, and `check` proves it answered
   * with the target (so the refusals above withheld something real).
   */
  readOnly?: { check: Check };
  /** Further refusals with their own input: self-escalation, objects outside the actor's reach. */
  extra?: Extra[];
  /**
   * Work the probe's call leaves running after it returns (a refund paid to
   * the provider after the commit): awaited at the end of the probe's test,
   * so it cannot land inside a later test's fingerprint.
   */
  settle?: (data: unknown) => Promise<void>;
};

const SIGNED_OUT = { anonymous: 'UNAUTHENTICATED', revokedSession: 'UNAUTHENTICATED', disabledAdmin: 'UNAUTHENTICATED' } as const;
const SIGNED_IN: ActorKey[] = ACTOR_KEYS.filter((k) => !(k in SIGNED_OUT));
const forbidden = (...keys: ActorKey[]) => Object.fromEntries(keys.map((k) => [k, 'FORBIDDEN'])) as Partial<Record<ActorKey, Refusal>>;
const notFound = (...keys: ActorKey[]) => Object.fromEntries(keys.map((k) => [k, 'NOT_FOUND'])) as Partial<Record<ActorKey, Refusal>>;
const APPLICANTS: ActorKey[] = ['individual', 'targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules'];
const NON_ADMIN_STAFF: ActorKey[] = ['staffFinance', 'staffNonAdmin', 'reviewerAccreditation', 'reviewerExam'];
const STAFF: ActorKey[] = [...NON_ADMIN_STAFF, 'staffAdmin'];
/** Staff who may act on module A: admins and module-A reviewers (staffNonAdmin reviews every module). */
const MODULE_A_STAFF: ActorKey[] = ['staffNonAdmin', 'reviewerAccreditation', 'staffAdmin'];
const extras = (keys: ActorKey[], x: Omit<Extra, 'actor'>): Extra[] => keys.map((k) => ({ ...x, actor: k }));

const SELF_SERVICE: Omit<Coverage, 'input' | 'probe'> = { access: { kind: 'signedIn' }, refused: { ...SIGNED_OUT }, allowed: SIGNED_IN };

const SUB_ACCOUNT_SCOPED: Omit<Coverage, 'input' | 'extra'> = {
  access: { kind: 'applicant', orgMainOnly: true },
  refused: {
    ...SIGNED_OUT,
    ...forbidden('individual', 'subNoModules', 'subAllModules', ...STAFF),
    // Scoped by object: the gate admits any main account, the query only finds sub-accounts of the caller's organization.
    otherOrgMain: 'NOT_FOUND',
  },
  allowed: ['targetOrgMain'],
  probe: 'targetOrgMain',
};
/** A main account cannot reach its own main account (or anyone outside its organization) through the sub-account actions. */
const ownMainAccount = (input: (id: string) => unknown): Extra => ({
  actor: 'targetOrgMain',
  code: 'NOT_FOUND',
  why: 'a main account targeting itself (sub-account actions only reach non-main accounts)',
  input: async () => input(fx.ids.targetOrgMain.userId),
});

const ADMIN_ONLY: Omit<Coverage, 'input' | 'extra'> = {
  access: { kind: 'staff', roles: ['admin'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, ...NON_ADMIN_STAFF) },
  allowed: ['staffAdmin'],
  probe: 'staffAdmin',
};
/** Staff actions are scoped to staff rows: an admin cannot reach an applicant's account through them. */
const applicantTarget = (input: (id: string) => unknown): Extra => ({
  actor: 'staffAdmin',
  code: 'NOT_FOUND',
  why: "an admin targeting an organization's main account (staff actions only reach staff rows)",
  input: async () => input(fx.ids.otherOrgMain.userId),
});

/**
 * The documents actions on a file slot of the target organization's draft: the
 * gate admits applicants only; the write target is resolved in a query scoped
 * to the caller's own / organization's applications, with the module granted.
 */
/**
 * The document actions admit every signed-in account at the gate since staff
 * may write the slots a kind gives their role (module E's on-site materials);
 * for any other slot the handler refuses staff with FORBIDDEN, as before.
 */
const STAFF_WRITABLE_FILES: Omit<Coverage, 'input' | 'probe'> = {
  access: { kind: 'signedIn' },
  refused: {
    ...SIGNED_OUT,
    ...forbidden(...STAFF),
    ...notFound('individual', 'otherOrgMain', 'subNoModules'),
  },
  allowed: ['targetOrgMain', 'subAllModules'],
};

const APPLICATION_FILES: Omit<Coverage, 'input' | 'probe'> = {
  access: { kind: 'applicant' },
  refused: {
    ...SIGNED_OUT,
    ...forbidden(...STAFF),
    // Scoped by object: not their application, or (subNoModules) their organization's but in a module not granted.
    ...notFound('individual', 'otherOrgMain', 'subNoModules'),
  },
  allowed: ['targetOrgMain', 'subAllModules'],
};

/**
 * Publishing: the gate admits admins, reviewers and review planners of any
 * module; which notice they may touch is decided by module in the query. A
 * module-A notice is another module's to an exam reviewer: FORBIDDEN (staff
 * may know a notice exists, it is or will be on the public site).
 */
const PUBLISHING: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer', 'review_planner'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerExam') },
  allowed: MODULE_A_STAFF,
  probe: 'reviewerAccreditation',
};
/** A module reviewer reaching a platform-wide notice (admins only). */
const platformNotice = (input: (id: string) => unknown, published = false): Extra => ({
  actor: 'reviewerAccreditation',
  code: 'FORBIDDEN',
  why: 'a module-A reviewer on a platform-wide notice (admins only)',
  input: async () => input(await notice({ module: '', published })),
  control: 'staffAdmin',
});

/** Module A's registry and settings: admins and module-A reviewers. */
const MODULE_A_KEEPERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer'], module: 'accreditation' },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerExam') },
  allowed: MODULE_A_STAFF,
  probe: 'reviewerAccreditation',
};

/** Module B's settings (dues per grade, membership term): admins and module-B reviewers (staffNonAdmin reviews every module). */
const MODULE_B_KEEPERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer'], module: 'membership' },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
  allowed: ['staffNonAdmin', 'staffAdmin'],
  probe: 'staffNonAdmin',
};

/** Module D's candidate steps and photo: individuals only (the module's audience); organizations and staff are refused by the gate. */
const EXAM_CANDIDATE: Omit<Coverage, 'input'> = {
  access: { kind: 'applicant', module: 'exam' },
  refused: { ...SIGNED_OUT, ...forbidden('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', ...STAFF) },
  allowed: ['individual'],
  probe: 'individual',
};
/** The individual aiming at another candidate's registration: "not found" (its existence is not revealed). */
const anotherCandidates = (what: string, input: () => Promise<unknown>): Extra => ({ actor: 'individual', code: 'NOT_FOUND', why: `${what} another candidate's registration`, input });

/** Exam set-up: exam administrators and admins (staffNonAdmin holds exam_admin). */
const EXAM_ADMINS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['exam_admin', 'admin'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
  allowed: ['staffNonAdmin', 'staffAdmin'],
  probe: 'staffNonAdmin',
};

/** Staff holding the finance role (staffNonAdmin holds every role but admin). */
const FINANCE_STAFF: ActorKey[] = ['staffFinance', 'staffNonAdmin'];
/** Returning money: finance only (not even admins). */
const FINANCE_ONLY: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['finance'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'reviewerAccreditation', 'reviewerExam', 'staffAdmin') },
  allowed: FINANCE_STAFF,
  probe: 'staffFinance',
};

/*
 * Certificates (lib/platform/certificates): the gate admits admins, reviewers
 * and issuing authorities; the lookup is scoped to the modules their grant
 * covers, so a module-D reviewer gets NOT_FOUND for a module-A certificate.
 */
const CERT_TYPE = registerCertificateType({ type: 'test.unauthorized', module: 'accreditation', labelKey: 'certificates.genericType', prefix: 'TU', validityMonths: 36 });
const OTHER_CERT_TYPE = registerCertificateType({ type: 'test.unauthorized.membership', module: 'membership', labelKey: 'certificates.genericType', prefix: 'TV', validityMonths: 36 });
/** A valid certificate of the target organization (module A unless said otherwise). */
async function targetCertificate(type = CERT_TYPE.type): Promise<string> {
  const c = await issueCertificate(h.db, SYSTEM, { type, holderOrgId: fx.targetOrgId, holderUserId: fx.ids.targetOrgMain.userId, holderName: '目标认可机构', subject: { level: '甲级' } });
  return c.id;
}
const CERTIFICATE_MANAGERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer', 'issuing_authority'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance'), reviewerExam: 'NOT_FOUND' },
  allowed: MODULE_A_STAFF,
  probe: 'reviewerAccreditation',
};
const anotherModulesCertificate = (input: (id: string) => unknown): Extra => ({
  actor: 'reviewerAccreditation',
  code: 'NOT_FOUND',
  why: "a module-A reviewer on another module's certificate",
  input: async () => input(await targetCertificate(OTHER_CERT_TYPE.type)),
  control: 'staffAdmin',
});

/** The notification the bell test aims at (set when its input is built). */
let bellTarget = 0;

const COVERAGE: Record<string, Coverage> = {
  // --- self-service (account settings, password): keyed by the actor's own id, never by input
  updateProfileDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ name: '改名测试', contactName: '篡改', address: '篡改地址' }) },
  requestMobileCodeDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ newMobile: randomMobile(), captcha: captcha() }) },
  changeMobileDef: {
    ...SELF_SERVICE,
    probe: 'individual',
    // A real code sent to a new number for the probe's own account, so the input is valid in every respect.
    input: async () => {
      const newMobile = randomMobile();
      await sendSmsCode(h.db, { mobile: newMobile, purpose: 'change_mobile', subject: fx.ids.individual.userId }, { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 });
      const [row] = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${newMobile}`);
      return { newMobile, smsCode: (row.payload as { params: { code: string } }).params.code };
    },
  },
  requestEmailChangeDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ newEmail: `new_${uniq()}@example.com` }) },
  changePasswordDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ oldPassword: 'Passw0rd', newPassword: 'N3wPassw0rd', confirmPassword: 'N3wPassw0rd' }) },

  // --- sub-accounts: organization main accounts only, each scoped to its own organization
  createSubAccountDef: {
    access: { kind: 'applicant', orgMainOnly: true },
    refused: { ...SIGNED_OUT, ...forbidden('individual', 'subNoModules', 'subAllModules', ...STAFF) },
    // Another main account may create sub-accounts, in its own organization only (checked in "inputs cannot redirect" below).
    allowed: ['targetOrgMain', 'otherOrgMain'],
    probe: 'targetOrgMain',
    input: async () => ({ name: '新子账户', username: `sub_${uniq()}`, password: 'Init1234', modules: ['review'] }),
  },
  setSubAccountModulesDef: {
    ...SUB_ACCOUNT_SCOPED,
    input: async () => ({ id: await freshSub(), modules: [...ORG_MODULE_KEYS] }),
    extra: [
      ownMainAccount((id) => ({ id, modules: [] })),
      { actor: 'subNoModules', code: 'FORBIDDEN', why: 'a sub-account granting itself every module', input: async () => ({ id: fx.ids.subNoModules.userId, modules: [...ORG_MODULE_KEYS] }) },
    ],
  },
  setSubAccountStatusDef: {
    ...SUB_ACCOUNT_SCOPED,
    input: async () => ({ id: await freshSub(), status: 'disabled' }),
    extra: [ownMainAccount((id) => ({ id, status: 'disabled' }))],
  },
  deleteSubAccountDef: {
    ...SUB_ACCOUNT_SCOPED,
    input: async () => ({ id: await freshSub() }),
    extra: [ownMainAccount((id) => ({ id }))],
  },

  // --- staff administration: admins only
  createStaffDef: { ...ADMIN_ONLY, input: async () => ({ name: '新同事', username: `staff_${uniq()}`, roles: [{ role: 'admin', module: '*' }] }) },
  setStaffRolesDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff(), roles: [{ role: 'admin', module: '*' }] }),
    extra: [
      applicantTarget((id) => ({ id, roles: [{ role: 'admin', module: '*' }] })),
      { actor: 'staffFinance', code: 'FORBIDDEN', why: 'a finance member granting itself admin', input: async () => ({ id: fx.ids.staffFinance.userId, roles: [{ role: 'admin', module: '*' }] }) },
    ],
  },
  setStaffStatusDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff(), status: 'disabled' }),
    extra: [
      applicantTarget((id) => ({ id, status: 'disabled' })),
      { actor: 'staffNonAdmin', code: 'FORBIDDEN', why: 'a non-admin disabling an admin', input: async () => ({ id: fx.ids.staffAdmin.userId, status: 'disabled' }) },
    ],
  },
  resetStaffPasswordDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff() }),
    extra: [
      applicantTarget((id) => ({ id })),
      { actor: 'staffNonAdmin', code: 'FORBIDDEN', why: "a non-admin resetting an admin's password", input: async () => ({ id: fx.ids.staffAdmin.userId }) },
    ],
  },
  importLegacyDef: {
    ...ADMIN_ONLY,
    input: async () => ({
      fileName: 'legacy.csv',
      contentBase64: Buffer.from(`账号,密码,单位名称,统一社会信用代码,联系人,联系电话,所在地区代码\nold_${uniq()},Init1234,老系统测试单位,,,,\n`).toString('base64'),
    }),
  },

  // --- workflow: the engine decides per transition (applicant / staff role of the module / system)
  fireTransitionDef: {
    access: { kind: 'signedIn' },
    // The applicant's own transition: submitting the target organization's draft.
    input: async () => ({ applicationId: await targetDraft(), event: 'submit', data: FIELD_CHANGE_FORM }),
    refused: {
      ...SIGNED_OUT,
      // An applicant transition on someone else's application: "not found" (existence is not revealed), staff included.
      ...notFound('individual', 'otherOrgMain', 'subNoModules', ...STAFF),
    },
    allowed: ['targetOrgMain', 'subAllModules'],
    probe: 'targetOrgMain',
    extra: [
      // A staff transition (return, opinion required) on the target's submitted application: the role of module A or nothing.
      ...extras(['individual', 'targetOrgMain', 'otherOrgMain', 'subAllModules', 'staffFinance'], {
        code: 'FORBIDDEN',
        why: 'a reviewer-only transition (return) fired by someone without the module-A reviewer role',
        input: async () => ({ applicationId: await targetSubmitted(), event: 'return', opinion: '请补充材料' }),
      }),
      {
        actor: 'reviewerExam',
        code: 'FORBIDDEN',
        why: 'a reviewer of another module returning a module-A application',
        input: async () => ({ applicationId: await targetSubmitted(), event: 'return', opinion: '请补充材料' }),
        control: 'reviewerAccreditation',
      },
      // Approving a verified pre-application creates an institution account: module-A reviewers and admins only.
      ...extras(['targetOrgMain', 'staffFinance'], {
        code: 'FORBIDDEN',
        why: 'approving a verified pre-application without the module-A reviewer role',
        input: async () => ({ applicationId: await verifiedPreApplication(), event: 'approve' }),
      }),
      {
        actor: 'reviewerExam',
        code: 'FORBIDDEN',
        why: 'a reviewer of another module approving a pre-application (which creates an account)',
        input: async () => ({ applicationId: await verifiedPreApplication(), event: 'approve' }),
        control: 'reviewerAccreditation',
      },
      // The email-link verification is a system transition: nobody fires it through the action.
      ...extras(['staffAdmin', 'reviewerAccreditation'], {
        code: 'FORBIDDEN',
        why: 'firing the system-only verify transition of a pre-application',
        input: async () => ({ applicationId: (await unverifiedPreApplication()).id, event: 'verify' }),
      }),
      // The applicant's withdraw on the target's submitted application, by anyone else.
      ...extras(['otherOrgMain', 'subNoModules', 'staffAdmin'], {
        code: 'NOT_FOUND',
        why: "withdrawing the target organization's submitted application",
        input: async () => ({ applicationId: await targetSubmitted(), event: 'withdraw' }),
      }),
    ],
  },
  createApplicationDef: {
    access: { kind: 'applicant' },
    input: async () => ({ kind: FIELD_CHANGE, data: { businessFields: {} }, mode: 'draft' }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...STAFF),
      // The gate admits any applicant; the engine then requires the kind's module (organization audience, granted to a sub-account).
      ...forbidden('individual', 'subNoModules'),
    },
    allowed: ['targetOrgMain', 'otherOrgMain', 'subAllModules'],
    probe: 'targetOrgMain',
    extra: [
      { actor: 'subNoModules', code: 'FORBIDDEN', why: 'create-and-submit in a module the sub-account was not granted', input: async () => ({ kind: FIELD_CHANGE, data: FIELD_CHANGE_FORM, mode: 'submit' }), control: 'targetOrgMain' },
      { actor: 'targetOrgMain', code: 'NOT_FOUND', why: 'starting a public-only kind (pre-application) through the applicant action', input: async () => ({ kind: PRE_APPLICATION, data: {}, mode: 'draft' }) },
    ],
  },
  saveDraftDef: {
    access: { kind: 'applicant' },
    input: async () => ({ applicationId: await targetDraft(), data: { ...FIELD_CHANGE_FORM, reason: '篡改' } }),
    // Scoped by object: the applicant (or its organization, with the module) only.
    refused: { ...SIGNED_OUT, ...forbidden(...STAFF), ...notFound('individual', 'otherOrgMain', 'subNoModules') },
    allowed: ['targetOrgMain', 'subAllModules'],
    probe: 'targetOrgMain',
    extra: [{ actor: 'targetOrgMain', code: 'NOT_FOUND', why: 'overwriting the form of a pre-application (no applicant account)', input: async () => ({ applicationId: await verifiedPreApplication(), data: {} }) }],
  },
  assignApplicationDef: {
    access: { kind: 'staff', roles: 'any' },
    input: async () => ({ applicationId: await targetSubmitted() }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...APPLICANTS),
      // Scoped by object: staff only reach the kinds of their roles in their modules.
      ...notFound('staffFinance', 'reviewerExam'),
    },
    allowed: MODULE_A_STAFF,
    probe: 'reviewerAccreditation',
    extra: [
      { actor: 'reviewerAccreditation', code: 'NOT_FOUND', why: 'claiming a draft (hidden from staff)', input: async () => ({ applicationId: await targetDraft() }) },
      { actor: 'reviewerAccreditation', code: 'NOT_FOUND', why: 'claiming an unverified pre-application (hidden from staff)', input: async () => ({ applicationId: (await unverifiedPreApplication()).id }) },
      {
        actor: 'reviewerExam',
        code: 'NOT_FOUND',
        why: 'assigning a module-A application to oneself by id, from another module',
        input: async () => ({ applicationId: await targetSubmitted(), assigneeId: fx.ids.reviewerExam.userId }),
      },
      {
        actor: 'staffFinance',
        code: 'NOT_FOUND',
        why: "releasing a module-A reviewer's claim without a role in the kind",
        input: async () => {
          const id = await targetSubmitted();
          await h.db.update(applications).set({ assigneeId: fx.ids.reviewerAccreditation.userId }).where(eq(applications.id, id));
          return { applicationId: id, assigneeId: null };
        },
        control: 'staffAdmin',
      },
      // Assigning to someone else: only to an active staff member who may see the kind (see "inputs cannot redirect").
      ...(['otherOrgMain', 'reviewerExam', 'staffFinance', 'disabledAdmin'] as const).map(
        (assignee): Extra => ({
          actor: 'reviewerAccreditation',
          code: 'NOT_FOUND',
          why: `assigning a module-A application to ${assignee}, who cannot work it`,
          input: async () => ({ applicationId: await targetSubmitted(), assigneeId: fx.ids[assignee].userId }),
        }),
      ),
    ],
  },
  bulkClaimDef: {
    access: { kind: 'staff', roles: 'any' },
    input: async () => ({ ids: [await targetSubmitted()] }),
    refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS) },
    // A bulk action skips what the caller cannot claim instead of failing the batch.
    scoped: {
      actors: ['staffFinance', 'reviewerExam'],
      why: 'staff without a role in the kind: the row is skipped, not claimed',
      check: (d) => expect(d).toEqual({ claimed: 0, skipped: 1 }),
    },
    allowed: MODULE_A_STAFF,
    probe: 'reviewerAccreditation',
  },

  // --- documents: the target organization's files (application slots) and personal files
  requestUploadDef: {
    ...STAFF_WRITABLE_FILES,
    probe: 'targetOrgMain',
    input: async () => ({ ...appFile(await targetDraft()), fileName: '证明材料.pdf', size: PDF.byteLength, contentType: 'application/pdf' }),
    // Writes nothing until the upload completes: the grant must be real, so it is used to the end.
    readOnly: {
      check: async (d) => {
        const grant = d as { url: string; headers: Record<string, string>; ticket: string };
        expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
        const doc = await completeUpload(h.db, await getStorage(), await actor('targetOrgMain'), { ticket: grant.ticket });
        expect(doc).toMatchObject({ slot: APP_SLOT, status: 'current' });
      },
    },
    extra: [
      {
        actor: 'targetOrgMain',
        code: 'NOT_FOUND',
        why: "replacing another person's personal file from one's own personal slot",
        input: async () => ({ ...personalFile, replaceId: await uploadedDoc('individual', personalFile), fileName: '替换.pdf', size: PDF.byteLength, contentType: 'application/pdf' }),
      },
    ],
  },
  completeUploadDef: {
    access: { kind: 'signedIn' },
    probe: 'targetOrgMain',
    // The target organization's main account's ticket, its file already PUT to the store.
    input: async () => ({ ticket: await putFile('targetOrgMain', appFile(await targetDraft())) }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...STAFF),
      // The ticket is bound to the account that asked for it: nobody else completes it, not even a colleague of the same organization.
      ...forbidden('individual', 'otherOrgMain', 'subNoModules', 'subAllModules'),
    },
    allowed: ['targetOrgMain'],
  },
  deleteDocumentDef: {
    ...STAFF_WRITABLE_FILES,
    probe: 'targetOrgMain',
    input: async () => ({ id: await uploadedDoc('targetOrgMain', appFile(await targetDraft())) }),
    extra: extras(['targetOrgMain', 'subAllModules', 'otherOrgMain'], {
      code: 'NOT_FOUND',
      why: "deleting an individual's personal file",
      input: async () => ({ id: await uploadedDoc('individual', personalFile) }),
    }),
  },
  listSlotDocumentsDef: {
    ...STAFF_WRITABLE_FILES,
    probe: 'targetOrgMain',
    input: async () => {
      const applicationId = await targetDraft();
      await uploadedDoc('targetOrgMain', appFile(applicationId));
      return appFile(applicationId);
    },
    readOnly: { check: (d) => expect(d).toEqual([expect.objectContaining({ slot: APP_SLOT, fileName: '证明材料.pdf', status: 'current' })]) },
  },
  startPhoneUploadDef: {
    ...APPLICATION_FILES,
    probe: 'targetOrgMain',
    input: async () => appFile(await targetDraft()),
  },
  pollPhoneUploadDef: {
    access: { kind: 'applicant' },
    probe: 'targetOrgMain',
    input: async () => ({ id: (await startPhoneUpload(h.db, await actor('targetOrgMain'), appFile(await targetDraft()))).id }),
    // Scoped by object: only the account that started the phone upload sees it.
    refused: { ...SIGNED_OUT, ...forbidden(...STAFF), ...notFound('individual', 'otherOrgMain', 'subNoModules', 'subAllModules') },
    allowed: ['targetOrgMain'],
    readOnly: { check: (d) => expect(d).toMatchObject({ status: 'pending' }) },
  },

  // --- in-app notifications: every read and write is keyed by the actor's own id
  markNotificationsReadDef: {
    access: { kind: 'signedIn' },
    input: async () => ({ ids: [await targetNotification()] }),
    refused: { ...SIGNED_OUT },
    scoped: {
      actors: SIGNED_IN.filter((k) => k !== 'targetOrgMain'),
      why: "another user's notification id is silently not touched",
      check: (d) => expect(d).toMatchObject({ updated: 0 }),
    },
    allowed: ['targetOrgMain'],
    probe: 'targetOrgMain',
  },
  bellSnapshotDef: {
    access: { kind: 'signedIn' },
    input: async () => {
      bellTarget = await targetNotification();
      return {};
    },
    refused: { ...SIGNED_OUT },
    scoped: {
      actors: SIGNED_IN.filter((k) => k !== 'targetOrgMain'),
      why: "everyone's bell shows their own notifications only",
      check: (d) => expect((d as { items: Array<{ id: number }> }).items.map((i) => i.id)).not.toContain(bellTarget),
    },
    allowed: ['targetOrgMain'],
    probe: 'targetOrgMain',
    readOnly: { check: (d) => expect((d as { items: Array<{ id: number }> }).items.map((i) => i.id)).toContain(bellTarget) },
  },

  // --- publications: by module; platform-wide notices are the admins'
  createNoticeDef: {
    ...PUBLISHING,
    // The gate admits an exam reviewer; the module it publishes in must be one of its own.
    input: async () => noticeFields(),
    extra: [
      { actor: 'reviewerAccreditation', code: 'FORBIDDEN', why: 'a module reviewer publishing platform-wide', input: async () => noticeFields({ module: '' }), control: 'staffAdmin' },
      { actor: 'reviewerAccreditation', code: 'FORBIDDEN', why: 'a module-A reviewer publishing in module D', input: async () => noticeFields({ module: 'exam' }), control: 'reviewerExam' },
    ],
  },
  updateNoticeDef: {
    ...PUBLISHING,
    input: async () => ({ ...noticeFields({ title: '改后的标题' }), id: await notice() }),
    extra: [
      { actor: 'reviewerExam', code: 'FORBIDDEN', why: "an exam reviewer moving a module-A notice into its own module", input: async () => ({ ...noticeFields({ module: 'exam' }), id: await notice() }) },
      { actor: 'reviewerAccreditation', code: 'FORBIDDEN', why: 'a module-A reviewer making its notice platform-wide', input: async () => ({ ...noticeFields({ module: '' }), id: await notice() }), control: 'staffAdmin' },
      platformNotice((id) => ({ ...noticeFields({ module: '' }), id })),
    ],
  },
  publishNoticeDef: { ...PUBLISHING, input: async () => ({ id: await notice() }), extra: [platformNotice((id) => ({ id }))] },
  unpublishNoticeDef: { ...PUBLISHING, input: async () => ({ id: await notice({ published: true }) }), extra: [platformNotice((id) => ({ id }), true)] },
  deleteNoticeDef: {
    ...PUBLISHING,
    // With an attachment: a refusal must leave the stored file too.
    input: async () => ({ id: (await noticeWithAttachment()).id }),
    extra: [platformNotice((id) => ({ id }))],
  },
  removeAttachmentDef: {
    ...PUBLISHING,
    input: async () => {
      const n = await noticeWithAttachment();
      return { id: n.id, index: 0, name: n.name };
    },
    extra: [
      {
        actor: 'reviewerAccreditation',
        code: 'FORBIDDEN',
        why: "a module-A reviewer removing a platform-wide notice's attachment",
        input: async () => {
          const n = await noticeWithAttachment({ module: '' });
          return { id: n.id, index: 0, name: n.name };
        },
        control: 'staffAdmin',
      },
    ],
  },
  requestAttachmentUploadDef: {
    ...PUBLISHING,
    input: async () => ({ id: await notice(), fileName: '评审程序.pdf', size: PDF.byteLength, contentType: 'application/pdf' }),
    // Writes nothing until the upload completes: the grant must be real, so it is used to the end.
    readOnly: {
      check: async (d) => {
        const grant = d as { url: string; headers: Record<string, string>; ticket: string };
        expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
        expect(await completeAttachmentUpload(h.db, await getStorage(), await actor('reviewerAccreditation'), { ticket: grant.ticket })).toMatchObject({ index: 0, name: '评审程序.pdf' });
      },
    },
    extra: [platformNotice((id) => ({ id, fileName: '评审程序.pdf', size: PDF.byteLength, contentType: 'application/pdf' }))],
  },
  completeAttachmentUploadDef: {
    ...PUBLISHING,
    // A module-A reviewer's ticket, its file already PUT to the store.
    input: async () => ({ ticket: await putAttachment('reviewerAccreditation', await notice()) }),
    // The ticket is bound to the account that asked for it: nobody else completes it, an admin included.
    refused: { ...PUBLISHING.refused, ...forbidden('staffNonAdmin', 'staffAdmin') },
    allowed: ['reviewerAccreditation'],
  },

  // --- module A: the accredited-institution registry and the module's settings
  importInstitutionsDef: {
    ...MODULE_A_KEEPERS,
    input: async () => ({ fileName: 'registry.csv', contentBase64: registryCsv([[newCert(), `测试检测中心${uniq()}`, `lab_${uniq()}@example.com`]]).toString('base64') }),
  },
  changeInstitutionEmailDef: {
    ...MODULE_A_KEEPERS,
    input: async () => ({ id: await institution(), email: `changed_${uniq()}@example.com` }),
  },
  updateBusinessFieldsDef: {
    ...MODULE_A_KEEPERS,
    // The configured list plus one: the other targets keep working after the probe.
    input: async () => {
      const current = await getSetting<Array<{ key: string; label: string }>>(h.db, 'accreditation.businessFields');
      expect(current.map((f) => f.key)).toEqual(expect.arrayContaining(['laboratory', 'inspectionBody']));
      return { fields: [...current, { key: `field${seq++}`, label: '新增领域' }] };
    },
  },
  updatePreApplicationNotesDef: {
    ...MODULE_A_KEEPERS,
    input: async () => ({ notes: ['请如实填写机构信息。', `测试注意事项${uniq()}`] }),
  },

  // --- module B: its settings (the membership flow itself runs on the engine's actions, covered above)
  updateMembershipSettingsDef: {
    ...MODULE_B_KEEPERS,
    // A new term each time, so an allowed call changes the database.
    input: async () => ({ dues: { regular: '2000', council: '5000', executive: '10000', vicePresident: '20000' }, termMonths: String(13 + (seq++ % 100)) }),
  },

  // --- module D, the candidate's steps: individuals with module D only (organizations have no exam module), each scoped to their own registrations
  acceptExamNoticeDef: {
    ...EXAM_CANDIDATE,
    // Starts the caller's own registration: there is no one else's object to reach.
    input: async () => {
      await photoConfirmed(fx.ids.individual.userId);
      return { examId: (await openExam()).examId };
    },
  },
  saveInfoDef: {
    ...EXAM_CANDIDATE,
    input: async () => ({ registrationId: (await registration('info')).registrationId, info: CANDIDATE_INFO }),
    extra: [anotherCandidates('saving the registration info of', async () => ({ registrationId: (await registration('info', await otherCandidate())).registrationId, info: CANDIDATE_INFO }))],
  },
  chooseSubjectsDef: {
    ...EXAM_CANDIDATE,
    input: async () => {
      const r = await registration('subjects');
      return { registrationId: r.registrationId, subjectIds: [r.subjectId] };
    },
    extra: [
      anotherCandidates('choosing the subjects of', async () => {
        const r = await registration('subjects', await otherCandidate());
        return { registrationId: r.registrationId, subjectIds: [r.subjectId] };
      }),
    ],
  },
  chooseAreaDef: {
    ...EXAM_CANDIDATE,
    input: async () => {
      const r = await registration('area');
      return { registrationId: r.registrationId, areaId: r.areaIds[1] };
    },
    extra: [
      anotherCandidates('choosing the exam area of', async () => {
        const r = await registration('area', await otherCandidate());
        return { registrationId: r.registrationId, areaId: r.areaIds[1] };
      }),
    ],
  },
  placeOrderDef: {
    ...EXAM_CANDIDATE,
    input: async () => ({ registrationId: (await registration('area')).registrationId }),
    extra: [anotherCandidates('placing the order of', async () => ({ registrationId: (await registration('area', await otherCandidate())).registrationId }))],
  },
  changeAreaDef: {
    ...EXAM_CANDIDATE,
    input: async () => {
      const r = await registration('paid');
      return { registrationId: r.registrationId, areaId: r.areaIds[1] };
    },
    extra: [
      anotherCandidates('moving the seat of', async () => {
        const r = await registration('paid', await otherCandidate());
        return { registrationId: r.registrationId, areaId: r.areaIds[1] };
      }),
    ],
  },
  requestExamRefundDef: {
    ...EXAM_CANDIDATE,
    // The individual's one exam refund of the whole suite (one per person, ever).
    input: async () => ({ registrationId: (await registration('paid')).registrationId }),
    extra: [anotherCandidates('requesting the refund of', async () => ({ registrationId: (await registration('paid', await otherCandidate())).registrationId }))],
    settle: (d) => refundSettled((d as { refundId: string }).refundId),
  },

  // --- module D, the ID photo: keyed by the caller's own id; the upload ticket is bound to the account that asked for it
  requestPhotoUploadDef: {
    ...EXAM_CANDIDATE,
    input: async () => ({ fileName: '证件照.jpg', size: (await photoSource()).byteLength, contentType: 'image/jpeg' }),
    // Writes nothing until the upload completes: the grant must be real, so it is used to the end.
    readOnly: {
      check: async (d) => {
        const grant = d as { url: string; headers: Record<string, string>; ticket: string };
        expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(await photoSource()), headers: grant.headers })).status).toBe(200);
        expect(await uploadPhoto(h.db, await getStorage(), await actor('individual'), { ticket: grant.ticket })).toMatchObject({ background: 'blue', standard: { width: 215, height: 300 } });
      },
    },
  },
  uploadPhotoDef: {
    ...EXAM_CANDIDATE,
    // The individual's ticket, the source already PUT to the store.
    input: async () => ({ ticket: await putPhoto(fx.ids.individual.userId) }),
    extra: [{ actor: 'individual', code: 'FORBIDDEN', why: "completing another candidate's photo upload with its ticket", input: async () => ({ ticket: await putPhoto(await otherCandidate()) }) }],
  },
  confirmPhotoDef: {
    ...EXAM_CANDIDATE,
    // The individual's photo, not yet confirmed.
    input: async () => {
      await photoConfirmed(fx.ids.individual.userId);
      await h.db.update(candidatePhotos).set({ confirmedAt: null }).where(eq(candidatePhotos.userId, fx.ids.individual.userId));
      return {};
    },
  },

  // --- module D, exam set-up: exam administrators (staffNonAdmin holds the role) and admins
  createExamDef: { ...EXAM_ADMINS, input: async () => examFields() },
  updateExamDef: { ...EXAM_ADMINS, input: async () => ({ ...examFields({ name: `改名的考试${uniq()}` }), id: (await setupExam()).examId }) },
  deleteExamDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam({ bare: true })).examId }) },
  publishExamDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).examId }) },
  unpublishExamDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam({ status: 'published' })).examId }) },
  releaseTicketsDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam({ status: 'published', closed: true })).examId }) },
  addSessionDef: { ...EXAM_ADMINS, input: async () => ({ examId: (await setupExam()).examId, name: '第二场', startsAt: '2031-06-11T09:00', endsAt: '2031-06-11T11:00' }) },
  updateSessionDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).sessionId, name: '下午场', startsAt: '2031-06-10T14:00', endsAt: '2031-06-10T16:00' }) },
  deleteSessionDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).sessionId }) },
  addSubjectDef: { ...EXAM_ADMINS, input: async () => ({ sessionId: (await setupExam()).sessionId, code: 'B02', name: '审核知识', fee: '150' }) },
  updateSubjectDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).subjectId, code: 'A01', name: '认证通用基础（修订）', fee: '180.50' }) },
  deleteSubjectDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).subjectId }) },
  addAreaDef: { ...EXAM_ADMINS, input: async () => ({ examId: (await setupExam()).examId, name: '杭州', regionCode: '330100', capacity: '300' }) },
  updateAreaDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).areaId, name: '北京考区', regionCode: '110100', capacity: '600' }) },
  deleteAreaDef: { ...EXAM_ADMINS, input: async () => ({ id: (await setupExam()).areaId }) },

  // --- payments: an order is its owner's (finance and admins may cancel and query any); refunds of payments are finance's
  startPaymentDef: {
    access: { kind: 'signedIn' },
    input: async () => ({ orderId: (await registration('ordered')).orderId, returnUrl: '/portal/exam' }),
    // Scoped by object: only the payer goes to the cashier, not even finance on the payer's behalf.
    refused: { ...SIGNED_OUT, ...notFound('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', ...STAFF) },
    allowed: ['individual'],
    probe: 'individual',
  },
  confirmPaymentDef: {
    access: { kind: 'signedIn' },
    // Paid at the cashier, the notification not yet delivered: "支付完毕" asks the platform and settles it.
    input: async () => ({ orderId: (await registration('atCashier')).orderId }),
    refused: { ...SIGNED_OUT, ...notFound('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', 'reviewerAccreditation', 'reviewerExam') },
    allowed: ['individual', ...FINANCE_STAFF, 'staffAdmin'],
    probe: 'individual',
  },
  cancelOrderDef: {
    access: { kind: 'signedIn' },
    input: async () => ({ orderId: (await registration('ordered')).orderId }),
    refused: { ...SIGNED_OUT, ...notFound('targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules', 'reviewerAccreditation', 'reviewerExam') },
    allowed: ['individual', ...FINANCE_STAFF, 'staffAdmin'],
    probe: 'individual',
    extra: extras(['reviewerExam', 'otherOrgMain'], {
      code: 'NOT_FOUND',
      why: "cancelling another candidate's unpaid exam order",
      input: async () => ({ orderId: (await registration('ordered', await otherCandidate())).orderId }),
      control: 'staffFinance',
    }),
  },
  retryRefundDef: { ...FINANCE_ONLY, input: async () => ({ refundId: await failedRefund() }) },
  refundLatePaymentDef: { ...FINANCE_ONLY, input: async () => ({ orderId: await unsettledLatePayment() }) },

  // --- bank transfer: the payer submits for their own order only (not even finance on their behalf); finance confirms and returns
  submitBankTransferDef: {
    access: { kind: 'applicant' },
    input: async () => ({ orderId: (await targetOrgOrder()).id, documentId: await targetOrgScreenshot(), mobile: '13812345678' }),
    // Scoped by object: the order is looked up among the caller's own (a colleague's or the organization's is not theirs to pay).
    refused: { ...SIGNED_OUT, ...forbidden(...STAFF), ...notFound('individual', 'otherOrgMain', 'subNoModules', 'subAllModules') },
    allowed: ['targetOrgMain'],
    probe: 'targetOrgMain',
  },
  confirmBankTransferDef: { ...FINANCE_ONLY, input: async () => ({ transferId: await waitingTransfer() }) },
  rejectBankTransferDef: { ...FINANCE_ONLY, input: async () => ({ transferId: await waitingTransfer(), reason: '未查到该笔转账' }) },
  // --- certificates: staff of the certificate's module (admins always)
  voidCertificateDef: {
    ...CERTIFICATE_MANAGERS,
    input: async () => ({ certificateId: await targetCertificate(), reason: '发证依据被撤销' }),
    extra: [anotherModulesCertificate((certificateId) => ({ certificateId, reason: '发证依据被撤销' }))],
  },
  replaceCertificateDef: {
    ...CERTIFICATE_MANAGERS,
    input: async () => ({ certificateId: await targetCertificate(), reason: '证书遗失' }),
    extra: [anotherModulesCertificate((certificateId) => ({ certificateId }))],
  },
  renewCertificateDef: {
    ...CERTIFICATE_MANAGERS,
    input: async () => ({ certificateId: await targetCertificate() }),
    extra: [anotherModulesCertificate((certificateId) => ({ certificateId }))],
  },
};

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixtures();
});
afterAll(async () => {
  await h?.close();
  (await getStorage()).destroy();
  s3.destroy();
  await s3server.close();
});

describe('discovery', () => {
  it('finds the action definitions of every covered area', () => {
    // Guards the discovery itself: an empty or short list would make every other check vacuous.
    expect(discovered.length).toBeGreaterThanOrEqual(88);
    expect(misnamed, 'action definitions must be exported as *Def').toEqual([]);
    const names = discovered.map((d) => d.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), 'two actions share an export name').toEqual([]);
    // Each area named in this file's header is really walked.
    for (const area of [
      'lib/modules/account',
      'lib/modules/staff-admin',
      'lib/modules/accreditation',
      'lib/modules/membership',
      'lib/modules/publications',
      'lib/modules/exam/admin',
      'lib/modules/exam/photo',
      'lib/modules/exam/registration',
      'lib/platform/workflow',
      'lib/platform/documents',
      'lib/platform/notify',
      'lib/platform/notices',
      'lib/platform/payments',
      'lib/platform/certificates',
    ]) {
      expect(discovered.some((d) => d.file.startsWith(`${area}/`)), area).toBe(true);
    }
  });

  it('leaves out only the pending areas, which still exist (remove an entry once its area is covered)', () => {
    for (const a of PENDING_AREAS) expect(fs.existsSync(path.join(ROOT, a)), a).toBe(true);
    expect(discovered.filter((d) => PENDING_AREAS.some((a) => d.file.startsWith(`${a}/`)))).toEqual([]);
  });

  it('every non-public action has a coverage entry (add one to COVERAGE in this file)', () => {
    const missing = discovered.filter((d) => d.def.access.kind !== 'public' && !COVERAGE[d.name]).map((d) => `${d.name} (${d.file}, access ${JSON.stringify(d.def.access)})`);
    expect(missing).toEqual([]);
  });

  it('the public actions are exactly the expected ones', () => {
    expect(discovered.filter((d) => d.def.access.kind === 'public').map((d) => d.name).sort()).toEqual(PUBLIC_DEFS);
  });

  it('no coverage entry is stale', () => {
    const names = new Set(discovered.map((d) => d.name));
    expect(Object.keys(COVERAGE).filter((n) => !names.has(n))).toEqual([]);
  });

  it('every exported server action of the covered areas goes through the gate (bindAction of a discovered definition)', () => {
    const defNames = new Set(discovered.map((d) => d.name));
    const problems: string[] = [];
    let serverFiles = 0;
    for (const file of coveredFiles) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      if (!/^\s*['"]use server['"]/.test(text)) continue;
      serverFiles++;
      const exports = [...text.matchAll(/^export\s+(?:async\s+function|function|const|let)\s+(\w+)/gm)];
      if (/^export\s+(default|\{|\*)/m.test(text)) problems.push(`${file}: only named function exports are checked here`);
      exports.forEach((m, i) => {
        const body = text.slice(m.index, exports[i + 1]?.index ?? text.length);
        const bound = /bindAction\((\w+)\)/.exec(body)?.[1];
        if (!bound || !defNames.has(bound)) problems.push(`${file}#${m[1]} (${bound ? `binds ${bound}, not a discovered definition` : 'does not call bindAction'})`);
      });
    }
    expect(serverFiles).toBeGreaterThanOrEqual(70);
    expect(problems).toEqual([]);
  });

  it('the actions store files in this suite’s own object store', async () => {
    const storage = await getStorage();
    expect(storage.bucket).toBe(s3server.storage.bucket);
    await storage.put('probe/hello.txt', new TextEncoder().encode('hi'), 'text/plain');
    expect(await s3server.storage.get('probe/hello.txt')).toEqual(new TextEncoder().encode('hi'));
    await storage.delete('probe/hello.txt');
  });
});

describe('the actors are what they claim to be', () => {
  it('each fixture actor resolves through its session as intended', async () => {
    const a = Object.fromEntries(await Promise.all(ACTOR_KEYS.map(async (k) => [k, await resolve(k)()] as const))) as Record<ActorKey, Actor>;
    expect(a.anonymous.kind).toBe('anonymous');
    expect(a.revokedSession.kind).toBe('anonymous');
    expect(a.disabledAdmin.kind).toBe('anonymous');
    expect(a.individual.kind).toBe('individual');
    expect(a.targetOrgMain).toMatchObject({ kind: 'organization', isMain: true, orgId: fx.targetOrgId });
    expect(a.otherOrgMain).toMatchObject({ kind: 'organization', isMain: true, orgId: fx.otherOrgId });
    expect(fx.otherOrgId).not.toBe(fx.targetOrgId);
    expect(a.subNoModules).toMatchObject({ kind: 'organization', isMain: false, orgId: fx.targetOrgId, modules: [] });
    expect(a.subAllModules).toMatchObject({ kind: 'organization', isMain: false, orgId: fx.targetOrgId, modules: [...ORG_MODULE_KEYS] });
    expect(ORG_MODULE_KEYS).toContain('accreditation');
    expect(a.staffFinance).toMatchObject({ kind: 'staff', roles: [{ role: 'finance', module: '*' }] });
    expect(a.staffNonAdmin.kind === 'staff' && a.staffNonAdmin.roles.length).toBe(10);
    expect(a.staffNonAdmin.kind === 'staff' && a.staffNonAdmin.roles.some((r) => r.role === 'admin')).toBe(false);
    expect(a.reviewerAccreditation).toMatchObject({ kind: 'staff', roles: [{ role: 'reviewer', module: 'accreditation' }] });
    expect(a.reviewerExam).toMatchObject({ kind: 'staff', roles: [{ role: 'reviewer', module: 'exam' }] });
    expect(a.staffAdmin).toMatchObject({ kind: 'staff', roles: [{ role: 'admin', module: '*' }] });
  });
});

for (const [name, cov] of Object.entries(COVERAGE)) {
  describe(name, () => {
    const def = () => defNamed(name);
    let input: unknown;
    beforeAll(async () => {
      input = await cov.input();
    });

    it('declares the expected access, classifies every actor, and the sample input is valid', () => {
      expect(def().access).toEqual(cov.access);
      const refused = Object.keys(cov.refused) as ActorKey[];
      expect([...refused, ...(cov.scoped?.actors ?? []), ...cov.allowed].sort(), 'each actor is either refused, scoped or allowed, once').toEqual([...ACTOR_KEYS].sort());
      expect(cov.allowed).toContain(cov.probe);
      // The gate validates before it looks at the actor: an invalid sample would be refused for the wrong reason.
      const parsed = def().schema.safeParse(input);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });

    for (const [who, code] of Object.entries(cov.refused) as Array<[ActorKey, Refusal]>) {
      it(`refuses ${who} with ${code}, changing nothing`, async () => {
        if (code === 'NOT_FOUND') {
          // NOT_FOUND is only acceptable where the gate admits the actor and the handler scopes by object.
          expect(allows(def().access, await resolve(who)())).toBe(true);
        }
        await expectRefused(def(), who, input, code);
      });
    }

    for (const who of cov.scoped?.actors ?? []) {
      it(`confines ${who} to its own objects (${cov.scoped!.why}), changing nothing`, async () => {
        expect(allows(def().access, await resolve(who)())).toBe(true);
        const before = await fingerprint();
        const r = await call(def(), who, input);
        expect(r).toMatchObject({ ok: true });
        expect(changedTables(before, await fingerprint())).toEqual([]);
        await cov.scoped!.check((r as { data: unknown }).data);
      });
    }

    for (const x of cov.extra ?? []) {
      it(`refuses ${x.why} (${x.actor}, ${x.code}), changing nothing${x.control ? `; ${x.control} may` : ''}`, async () => {
        const extraInput = await x.input();
        expect(def().schema.safeParse(extraInput).success).toBe(true);
        if (x.code === 'NOT_FOUND') expect(allows(def().access, await resolve(x.actor)())).toBe(true);
        await expectRefused(def(), x.actor, extraInput, x.code);
        if (x.control) await expectAccepted(def(), x.control, extraInput, Boolean(cov.readOnly));
      });
    }

    it(`accepts the same input from ${cov.probe}, which ${cov.readOnly ? 'reads the target and changes nothing' : 'changes the database'}`, async () => {
      const before = await fingerprint();
      const r = await call(def(), cov.probe, input);
      expect(r).toMatchObject({ ok: true });
      if (cov.settle) await cov.settle((r as { data: unknown }).data);
      const changed = changedTables(before, await fingerprint());
      if (cov.readOnly) {
        expect(changed).toEqual([]);
        await cov.readOnly.check((r as { data: unknown }).data);
      } else {
        expect(changed).not.toEqual([]);
      }
    });
  });
}

describe('inputs cannot redirect an action to another account or organization', () => {
  it('ids smuggled into a profile update are ignored: only the caller changes', async () => {
    const [victimBefore] = await h.db.select().from(users).where(eq(users.id, fx.ids.otherOrgMain.userId));
    const r = await call(defNamed('updateProfileDef'), 'subAllModules', { name: '篡改', id: fx.ids.otherOrgMain.userId, userId: fx.ids.otherOrgMain.userId, orgId: fx.otherOrgId, contactName: '篡改' });
    expect(r).toMatchObject({ ok: true });
    const [victimAfter] = await h.db.select().from(users).where(eq(users.id, fx.ids.otherOrgMain.userId));
    expect(victimAfter).toEqual(victimBefore);
    const [self] = await h.db.select().from(users).where(eq(users.id, fx.ids.subAllModules.userId));
    expect(self.name).toBe('篡改');
  });

  it("a sub-account is created in the caller's own organization, whatever orgId the input carries", async () => {
    const r = await call(defNamed('createSubAccountDef'), 'otherOrgMain', { name: '子账户', username: `sub_${uniq()}`, password: 'Init1234', modules: [], orgId: fx.targetOrgId });
    expect(r).toMatchObject({ ok: true });
    const [created] = await h.db.select().from(users).where(eq(users.id, (r as { data: { id: string } }).data.id));
    expect(created).toMatchObject({ orgId: fx.otherOrgId, isOrgMain: false });
  });

  it("an application is started for the caller's own organization, whatever owner the input carries", async () => {
    const r = await call(defNamed('createApplicationDef'), 'otherOrgMain', {
      kind: FIELD_CHANGE,
      data: { businessFields: {} },
      mode: 'draft',
      orgId: fx.targetOrgId,
      applicantUserId: fx.ids.targetOrgMain.userId,
    });
    expect(r).toMatchObject({ ok: true });
    const [app] = await h.db.select().from(applications).where(eq(applications.id, (r as { data: { id: string } }).data.id));
    expect(app).toMatchObject({ orgId: fx.otherOrgId, applicantUserId: fx.ids.otherOrgMain.userId });
  });

  it('an application is assigned only to a colleague who may work it', async () => {
    const id = await targetSubmitted();
    const r = await call(defNamed('assignApplicationDef'), 'reviewerAccreditation', { applicationId: id, assigneeId: fx.ids.staffNonAdmin.userId });
    expect(r).toMatchObject({ ok: true, data: { assigneeId: fx.ids.staffNonAdmin.userId } });
    // The refused assignees (an applicant, another module's reviewer, finance, a disabled admin) are extras of assignApplicationDef above.
  });

  it('a bulk claim takes only what the caller may see: drafts and unverified pre-applications are skipped', async () => {
    const hidden = [await targetDraft(), (await unverifiedPreApplication()).id];
    const visible = await targetSubmitted();
    const r = await call(defNamed('bulkClaimDef'), 'reviewerAccreditation', { ids: [...hidden, visible] });
    expect(r).toMatchObject({ ok: true, data: { claimed: 1, skipped: 2 } });
    const rows = await h.db.select({ id: applications.id, assigneeId: applications.assigneeId }).from(applications);
    const assignee = (id: string) => rows.find((x) => x.id === id)!.assigneeId;
    expect(assignee(visible)).toBe(fx.ids.reviewerAccreditation.userId);
    for (const id of hidden) expect(assignee(id)).toBeNull();
  });
});

describe('public actions that scope by object', () => {
  it('acceptNoticeDef: a serving shown to one user cannot be accepted by anyone else', async () => {
    const served = await call(defNamed('serveNoticeDef'), 'individual', { key: 'accreditation.login' });
    expect(served).toMatchObject({ ok: true });
    const servingId = (served as { data: { servingId: string } }).data.servingId;
    for (const who of ['anonymous', 'otherOrgMain', 'staffAdmin'] as const) await expectRefused(defNamed('acceptNoticeDef'), who, { servingId }, 'FORBIDDEN');
  });

  it("verifyPreApplicationDef: only the emailed verify token verifies; the view token, another purpose's, does not", async () => {
    const { id, email } = await unverifiedPreApplication();
    const [mail] = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${email}`);
    const text = (mail.payload as { text: string }).text;
    const view = /\/pre-application\/view\?token=([\w-]+)/.exec(text)![1];
    const verify = /\/pre-application\/verify\?token=([\w-]+)/.exec(text)![1];
    const before = await fingerprint();
    expect(await call(defNamed('verifyPreApplicationDef'), 'anonymous', { token: view })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(changedTables(before, await fingerprint())).toEqual([]);
    expect(await call(defNamed('verifyPreApplicationDef'), 'anonymous', { token: verify })).toMatchObject({ ok: true });
    const [app] = await h.db.select().from(applications).where(eq(applications.id, id));
    expect(app.status).toBe('pending');
  });

  it('requestInstitutionResetDef: a ticket not signed by this instance names no institution', async () => {
    const id = await institution();
    const payload = Buffer.from(JSON.stringify({ iid: id, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    const forged = `${payload}.${crypto.createHmac('sha256', 'another-secret-another-secret-0123456789').update(`institution-retrieve:${payload}`).digest('base64url')}`;
    const before = await fingerprint();
    expect(await call(defNamed('requestInstitutionResetDef'), 'anonymous', { ticket: forged })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Route handlers
// ---------------------------------------------------------------------------

/**
 * Route handlers are bound to the session with getServerSession (next/headers),
 * which needs Next's request scope, so a route file cannot be called as a plain
 * function here; the gate in front of every one (defineRoute → routeHandler) is
 * tested in route-handler.test.ts. Each guarded route names the domain function
 * that decides access; the route must call it (checked in its source), and that
 * function is tested with every actor below.
 */
const PUBLIC_ROUTES = [
  'app/api/auth/[...nextauth]/route.ts',
  'app/api/captcha/route.ts',
  'app/api/health/route.ts',
  // A payment platform's notification: its signature is the only credential (payments.test.ts covers forged, altered and repeated ones).
  'app/api/payments/notify/[provider]/route.ts',
  // The single-use token in the path is the credential (documents.test.ts covers used, expired and unknown links).
  'app/api/phone-upload/[token]/route.ts',
];
const GUARDED_ROUTES: Record<string, string> = {
  'app/staff/audit/export/route.ts': 'exportAudit(',
  'app/api/applications/[id]/pdf/route.ts': 'getApplicationFor(',
  'app/api/files/[id]/route.ts': 'authorizeDocumentRead(',
  'app/api/notices/[id]/attachments/[index]/route.ts': 'authorizeAttachmentRead(',
  'app/staff/queue/export/route.ts': 'queueExport(',
  'app/api/exam/photo/[kind]/route.ts': 'readPhoto(',
  'app/api/exam/registrations/[id]/ticket/route.ts': 'admissionTicketFor(',
  'app/api/payments/orders/[id]/receipt/route.ts': 'receiptFor(',
  'app/staff/exams/[id]/registrations/export/route.ts': 'exportRegistrations(',
  'app/staff/payments/export/route.ts': 'exportOrders(',
  'app/api/certificates/[id]/pdf/route.ts': 'certificatePdfFor(',
  'app/staff/certificates/export/route.ts': 'exportCertificates(',
  // Module E (issue 14): each guard is tested with every kind of actor in review.test.ts ('unauthorized access').
  'app/staff/review/projects/export/route.ts': 'projectExport(',
  'app/api/review/projects/[id]/letter/route.ts': 'letterPdfFor(',
  'app/api/review/projects/[id]/notice/route.ts': 'noticePdfFor(',
  'app/api/review/unit/license/route.ts': 'unitLicenseFor(',
};

/** Calls a domain guard as `who`: the refusal code, or 'ok' with the value. */
async function guard<T>(fn: (a: Actor) => Promise<T>, who: ActorKey): Promise<{ code: string; value?: T }> {
  try {
    return { code: 'ok', value: await fn(await resolve(who)()) };
  } catch (e) {
    expect(e, who).toBeInstanceOf(AppError);
    return { code: (e as AppError).code };
  }
}

/** Every actor's outcome of a guard, compared with the expected one in one assertion (so a failure lists them all). */
async function expectGuard(fn: (a: Actor) => Promise<unknown>, expected: Record<ActorKey, 'ok' | Refusal>) {
  const got: Record<string, string> = {};
  for (const who of ACTOR_KEYS) {
    const before = await fingerprint();
    got[who] = (await guard(fn, who)).code;
    // A read: neither the refusal nor the answer changes anything.
    expect(changedTables(before, await fingerprint()), who).toEqual([]);
  }
  expect(got).toEqual(expected);
}

const outcomes = (ok: ActorKey[], otherwise: Refusal = 'NOT_FOUND') => Object.fromEntries(ACTOR_KEYS.map((k) => [k, ok.includes(k) ? 'ok' : otherwise])) as Record<ActorKey, 'ok' | Refusal>;

describe('route handlers', () => {
  it('every route handler is classified as public or guarded', () => {
    const routes = walk('app').filter((f) => /\/route\.tsx?$/.test(f));
    const known = [...PUBLIC_ROUTES, ...Object.keys(GUARDED_ROUTES)];
    // Guards the guard: the known routes are where this check looks.
    expect(known.filter((f) => !routes.includes(f))).toEqual([]);
    expect(routes.filter((f) => !known.includes(f)), 'classify the new route handler in this file').toEqual([]);
  });

  it('each guarded route calls the domain function that decides access', () => {
    for (const [file, fn] of Object.entries(GUARDED_ROUTES)) expect(fs.readFileSync(path.join(ROOT, file), 'utf8'), file).toContain(fn);
  });

  it('the audit export (exportAudit) refuses everyone but admins and records nothing', async () => {
    const refused: Array<[ActorKey, Refusal]> = [
      ['anonymous', 'UNAUTHENTICATED'],
      ['revokedSession', 'UNAUTHENTICATED'],
      ['disabledAdmin', 'UNAUTHENTICATED'],
      ...[...APPLICANTS, ...NON_ADMIN_STAFF].map((k) => [k, 'FORBIDDEN'] as [ActorKey, Refusal]),
    ];
    for (const [who, code] of refused) {
      const before = await fingerprint();
      const err = await exportAudit(h.db, await resolve(who)(), {}, { ip: '10.66.0.1' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, who).toBeInstanceOf(AppError);
      expect((err as AppError).code, who).toBe(code);
      expect(changedTables(before, await fingerprint()), who).toEqual([]);
    }
    const before = await fingerprint();
    const ok = await exportAudit(h.db, await resolve('staffAdmin')(), {}, { ip: '10.66.0.1' });
    expect(ok.items.length).toBeGreaterThan(0);
    expect(changedTables(before, await fingerprint())).toContain('audit_log');
  });

  it("the application PDF (getApplicationFor): the applicant organization and module-A staff only; a draft is the applicant's alone", async () => {
    const submitted = await targetSubmitted();
    await expectGuard((a) => getApplicationFor(h.db, a, submitted), outcomes(['targetOrgMain', 'subAllModules', ...MODULE_A_STAFF]));
    const draft = await targetDraft();
    await expectGuard((a) => getApplicationFor(h.db, a, draft), outcomes(['targetOrgMain', 'subAllModules']));
    const preApplication = await verifiedPreApplication();
    await expectGuard((a) => getApplicationFor(h.db, a, preApplication), outcomes(MODULE_A_STAFF));
  });

  it('a file download (authorizeDocumentRead): application files by the read rule; personal files by their owner (and admins)', async () => {
    const appDoc = await uploadedDoc('targetOrgMain', appFile(await targetDraft()));
    // staffFinance and staffNonAdmin hold roles granted on every module ('*'), which the documented read rule extends to every module's application files.
    await expectGuard((a) => authorizeDocumentRead(h.db, a, appDoc), outcomes(['targetOrgMain', 'subAllModules', 'staffFinance', ...MODULE_A_STAFF]));
    const personal = await uploadedDoc('individual', personalFile);
    // Staff read personal files only of people with a submitted application in their modules; this individual has none.
    await expectGuard((a) => authorizeDocumentRead(h.db, a, personal), outcomes(['individual', 'staffAdmin']));
  });

  it("a notice attachment (authorizeAttachmentRead): a draft's for its module's publishers only, a published one's for everyone", async () => {
    const draft = await noticeWithAttachment();
    await expectGuard((a) => authorizeAttachmentRead(h.db, a, draft.id, '0'), outcomes(MODULE_A_STAFF));
    const published = await noticeWithAttachment({ published: true });
    await expectGuard((a) => authorizeAttachmentRead(h.db, a, published.id, '0'), outcomes([...ACTOR_KEYS]));
  });

  it("an ID photo (readPhoto): the candidate's own, and exam administrators and admins naming the candidate; 404 for anyone else", async () => {
    await storedPhoto();
    const storage = await getStorage();
    const mine = fx.ids.individual.userId;
    await expectGuard((a) => readPhoto(h.db, storage, a, { kind: 'standard', userId: mine }), outcomes(['individual', 'staffNonAdmin', 'staffAdmin']));
    // Another candidate's photo: the individual gets its own or nothing, never the other's.
    const other = await otherCandidate();
    await h.db.delete(candidatePhotos).where(eq(candidatePhotos.userId, other));
    await uploadPhoto(h.db, storage, await candidateActor(other), { ticket: await putPhoto(other) });
    await expectGuard((a) => readPhoto(h.db, storage, a, { kind: 'original', userId: other }), outcomes(['staffNonAdmin', 'staffAdmin']));
  });

  it("the admission ticket (admissionTicketFor): the paid candidate's own once released, and exam administrators and admins; 404 for anyone else", async () => {
    await storedPhoto();
    const storage = await getStorage();
    const r = await registration('paid');
    await h.db.update(exams).set({ ticketsReleasedAt: new Date() }).where(eq(exams.id, r.examId));
    await expectGuard((a) => admissionTicketFor(h.db, storage, a, r.registrationId), outcomes(['individual', 'staffNonAdmin', 'staffAdmin']));
    // Not released: nobody gets one.
    const unreleased = await registration('paid');
    await expectGuard((a) => admissionTicketFor(h.db, storage, a, unreleased.registrationId), outcomes([]));
  });

  it("an e-receipt (receiptFor): the payer's own, finance and admins; 404 for anyone else", async () => {
    const r = await registration('paid');
    await expectGuard((a) => receiptFor(h.db, a, r.orderId!), { ...outcomes(['individual', ...FINANCE_STAFF, 'staffAdmin']), ...SIGNED_OUT });
  });

  it("a certificate PDF (certificatePdfFor): its holder organization (main account, sub-account with the module) and the module's staff; 404 for anyone else", async () => {
    const id = await targetCertificate();
    const storage = await getStorage();
    await expectGuard((a) => certificatePdfFor(h.db, storage, a, id), { ...outcomes(['targetOrgMain', 'subAllModules', ...MODULE_A_STAFF]), ...SIGNED_OUT });
  });

  it("the certificates export (exportCertificates): staff with a certificate role, each within their modules; recorded in the audit log", async () => {
    const id = await targetCertificate();
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportCertificates(h.db, a, {}), who);
      got[who] = g.code;
      const changed = changedTables(before, await fingerprint());
      if (g.code === 'ok') {
        expect(g.value!.items.some((x) => x.id === id), who).toBe(who !== 'reviewerExam');
        expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
      } else expect(changed, who).toEqual([]);
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'reviewerAccreditation', 'reviewerExam', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  });

  it('the registrations export (exportRegistrations): exam administrators and admins only', async () => {
    const r = await registration('paid');
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportRegistrations(h.db, a, r.examId, registrationFilterFrom({}), 100), who);
      got[who] = g.code;
      if (g.code === 'ok') expect(g.value!.map((x) => x.id), who).toEqual([r.registrationId]);
      expect(changedTables(before, await fingerprint()), who).toEqual([]);
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  });

  it('the payments export (exportOrders): finance and admins only; refusals record nothing', async () => {
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportOrders(h.db, a, {}, { ip: '10.66.0.1' }), who);
      const allowed = [...FINANCE_STAFF, 'staffAdmin'].includes(who);
      expect(g.code, who).toBe(allowed ? 'ok' : who in SIGNED_OUT ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      // An export is recorded in the audit log; a refusal leaves no trace.
      expect(changedTables(before, await fingerprint()), who).toEqual(allowed ? ['audit_log', 'seq:audit_log_id_seq'] : []);
    }
  });

  it('the queue export (queueExport): module-A staff see the submitted application, never the draft; the route refuses anyone with no kind', async () => {
    const submitted = await targetSubmitted();
    const draft = await targetDraft();
    for (const who of ACTOR_KEYS) {
      const a = await resolve(who)();
      const ids = (await queueExport(h.db, a, {})).map((r) => r.id);
      expect(ids.includes(submitted), who).toBe(MODULE_A_STAFF.includes(who));
      expect(ids, who).not.toContain(draft);
      // The route answers FORBIDDEN (or UNAUTHENTICATED) to anyone who is not staff of some kind.
      expect(staffKinds(a).length > 0, who).toBe(MODULE_A_STAFF.includes(who));
    }
  });
});

function defNamed(name: string): AnyDef {
  const d = discovered.find((x) => x.name === name);
  if (!d) throw new Error(`${name} was not discovered`);
  return d.def;
}
