import { and, eq, sql } from 'drizzle-orm';
import { applications, certificates, qualifications } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { issueCertificate, reinstateCertificate, renewCertificate, replaceCertificate, SYSTEM as CERTIFICATE_SYSTEM } from '@/lib/platform/certificates';
import { addMonths } from '@/lib/platform/certificates/service';
import { AppError } from '@/lib/platform/errors';
import type { TransitionCtx } from '@/lib/platform/workflow/define';
import { QUALIFICATION_CERTIFICATE, type QualificationVariant } from './constants';
import { getLevel, type Level } from './levels';
import type { QualificationData } from './schemas';
import { chinaDay, qualificationOf, type CurrentQualification } from './status';

/**
 * An approved qualification application changes what the enterprise holds,
 * in the approval's transaction (a throw rolls the approval back):
 *
 * - 资质申请: the qualifications row (one per enterprise: a unique index, so two
 *   approvals can never make two) and the qualification certificate (ZZ…),
 *   valid for the level's validity, the first annual review a year on;
 * - 年审: the next annual review a year on; a suspended qualification (and its
 *   certificate) is reinstated;
 * - 晋级 / 降级: the new level; the certificate is replaced (new number with
 *   the new level, the old one 'replaced' at /verify), validity unchanged;
 * - 到期换证: the certificate renewed (same number, new validity) and the
 *   qualification's validity with it.
 *
 * The outcome is written back into the application (`result`).
 */

