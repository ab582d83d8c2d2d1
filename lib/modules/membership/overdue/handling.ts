import { and, eq, isNull, sql } from 'drizzle-orm';
import { certificates, organizations, qualificationOverdueStages, qualifications, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import type { StaffActor } from '@/lib/platform/auth/action-core';
import { reinstateCertificate } from '@/lib/platform/certificates';
import { AppError } from '@/lib/platform/errors';
import { notifyUser } from '@/lib/platform/notify/in-app';
import { overdueT, stageName } from './present';
import { MEMBERSHIP_HOME_PATH } from './run';
import { getOverdueStages } from './settings';
import { addDays, chinaDay, daysBetween } from './stages';

/**
 * What staff do about an overdue annual review: reverse a stage (with a
 * reason) or move the due date (a new cycle). Each is one transaction on the
 * locked qualification row, with conditional UPDATEs, audited, and the
 * enterprise told in-app.
 */

/** How far ahead staff may move a due date (from today). */
export const MAX_EXTENSION_DAYS = 366;

type Q = typeof qualifications.$inferSelect;

async function lockQualification(tx: DbOrTx, id: string): Promise<Q> {
  const [q] = await tx.select().from(qualifications).where(eq(qualifications.id, id)).for('update');
  if (!q) throw new AppError('NOT_FOUND');
  return q;
}

async function tellEnterprise(tx: DbOrTx, orgId: string, n: { title: string; body: string; key: string }) {
  const mains = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.isOrgMain, true), eq(users.status, 'active')));
  for (const u of mains) await notifyUser(tx, { userId: u.id, title: n.title, body: n.body, link: MEMBERSHIP_HOME_PATH, dedupeKey: `${n.key}:${u.id}` });
}

/**
 * Lifts a suspension: the qualification active again and its certificate
 * reinstated in the registry (when it is suspended there). Returns the
 * certificate number it reinstated, if any.
 */
async function lift(tx: DbOrTx, actor: StaffActor, q: Q, reason: string, ip: string | null): Promise<string | null> {
  await tx
    .update(qualifications)
    .set({ status: 'active', suspendedAt: null, version: sql`${qualifications.version} + 1`, updatedAt: new Date() })
    .where(and(eq(qualifications.id, q.id), eq(qualifications.status, 'suspended')));
  if (!q.certificateId) return null;
  const [cert] = await tx.select({ status: certificates.status, number: certificates.number }).from(certificates).where(eq(certificates.id, q.certificateId));
  if (cert?.status !== 'suspended') return null;
  await reinstateCertificate(tx, actor, { certificateId: q.certificateId, reason, ip });
  return cert.number;
}

export type ReverseResult = { stageId: string; action: string; reinstated: boolean };

/**
 * Reverses a stage of the current cycle: recorded with who, when and why (a
 * reversed stage never fires again in its cycle). A suspension's reversal
 * reinstates the qualification and its certificate; a warning's clears the
 * warning from the enterprise's home.
 */
export async function reverseStage(db: Db, actor: StaffActor, input: { stageId: string; reason: string; ip?: string | null }): Promise<ReverseResult> {
  const t = overdueT();
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ qualificationId: qualificationOverdueStages.qualificationId }).from(qualificationOverdueStages).where(eq(qualificationOverdueStages.id, input.stageId));
    if (!found) throw new AppError('NOT_FOUND');
    const q = await lockQualification(tx, found.qualificationId);
    const [stage] = await tx.select().from(qualificationOverdueStages).where(eq(qualificationOverdueStages.id, input.stageId));
    if (stage.reversedAt) throw new AppError('CONFLICT', { messageKey: 'qualificationOverdue.errors.alreadyReversed' });
    if (stage.cycleDueOn !== q.reviewDueOn) throw new AppError('INVALID_STATE', { messageKey: 'qualificationOverdue.errors.notCurrentCycle' });
    const now = new Date();
    const [reversed] = await tx
      .update(qualificationOverdueStages)
      .set({ reversedAt: now, reversedBy: actor.id, reverseReason: input.reason })
      .where(and(eq(qualificationOverdueStages.id, stage.id), isNull(qualificationOverdueStages.reversedAt)))
      .returning();
    if (!reversed) throw new AppError('CONFLICT', { messageKey: 'qualificationOverdue.errors.alreadyReversed' });

    const configured = (await getOverdueStages(tx)).find((s) => s.key === stage.stage);
    const name = configured ? stageName((k, v) => t(k as never, v as never), configured) : `${t(`actions.${stage.action as 'remind'}`)}（${stage.stage}）`;
    let certificate: string | null = null;
    if (stage.action === 'suspend' && q.status === 'suspended') certificate = await lift(tx, actor, q, input.reason, input.ip ?? null);
    if (stage.action === 'suspend') {
      await tellEnterprise(tx, q.orgId, { title: t('notify.reinstated.title'), body: t('notify.reinstated.body', { reason: input.reason }), key: `qualification-overdue:${stage.id}:reversed` });
    } else if (stage.action === 'warn') {
      await tellEnterprise(tx, q.orgId, { title: t('notify.reversed.title'), body: t('notify.reversed.body', { stage: name, reason: input.reason }), key: `qualification-overdue:${stage.id}:reversed` });
    }
    await audit(tx, {
      action: 'qualification.overdue.reversed',
      actorId: actor.id,
      targetType: 'qualification',
      targetId: q.id,
      ip: input.ip,
      detail: { orgId: q.orgId, stageId: stage.id, stage: stage.stage, name, action: stage.action, cycle: stage.cycleDueOn, firedAt: stage.firedAt.toISOString(), reason: input.reason, reinstated: stage.action === 'suspend' && q.status === 'suspended', certificate },
    });
    return { stageId: stage.id, action: stage.action, reinstated: stage.action === 'suspend' && q.status === 'suspended' };
  });
}

