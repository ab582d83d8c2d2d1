import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { certificates, users, type Certificate } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { messagesFor } from '@/messages/catalog';
import { audit } from '../audit';
import type { Actor } from '../auth/actor';
import { AppError } from '../errors';
import { CERTIFICATE_PDF } from '../job-types';
import { enqueueJob } from '../jobs';
import { closeDeadline, setDeadline } from '../reminders';
import { canManageModule, manageScope } from './access';
import { nextCertificateNumber } from './numbers';
import { typeName } from './present';
import { findCertificateType, getCertificateType, type CertificateType } from './registry';

/**
 * The certificates registry's domain functions. Each is one transaction
 * (a savepoint inside the caller's), audited, and takes
 * `(db | tx, actor | SYSTEM, input)`: modules issue on approval inside their
 * transition's transaction as SYSTEM (or as the deciding staff member); staff
 * renew, replace and void through the actions in action-defs.ts.
 *
 * Lifecycle:
 * - issue: a new row 'valid', number from the type's pattern, a random QR token;
 * - renew: the SAME row (number and token kept, so a printed QR code keeps
 *   working and shows the new validity), `version` + 1 and a new PDF;
 * - replace (补发 / 换发 / 信息变更): a NEW row with a new number and token, the
 *   old one 'replaced' → replaced_by_id; the holder keeps exactly one valid;
 * - suspend (暂停): 'suspended' with a reason (a qualification whose annual
 *   review is overdue); reinstate: back to 'valid'. A suspended certificate
 *   is neither renewed, replaced nor voided until it is reinstated;
 * - void: 'void' with a reason.
 * Every state change is a conditional UPDATE … WHERE status = 'valid', so of
 * two concurrent changes to one certificate exactly one wins.
 */
export const SYSTEM = { kind: 'system' } as const;
export type SystemActor = typeof SYSTEM;
export type CertificateActor = Actor | SystemActor;

export type CertificateSubject = {
  /** e.g. 一级 / 高级 / 甲级 */
  level?: string;
  /** The scope as one text. */
  scope?: string;
  /** The items covered (categories, fields, projects). */
  items?: string[];
} & Record<string, unknown>;

export type IssueCertificateInput = {
  type: string;
  holderUserId?: string | null;
  holderOrgId?: string | null;
  holderName: string;
  subject?: CertificateSubject;
  applicationId?: string | null;
  issuedAt?: Date;
  /** Explicit end of validity; `null` = none; omitted = the type's `validityMonths` from `issuedAt` (if any). */
  validUntil?: Date | null;
  ip?: string | null;
};

const actorId = (a: CertificateActor) => (a.kind === 'system' || a.kind === 'anonymous' ? null : a.id);
const tx$ = <T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> => (db as Db).transaction(fn);

export function newCertificateToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  const day = out.getUTCDate();
  out.setUTCMonth(out.getUTCMonth() + months);
  // 31 Jan + 1 month → the last day of February, not 3 March.
  if (out.getUTCDate() !== day) out.setUTCDate(0);
  return out;
}

/** End of a China calendar day (YYYY-MM-DD). */
export function endOfChinaDay(day: string): Date {
  const d = new Date(`${day}T23:59:59.999+08:00`);
  if (Number.isNaN(d.getTime())) throw new AppError('BAD_INPUT', { fieldErrors: { validUntil: ['certificates.errors.validUntilRequired'] } });
  return d;
}

function assertIssuer(actor: CertificateActor, type: CertificateType) {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff' || !canManageModule(actor, type.module)) throw new AppError('FORBIDDEN');
}

/** The row a staff member (or the system) may change, locked for the transaction; NOT_FOUND outside their scope. */
async function managedRow(tx: DbOrTx, actor: CertificateActor, certificateId: string): Promise<Certificate> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'system' && actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const scope = actor.kind === 'system' ? undefined : manageScope(actor);
  const [row] = await tx.select().from(certificates).where(and(eq(certificates.id, certificateId), scope));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

const zh = () => createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN') });

/** Who gets the expiry reminders: the holder's account, or the organization's main account. */
async function reminderRecipient(tx: DbOrTx, row: Certificate): Promise<string | null> {
  if (row.holderUserId) return row.holderUserId;
  if (!row.holderOrgId) return null;
  const [main] = await tx.select({ id: users.id }).from(users).where(and(eq(users.orgId, row.holderOrgId), eq(users.isOrgMain, true)));
  return main?.id ?? null;
}

export const EXPIRY_PURPOSE = 'expiry';

async function scheduleExpiry(tx: DbOrTx, row: Certificate) {
  const userId = row.validUntil && row.status === 'valid' ? await reminderRecipient(tx, row) : null;
  if (!row.validUntil || !userId) {
    await closeDeadline(tx, { subjectType: 'certificate', subjectId: row.id });
    return;
  }
  await setDeadline(tx, {
    userId,
    subjectType: 'certificate',
    subjectId: row.id,
    purpose: EXPIRY_PURPOSE,
    module: row.module,
    title: zh()('certificates.reminder.title', { type: typeName(row.type), number: row.number }),
    link: '/portal/certificates',
    dueAt: row.validUntil,
    data: { number: row.number, type: row.type },
  });
}

