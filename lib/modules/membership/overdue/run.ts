import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { certificates, organizations, qualificationLevels, qualificationOverdueStages, qualifications, users, type QualificationOverdueStage } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { SYSTEM, suspendCertificate } from '@/lib/platform/certificates';
import { sendEmail } from '@/lib/platform/email/send';
import { logger } from '@/lib/platform/logger';
import { notifyRole, notifyUser } from '@/lib/platform/notify/in-app';
import { enqueueSms } from '@/lib/platform/notify/outbox';
import { OverdueStageEmail, overdueStageSubject, type OverdueStageEmailProps } from './email';
import { overdueT, stageName } from './present';
import { reviewSubmitted, reviewSubmittedSql } from './review';
import { getOverdueStages } from './settings';
import { addDays, chinaDay, daysBetween, stagesToFire, type OverdueStage, type StageAction } from './stages';

/**
 * The overdue loop (资质年审逾期): on every tick, for every active qualification
 * whose current cycle (its `review_due_on`) has no submitted annual review,
 * fire each stage that is due and was not yet fired for the cycle (stages.ts
 * `stagesToFire`: stale reminders and warnings collapse into the latest, the
 * suspension always applies).
 *
 * "Once" across instances and concurrent ticks: the stage row's INSERT …
 * ON CONFLICT DO NOTHING RETURNING on (qualification, cycle, stage) decides
 * who fires; its effects (notifications through the outbox, in-app notices,
 * the suspension of the qualification and of its certificate, the audit) are
 * written in that same transaction, after the qualification row is locked
 * and re-read (still active, still in this cycle, still no review).
 */
export const SUBMIT_REVIEW_PATH = '/portal/membership/qualification';
export const MEMBERSHIP_HOME_PATH = '/portal/membership';
export const staffOverduePath = (qualificationId: string) => `/staff/membership/overdue/${qualificationId}`;

export type OverdueRunResult = { fired: number; remind: number; warn: number; suspend: number };

const BATCH = 200;

type Candidate = { id: string; orgId: string; reviewDueOn: string; fired: string[] };

/** Runs one tick at `now`. Safe to run anywhere, any number of times at once. */
export async function runOverdueStages(db: Db, now: Date = new Date()): Promise<OverdueRunResult> {
  const result: OverdueRunResult = { fired: 0, remind: 0, warn: 0, suspend: 0 };
  const stages = await getOverdueStages(db);
  if (stages.length === 0) return result;
  const today = chinaDay(now);
  // A cycle is looked at once its first stage's day has come.
  const horizon = addDays(today, -Math.min(...stages.map((s) => s.offsetDays)));
  const firedInCycle = sql<string[]>`coalesce((select json_agg(${qualificationOverdueStages.stage}) from ${qualificationOverdueStages} where ${qualificationOverdueStages.qualificationId} = ${qualifications.id} and ${qualificationOverdueStages.cycleDueOn} = ${qualifications.reviewDueOn}), '[]'::json)`;
  let after: string | null = null;
  for (;;) {
    const batch: Candidate[] = await db
      .select({ id: qualifications.id, orgId: qualifications.orgId, reviewDueOn: qualifications.reviewDueOn, fired: firedInCycle })
      .from(qualifications)
      .where(
        and(
          eq(qualifications.status, 'active'),
          lte(qualifications.reviewDueOn, horizon),
          ...cycleOpen(now),
          sql`not ${reviewSubmittedSql(qualifications.orgId, qualifications.reviewDueOn)}`,
          after ? gt(qualifications.id, after) : undefined,
        ),
      )
      .orderBy(asc(qualifications.id))
      .limit(BATCH);
    for (const q of batch) {
      for (const stage of stagesToFire({ today, dueOn: q.reviewDueOn, stages, fired: q.fired })) {
        try {
          const row = await fireStage(db, { qualificationId: q.id, cycleDueOn: q.reviewDueOn, stage, stages, now });
          if (!row) continue;
          result.fired++;
          result[stage.action]++;
        } catch (err) {
          // One enterprise's failure (a bad address, a certificate changed meanwhile) never stops the others.
          logger.error('qualification overdue stage failed', { err, qualificationId: q.id, stage: stage.key });
        }
      }
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].id;
  }
  return result;
}

/**
 * The cycle is one an annual review is owed for: the qualification is still
 * valid, and its due date comes before the end of validity (a review due on
 * or after the expiry is replaced by the renewal, 到期换证).
 */
function cycleOpen(now: Date) {
  return [gt(qualifications.validUntil, now), sql`${qualifications.reviewDueOn} < (${qualifications.validUntil} at time zone 'Asia/Shanghai')::date`];
}

/**
 * Fires one stage of one cycle, if nobody has: returns the new stage row, or
 * null when the stage was already recorded or the qualification no longer
 * owes it (suspended, moved to another cycle, review submitted meanwhile).
 */