/** A China calendar day (YYYY-MM-DD) `years` on; 29 Feb becomes 28 Feb in a common year. */
export function addYearsToDay(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The next annual review: a year after the last due date, and after today (an overdue cycle does not leave a date in the past). */
export function nextReviewDue(dueOn: string, today: string): string {
  let next = addYearsToDay(dueOn, 1);
  while (next <= today) next = addYearsToDay(next, 1);
  return next;
}

const refuse = (code: 'INVALID_STATE' | 'CONFLICT', key: string, params?: Record<string, string | number>) => new AppError(code, { messageKey: `qualification.errors.${key}`, params });

async function heldQualification(tx: DbOrTx, orgId: string, now: Date): Promise<CurrentQualification> {
  const q = await qualificationOf(tx, orgId, { now, lock: true });
  if (!q) throw refuse('INVALID_STATE', 'noQualification');
  return q;
}

/** Moves the row on from the version read under the lock (a second change in between is refused, not overwritten). */
async function updateHeld(tx: DbOrTx, q: CurrentQualification, set: Partial<typeof qualifications.$inferInsert>) {
  const [row] = await tx
    .update(qualifications)
    .set({ ...set, version: sql`${qualifications.version} + 1`, updatedAt: new Date() })
    .where(and(eq(qualifications.id, q.id), eq(qualifications.version, q.version)))
    .returning();
  if (!row) throw refuse('CONFLICT', 'changedMeanwhile');
  return row;
}

type Ctx = TransitionCtx<QualificationData>;

async function grantNew(ctx: Ctx, level: Level, now: Date) {
  const { tx, app } = ctx;
  const validUntil = addMonths(now, level.validityMonths);
  const reviewDueOn = addYearsToDay(chinaDay(now), 1);
  const [row] = await tx
    .insert(qualifications)
    .values({ orgId: app.orgId!, levelId: level.id, applicationId: app.id, grantedAt: now, validUntil, reviewDueOn, status: 'active' })
    .onConflictDoNothing({ target: qualifications.orgId })
    .returning();
  if (!row) throw refuse('CONFLICT', 'alreadyQualifiedApprove');
  const certificate = await issueCertificate(tx, CERTIFICATE_SYSTEM, {
    type: QUALIFICATION_CERTIFICATE,
    holderOrgId: app.orgId,
    holderName: app.data.company?.name || app.applicantName,
    subject: { level: level.name, creditCode: app.data.company?.creditCode ?? undefined },
    applicationId: app.id,
    issuedAt: now,
    validUntil,
  });
  await tx.update(qualifications).set({ certificateId: certificate.id }).where(eq(qualifications.id, row.id));
  await audit(tx, { action: 'qualification.granted', actorId: actorIdOf(ctx), targetType: 'qualification', targetId: row.id, detail: { application: app.number, level: level.name, certificate: certificate.number } });
  return { levelName: level.name, certificateId: certificate.id, certificateNumber: certificate.number, validUntil: validUntil.toISOString(), reviewDueOn };
}

async function annualReview(ctx: Ctx, level: Level, now: Date) {
  const { tx, app } = ctx;
  const q = await heldQualification(tx, app.orgId!, now);
  if (q.levelId !== level.id) throw refuse('INVALID_STATE', 'levelChanged');
  const reviewDueOn = nextReviewDue(q.reviewDueOn, chinaDay(now));
  // An approved annual review lifts a suspension (the overdue stages suspend both).
  if (q.certificateId && q.certificateStatus === 'suspended') await reinstateCertificate(tx, CERTIFICATE_SYSTEM, { certificateId: q.certificateId, reason: `annual review ${app.number} approved` });
  await updateHeld(tx, q, { reviewDueOn, status: 'active', suspendedAt: null, applicationId: app.id });
  await audit(tx, { action: 'qualification.annualReview', actorId: actorIdOf(ctx), targetType: 'qualification', targetId: q.id, detail: { application: app.number, reviewDueOn: { from: q.reviewDueOn, to: reviewDueOn }, reinstated: q.status === 'suspended' } });
  return { levelName: level.name, certificateId: q.certificateId ?? '', certificateNumber: q.certificateNumber ?? '', validUntil: q.validUntil.toISOString(), reviewDueOn };
}

async function changeLevel(ctx: Ctx, level: Level, now: Date, variant: 'upgrade' | 'downgrade') {
  const { tx, app } = ctx;
  const q = await heldQualification(tx, app.orgId!, now);
  if (q.levelId !== app.data.current?.levelId) throw refuse('INVALID_STATE', 'levelChanged');
  if (variant === 'upgrade' ? level.rank >= q.levelRank : level.rank <= q.levelRank) throw refuse('INVALID_STATE', 'levelChanged');
  if (!q.certificateId) throw new AppError('INTERNAL', { detail: `qualification ${q.id} has no certificate` });
  const [old] = await tx.select({ subject: certificates.subject }).from(certificates).where(eq(certificates.id, q.certificateId));
  const subject = { ...((old?.subject ?? {}) as Record<string, unknown>), level: level.name };
  const { replaced, certificate } = await replaceCertificate(tx, CERTIFICATE_SYSTEM, { certificateId: q.certificateId, reason: `${variant} ${app.number}: ${q.levelName} → ${level.name}`, subject });
  await updateHeld(tx, q, { levelId: level.id, certificateId: certificate.id, applicationId: app.id });
  await audit(tx, { action: `qualification.${variant}`, actorId: actorIdOf(ctx), targetType: 'qualification', targetId: q.id, detail: { application: app.number, level: { from: q.levelName, to: level.name }, certificate: { from: replaced.number, to: certificate.number } } });
  return { levelName: level.name, certificateId: certificate.id, certificateNumber: certificate.number, validUntil: q.validUntil.toISOString(), reviewDueOn: q.reviewDueOn, replacedNumber: replaced.number };
}

async function renewal(ctx: Ctx, level: Level, now: Date) {
  const { tx, app } = ctx;
  const q = await heldQualification(tx, app.orgId!, now);
  if (q.levelId !== level.id) throw refuse('INVALID_STATE', 'levelChanged');
  if (!q.certificateId) throw new AppError('INTERNAL', { detail: `qualification ${q.id} has no certificate` });
  // A new validity from the old end (or from today once it has passed).
  const validUntil = addMonths(q.validUntil.getTime() > now.getTime() ? q.validUntil : now, level.validityMonths);
  const certificate = await renewCertificate(tx, CERTIFICATE_SYSTEM, { certificateId: q.certificateId, validUntil });
  await updateHeld(tx, q, { validUntil, applicationId: app.id });
  await audit(tx, { action: 'qualification.renewed', actorId: actorIdOf(ctx), targetType: 'qualification', targetId: q.id, detail: { application: app.number, validUntil: { from: q.validUntil.toISOString(), to: validUntil.toISOString() }, certificate: certificate.number } });
  return { levelName: level.name, certificateId: certificate.id, certificateNumber: certificate.number, validUntil: validUntil.toISOString(), reviewDueOn: q.reviewDueOn };
}

const actorIdOf = (ctx: Ctx) => (ctx.actor.kind === 'anonymous' ? null : ctx.actor.id);

/** The `approve` transition's effects for a variant. */
export async function grantQualification(variant: QualificationVariant, ctx: Ctx): Promise<void> {
  const { tx, app } = ctx;
  if (!app.orgId) throw new AppError('INTERNAL', { detail: `qualification application ${app.id} has no organization` });
  const level = await getLevel(tx, app.data.levelId);
  if (!level) throw refuse('INVALID_STATE', 'levelGone');
  const now = new Date();
  const result =
    variant === 'apply'
      ? await grantNew(ctx, level, now)
      : variant === 'annualReview'
        ? await annualReview(ctx, level, now)
        : variant === 'renewal'
          ? await renewal(ctx, level, now)
          : await changeLevel(ctx, level, now, variant);
  await tx
    .update(applications)
    .set({ data: { ...app.data, result } })
    .where(eq(applications.id, app.id));
}