/** The PDF of a row's current version is stored after commit (pdf.ts). */
async function enqueuePdf(tx: DbOrTx, row: Certificate) {
  await enqueueJob(tx, CERTIFICATE_PDF, { certificateId: row.id, version: row.version }, { dedupeKey: `certificate-pdf:${row.id}:v${row.version}` });
}

export async function issueCertificate(db: DbOrTx, actor: CertificateActor, input: IssueCertificateInput): Promise<Certificate> {
  const type = getCertificateType(input.type);
  assertIssuer(actor, type);
  const holderName = input.holderName?.trim();
  if (!holderName) throw new AppError('BAD_INPUT', { detail: 'issueCertificate: holderName is required' });
  if (!input.holderUserId && !input.holderOrgId) throw new AppError('BAD_INPUT', { detail: 'issueCertificate: a holder account or organization is required' });
  const issuedAt = input.issuedAt ?? new Date();
  const validUntil = input.validUntil !== undefined ? input.validUntil : type.validityMonths ? addMonths(issuedAt, type.validityMonths) : null;
  if (validUntil && validUntil.getTime() <= issuedAt.getTime()) throw new AppError('BAD_INPUT', { detail: 'issueCertificate: validUntil must be after issuedAt' });
  return tx$(db, async (tx) => {
    const [row] = await tx
      .insert(certificates)
      .values({
        type: type.type,
        module: type.module,
        number: await nextCertificateNumber(tx, type, issuedAt),
        token: newCertificateToken(),
        holderUserId: input.holderUserId ?? null,
        holderOrgId: input.holderOrgId ?? null,
        holderName,
        subject: input.subject ?? {},
        applicationId: input.applicationId ?? null,
        issuedAt,
        validUntil,
      })
      .returning();
    await scheduleExpiry(tx, row);
    await enqueuePdf(tx, row);
    await audit(tx, { action: 'certificate.issued', actorId: actorId(actor), targetType: 'certificate', targetId: row.id, ip: input.ip, detail: { number: row.number, type: row.type, module: row.module, applicationId: row.applicationId } });
    return row;
  });
}

export type RenewCertificateInput = { certificateId: string; validUntil?: Date; ip?: string | null };

/**
 * Extends a valid (possibly already expired) certificate. It keeps its number
 * and QR token — the paper in the holder's hands verifies with the new
 * validity — and gets `version` + 1, a new PDF and a moved expiry reminder.
 * Without an explicit date the type's validity runs from today or from the
 * current end, whichever is later.
 */
export async function renewCertificate(db: DbOrTx, actor: CertificateActor, input: RenewCertificateInput): Promise<Certificate> {
  return tx$(db, async (tx) => {
    const row = await managedRow(tx, actor, input.certificateId);
    if (row.status !== 'valid') throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.notValid' });
    const type = findCertificateType(row.type);
    const now = new Date();
    const base = row.validUntil && row.validUntil > now ? row.validUntil : now;
    const validUntil = input.validUntil ?? (type?.validityMonths ? addMonths(base, type.validityMonths) : null);
    if (!validUntil) throw new AppError('BAD_INPUT', { fieldErrors: { validUntil: ['certificates.errors.validUntilRequired'] } });
    if (validUntil <= now || (row.validUntil && validUntil <= row.validUntil)) throw new AppError('BAD_INPUT', { messageKey: 'certificates.errors.renewEarlier' });
    const [renewed] = await tx
      .update(certificates)
      .set({ validUntil, version: sql`${certificates.version} + 1`, renewedAt: now, updatedAt: now })
      .where(and(eq(certificates.id, row.id), eq(certificates.status, 'valid'), eq(certificates.version, row.version)))
      .returning();
    if (!renewed) throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.changedMeanwhile' });
    await scheduleExpiry(tx, renewed);
    await enqueuePdf(tx, renewed);
    await audit(tx, { action: 'certificate.renewed', actorId: actorId(actor), targetType: 'certificate', targetId: row.id, ip: input.ip, detail: { number: row.number, from: row.validUntil?.toISOString() ?? null, to: validUntil.toISOString(), version: renewed.version } });
    return renewed;
  });
}

export type ReplaceCertificateInput = {
  certificateId: string;
  reason?: string;
  /** Changed details (证书信息变更); omitted → the same holder name and subject (补发). */
  holderName?: string;
  subject?: CertificateSubject;
  ip?: string | null;
};

/**
 * Issues a new certificate in place of a valid one (lost, damaged, changed
 * details): new number and QR token, same holder, type, application and
 * validity; the old row becomes 'replaced' pointing at the new one. The old
 * row is claimed by a conditional UPDATE … WHERE status = 'valid', so of two
 * concurrent replacements one wins and the other rolls back (INVALID_STATE).
 */