export type ExtendResult = { qualificationId: string; from: string; to: string; reinstated: boolean };

/**
 * Moves the annual review's due date later (延期): a fresh cycle, whose
 * stages count from the new date. Lifts a suspension too (the enterprise was
 * granted time; its suspension stage is recorded as reversed with the same
 * reason). The new date must be later than the current one, not in the past,
 * and at most a year ahead.
 */
export async function extendReviewDue(db: Db, actor: StaffActor, input: { qualificationId: string; reviewDueOn: string; reason: string; ip?: string | null; now?: Date }): Promise<ExtendResult> {
  const t = overdueT();
  const now = input.now ?? new Date();
  const today = chinaDay(now);
  return db.transaction(async (tx) => {
    const q = await lockQualification(tx, input.qualificationId);
    const to = input.reviewDueOn;
    const fieldError = (key: string) => new AppError('BAD_INPUT', { fieldErrors: { reviewDueOn: [`qualificationOverdue.errors.${key}`] } });
    if (daysBetween(q.reviewDueOn, to) <= 0) throw fieldError('extendNotLater');
    if (daysBetween(today, to) < 0) throw fieldError('extendPast');
    if (daysBetween(today, to) > MAX_EXTENSION_DAYS) throw fieldError('extendTooFar');
    if (to >= chinaDay(q.validUntil)) throw fieldError('extendAfterExpiry');
    const [moved] = await tx
      .update(qualifications)
      .set({ reviewDueOn: to, version: sql`${qualifications.version} + 1`, updatedAt: now })
      .where(and(eq(qualifications.id, q.id), eq(qualifications.reviewDueOn, q.reviewDueOn)))
      .returning({ id: qualifications.id });
    if (!moved) throw new AppError('CONFLICT', { messageKey: 'qualificationOverdue.errors.changedMeanwhile' });

    let reinstated = false;
    if (q.status === 'suspended') {
      await tx
        .update(qualificationOverdueStages)
        .set({ reversedAt: now, reversedBy: actor.id, reverseReason: input.reason })
        .where(and(eq(qualificationOverdueStages.qualificationId, q.id), eq(qualificationOverdueStages.action, 'suspend'), isNull(qualificationOverdueStages.reversedAt)));
      await lift(tx, actor, q, input.reason, input.ip ?? null);
      reinstated = true;
    }
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, q.orgId));
    await tellEnterprise(tx, q.orgId, {
      title: t('notify.extended.title'),
      body: t(reinstated ? 'notify.extended.bodyReinstated' : 'notify.extended.body', { dueOn: to, reason: input.reason }),
      key: `qualification-overdue:${q.id}:extended:${to}`,
    });
    await audit(tx, {
      action: 'qualification.overdue.extended',
      actorId: actor.id,
      targetType: 'qualification',
      targetId: q.id,
      ip: input.ip,
      detail: { orgId: q.orgId, company: org?.name, from: q.reviewDueOn, to, days: daysBetween(q.reviewDueOn, to), reason: input.reason, reinstated },
    });
    return { qualificationId: q.id, from: q.reviewDueOn, to, reinstated };
  });
}

/** The earliest and latest dates the extension form offers (min: tomorrow of the later of today and the due date). */
export function extensionBounds(dueOn: string, now: Date = new Date()): { min: string; max: string } {
  const today = chinaDay(now);
  const base = dueOn > today ? dueOn : today;
  return { min: addDays(base, dueOn >= today ? 1 : 0), max: addDays(today, MAX_EXTENSION_DAYS) };
}