export async function fireStage(
  db: Db,
  input: { qualificationId: string; cycleDueOn: string; stage: OverdueStage; stages: readonly OverdueStage[]; now: Date },
): Promise<QualificationOverdueStage | null> {
  const { stage, now } = input;
  return db.transaction(async (tx) => {
    const [q] = await tx
      .select()
      .from(qualifications)
      .where(and(eq(qualifications.id, input.qualificationId), eq(qualifications.status, 'active'), eq(qualifications.reviewDueOn, input.cycleDueOn), ...cycleOpen(now)))
      .for('update');
    if (!q) return null;
    if (await reviewSubmitted(tx, q.orgId, q.reviewDueOn)) return null;
    const [row] = await tx
      .insert(qualificationOverdueStages)
      .values({ qualificationId: q.id, cycleDueOn: q.reviewDueOn, stage: stage.key, action: stage.action, firedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    await stageEffects(tx, { q, row, stage, stages: input.stages, now });
    return row;
  });
}

type StageCtx = { q: typeof qualifications.$inferSelect; row: QualificationOverdueStage; stage: OverdueStage; stages: readonly OverdueStage[]; now: Date };

async function stageEffects(tx: DbOrTx, { q, row, stage, stages, now }: StageCtx): Promise<void> {
  const t = overdueT();
  const [info] = await tx
    .select({ company: organizations.name, orgEmail: organizations.email, levelName: qualificationLevels.name, certificate: { id: certificates.id, number: certificates.number, status: certificates.status } })
    .from(qualifications)
    .innerJoin(organizations, eq(organizations.id, qualifications.orgId))
    .innerJoin(qualificationLevels, eq(qualificationLevels.id, qualifications.levelId))
    .leftJoin(certificates, eq(certificates.id, qualifications.certificateId))
    .where(eq(qualifications.id, q.id));
  const daysOverdue = daysBetween(q.reviewDueOn, chinaDay(now));
  const days = Math.abs(daysOverdue);
  const suspendStage = stages.find((s) => s.action === 'suspend');
  const suspendOn = stage.action !== 'suspend' && suspendStage && suspendStage.offsetDays > stage.offsetDays ? addDays(q.reviewDueOn, suspendStage.offsetDays) : null;
  const certificateNumber = info.certificate?.number ?? null;

  if (stage.action === 'suspend') {
    await tx
      .update(qualifications)
      .set({ status: 'suspended', suspendedAt: now, version: sql`${qualifications.version} + 1`, updatedAt: now })
      .where(and(eq(qualifications.id, q.id), eq(qualifications.status, 'active')));
    if (info.certificate?.status === 'valid') {
      await suspendCertificate(tx, SYSTEM, { certificateId: info.certificate.id, reason: t('suspendReason', { dueOn: q.reviewDueOn }) });
    }
    await notifyRole(tx, {
      role: 'reviewer',
      module: 'membership',
      title: t('notify.staffSuspend.title', { company: info.company }),
      body: t('notify.staffSuspend.body', { company: info.company, days, dueOn: q.reviewDueOn }),
      link: staffOverduePath(q.id),
      dedupeKey: `qualification-overdue:${row.id}:staff`,
    });
  }

  const text = notificationText(t, stage.action, { daysOverdue, dueOn: q.reviewDueOn, suspendOn, certificate: certificateNumber ?? '' });
  const recipients = await tx
    .select({ id: users.id, name: users.name, email: users.email, mobile: users.mobile })
    .from(users)
    .where(and(eq(users.orgId, q.orgId), eq(users.isOrgMain, true), eq(users.status, 'active')));
  let emails = 0;
  for (const r of recipients) {
    const key = `qualification-overdue:${row.id}:${r.id}`;
    await notifyUser(tx, { userId: r.id, title: text.title, body: text.body, link: MEMBERSHIP_HOME_PATH, dedupeKey: key });
    const to = r.email ?? info.orgEmail;
    if (to) {
      const props: OverdueStageEmailProps = { recipientName: info.company, companyName: info.company, action: stage.action, dueOn: q.reviewDueOn, daysOverdue, levelName: info.levelName, certificateNumber, suspendOn, link: SUBMIT_REVIEW_PATH };
      if ((await sendEmail(tx, { to, subject: overdueStageSubject(props), template: OverdueStageEmail, props, dedupeKey: `${key}:email` })) !== null) emails++;
    }
    if (stage.sms && r.mobile) {
      await enqueueSms(
        tx,
        { to: r.mobile, template: `qualification_overdue_${stage.action}`, params: { company: info.company, dueOn: q.reviewDueOn, days: String(days) }, text: t(`sms.${stage.action}`, { company: info.company, dueOn: q.reviewDueOn, days }) },
        { dedupeKey: `${key}:sms` },
      );
    }
  }

  await audit(tx, {
    action: `qualification.overdue.${stage.action}`,
    targetType: 'qualification',
    targetId: q.id,
    detail: { orgId: q.orgId, stage: stage.key, name: stageName((k, v) => t(k as never, v as never), stage), offsetDays: stage.offsetDays, cycle: q.reviewDueOn, daysOverdue, certificate: certificateNumber, recipients: recipients.length, emails, sms: stage.sms },
  });
}

function notificationText(
  t: ReturnType<typeof overdueT>,
  action: StageAction,
  v: { daysOverdue: number; dueOn: string; suspendOn: string | null; certificate: string },
): { title: string; body: string } {
  const days = Math.abs(v.daysOverdue);
  if (action === 'suspend') return { title: t('notify.suspend.title'), body: t(v.certificate ? 'notify.suspend.body' : 'notify.suspend.bodyNoCertificate', { days, dueOn: v.dueOn, certificate: v.certificate }) };
  if (action === 'warn') return { title: t('notify.warn.title', { days }), body: t(v.suspendOn ? 'notify.warn.body' : 'notify.warn.bodyNoSuspend', { days, dueOn: v.dueOn, suspendOn: v.suspendOn ?? '' }) };
  const timing = v.daysOverdue < 0 ? 'Before' : v.daysOverdue === 0 ? 'On' : 'After';
  return { title: t('notify.remind.title'), body: t(`notify.remind.body${timing}`, { days, dueOn: v.dueOn }) };
}