export async function replaceCertificate(db: DbOrTx, actor: CertificateActor, input: ReplaceCertificateInput): Promise<{ replaced: Certificate; certificate: Certificate }> {
  return tx$(db, async (tx) => {
    const old = await managedRow(tx, actor, input.certificateId);
    if (old.status !== 'valid') throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.notValid' });
    const type = getCertificateType(old.type);
    const now = new Date();
    const [fresh] = await tx
      .insert(certificates)
      .values({
        type: old.type,
        module: old.module,
        number: await nextCertificateNumber(tx, type, now),
        token: newCertificateToken(),
        holderUserId: old.holderUserId,
        holderOrgId: old.holderOrgId,
        holderName: input.holderName?.trim() || old.holderName,
        subject: input.subject ?? old.subject,
        applicationId: old.applicationId,
        issuedAt: now,
        validUntil: old.validUntil,
      })
      .returning();
    const [replaced] = await tx
      .update(certificates)
      .set({ status: 'replaced', replacedById: fresh.id, updatedAt: now })
      .where(and(eq(certificates.id, old.id), eq(certificates.status, 'valid')))
      .returning();
    if (!replaced) throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.changedMeanwhile' });
    await closeDeadline(tx, { subjectType: 'certificate', subjectId: old.id });
    await scheduleExpiry(tx, fresh);
    await enqueuePdf(tx, fresh);
    await audit(tx, {
      action: 'certificate.replaced',
      actorId: actorId(actor),
      targetType: 'certificate',
      targetId: old.id,
      ip: input.ip,
      detail: { number: old.number, replacedBy: fresh.number, replacedById: fresh.id, reason: input.reason ?? null },
    });
    return { replaced, certificate: fresh };
  });
}

export type VoidCertificateInput = { certificateId: string; reason: string; ip?: string | null };

/** Voids a valid certificate (revoked, issued in error); the reason is required and shown to staff, not on the public page. */
export async function voidCertificate(db: DbOrTx, actor: CertificateActor, input: VoidCertificateInput): Promise<Certificate> {
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 2) throw new AppError('BAD_INPUT', { fieldErrors: { reason: ['certificates.errors.reasonRequired'] } });
  return tx$(db, async (tx) => {
    const row = await managedRow(tx, actor, input.certificateId);
    if (row.status !== 'valid') throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.notValid' });
    const now = new Date();
    const [voided] = await tx
      .update(certificates)
      .set({ status: 'void', voidReason: reason, updatedAt: now })
      .where(and(eq(certificates.id, row.id), eq(certificates.status, 'valid')))
      .returning();
    if (!voided) throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.changedMeanwhile' });
    await closeDeadline(tx, { subjectType: 'certificate', subjectId: row.id });
    await audit(tx, { action: 'certificate.voided', actorId: actorId(actor), targetType: 'certificate', targetId: row.id, ip: input.ip, detail: { number: row.number, reason } });
    return voided;
  });
}

export type SuspendCertificateInput = { certificateId: string; reason: string; ip?: string | null };

/**
 * Suspends a valid certificate (暂停): /verify shows it as suspended, its
 * holder cannot use it until staff (or the module, as SYSTEM) reinstate it.
 * Modules call it from their own rules (module B's overdue annual review).
 */
export async function suspendCertificate(db: DbOrTx, actor: CertificateActor, input: SuspendCertificateInput): Promise<Certificate> {
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 2) throw new AppError('BAD_INPUT', { fieldErrors: { reason: ['certificates.errors.reasonRequired'] } });
  return tx$(db, async (tx) => {
    const row = await managedRow(tx, actor, input.certificateId);
    if (row.status !== 'valid') throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.notValid' });
    const [suspended] = await tx
      .update(certificates)
      .set({ status: 'suspended', suspendReason: reason, updatedAt: new Date() })
      .where(and(eq(certificates.id, row.id), eq(certificates.status, 'valid')))
      .returning();
    if (!suspended) throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.changedMeanwhile' });
    await audit(tx, { action: 'certificate.suspended', actorId: actorId(actor), targetType: 'certificate', targetId: row.id, ip: input.ip, detail: { number: row.number, reason } });
    return suspended;
  });
}

export type ReinstateCertificateInput = { certificateId: string; reason?: string; ip?: string | null };

/** Lifts a suspension: the certificate is valid again (with its validity unchanged). */
export async function reinstateCertificate(db: DbOrTx, actor: CertificateActor, input: ReinstateCertificateInput): Promise<Certificate> {
  return tx$(db, async (tx) => {
    const row = await managedRow(tx, actor, input.certificateId);
    if (row.status !== 'suspended') throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.notSuspended' });
    const [reinstated] = await tx
      .update(certificates)
      .set({ status: 'valid', suspendReason: null, updatedAt: new Date() })
      .where(and(eq(certificates.id, row.id), eq(certificates.status, 'suspended')))
      .returning();
    if (!reinstated) throw new AppError('INVALID_STATE', { messageKey: 'certificates.errors.changedMeanwhile' });
    await audit(tx, { action: 'certificate.reinstated', actorId: actorId(actor), targetType: 'certificate', targetId: row.id, ip: input.ip, detail: { number: row.number, suspendedFor: row.suspendReason, reason: input.reason?.trim() || null } });
    return reinstated;
  });
}
