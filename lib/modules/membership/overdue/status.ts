import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { certificates, qualificationLevels, qualificationOverdueStages, qualifications } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { ApplicantItem, HomePanel, PortalCtx } from '@/lib/platform/manifest';
import { nsT, stageName } from './present';
import { reviewSubmitted } from './review';
import { SUBMIT_REVIEW_PATH } from './run';
import { getOverdueStages } from './settings';
import { addDays, chinaDay, daysBetween, endOfChinaDay, type OverdueStage } from './stages';

/**
 * What the enterprise sees of its annual review's overdue handling: the
 * current warning or suspension, the due date, how late it is and what to do.
 * Read model for module B's portal home (the panel below), 我的任务 and
 * whatever page wants it.
 */

/** The annual review shows on the portal (home and 我的任务) from this many days before its due date. */
export const DUE_SOON_DAYS = 30;

export type OverdueStatus = {
  qualificationId: string;
  status: 'active' | 'suspended';
  level: { code: string; name: string };
  certificate: { id: string; number: string; status: string } | null;
  /** The current cycle's due date (YYYY-MM-DD). */
  dueOn: string;
  /** Today minus the due date, in China calendar days (negative: days left). */
  daysOverdue: number;
  /** An annual review was submitted for the cycle (no further stages fire). */
  reviewSubmitted: boolean;
  /** The warning or suspension in force (the latest one fired, unless staff reversed it); null when none. */
  current: { stageId: string; stage: string; action: 'warn' | 'suspend'; firedAt: Date; offsetDays: number | null } | null;
  /**
   * What the enterprise should do: submit its review (`submitReview`), submit
   * it to be reinstated (`submitToReinstate`), wait for the review of a
   * suspended qualification (`awaitReview`); null when nothing is asked yet.
   */
  whatToDo: 'submitReview' | 'submitToReinstate' | 'awaitReview' | null;
  href: string;
};

export async function overdueStatus(db: DbOrTx, orgId: string, now: Date = new Date()): Promise<OverdueStatus | null> {
  const [q] = await db
    .select({ q: qualifications, level: { code: qualificationLevels.code, name: qualificationLevels.name }, certificate: { id: certificates.id, number: certificates.number, status: certificates.status } })
    .from(qualifications)
    .innerJoin(qualificationLevels, eq(qualificationLevels.id, qualifications.levelId))
    .leftJoin(certificates, eq(certificates.id, qualifications.certificateId))
    .where(eq(qualifications.orgId, orgId));
  if (!q) return null;
  const dueOn = q.q.reviewDueOn;
  const daysOverdue = daysBetween(dueOn, chinaDay(now));
  const submitted = await reviewSubmitted(db, orgId, dueOn);
  const stages = await getOverdueStages(db);
  const offsetOf = (key: string) => stages.find((s) => s.key === key)?.offsetDays ?? null;

  // The latest warning or suspension of the cycle; reversing it clears what the enterprise sees.
  const [latest] = await db
    .select()
    .from(qualificationOverdueStages)
    .where(and(eq(qualificationOverdueStages.qualificationId, q.q.id), eq(qualificationOverdueStages.cycleDueOn, dueOn), inArray(qualificationOverdueStages.action, ['warn', 'suspend'])))
    .orderBy(desc(qualificationOverdueStages.firedAt), sql`case when ${qualificationOverdueStages.action} = 'suspend' then 0 else 1 end`);
  let current: OverdueStatus['current'] = latest && !latest.reversedAt ? { stageId: latest.id, stage: latest.stage, action: latest.action as 'warn' | 'suspend', firedAt: latest.firedAt, offsetDays: offsetOf(latest.stage) } : null;
  // A review submitted answers a warning.
  if (current?.action === 'warn' && submitted) current = null;
  // A suspended qualification always shows its suspension (the one not lifted, whatever its cycle).
  if (q.q.status === 'suspended' && current?.action !== 'suspend') {
    const [s] = await db
      .select()
      .from(qualificationOverdueStages)
      .where(and(eq(qualificationOverdueStages.qualificationId, q.q.id), eq(qualificationOverdueStages.action, 'suspend'), isNull(qualificationOverdueStages.reversedAt)))
      .orderBy(desc(qualificationOverdueStages.firedAt));
    current = s ? { stageId: s.id, stage: s.stage, action: 'suspend', firedAt: s.firedAt, offsetDays: offsetOf(s.stage) } : { stageId: '', stage: '', action: 'suspend', firedAt: q.q.suspendedAt ?? q.q.updatedAt, offsetDays: null };
  }

  const whatToDo: OverdueStatus['whatToDo'] =
    q.q.status === 'suspended' ? (submitted ? 'awaitReview' : 'submitToReinstate') : !submitted && (current || daysOverdue >= -DUE_SOON_DAYS) ? 'submitReview' : null;
  return {
    qualificationId: q.q.id,
    status: q.q.status as 'active' | 'suspended',
    level: q.level,
    certificate: q.certificate,
    dueOn,
    daysOverdue,
    reviewSubmitted: submitted,
    current,
    whatToDo,
    href: SUBMIT_REVIEW_PATH,
  };
}

/**
 * The piece of module B's portal home (资质年审): a danger alert while the
 * qualification is suspended, a warning alert while a warning is in force, a
 * notice when the review is due within 30 days or late; nothing otherwise.
 */
export async function overdueHomePanels({ db, actor, t: tAll }: PortalCtx, now: Date = new Date()): Promise<HomePanel[]> {
  if (actor.kind !== 'organization') return [];
  const s = await overdueStatus(db, actor.orgId, now);
  if (!s || (!s.current && !s.whatToDo)) return [];
  const t = nsT(tAll as never);
  const stages = await getOverdueStages(db);
  const days = Math.abs(s.daysOverdue);
  const details = [
    { label: t('home.level'), value: s.level.name },
    ...(s.certificate ? [{ label: t('home.certificate'), value: s.certificate.number }] : []),
    { label: t('home.dueOn'), value: s.dueOn },
    { label: t('home.days'), value: s.daysOverdue > 0 ? t('home.daysOverdue', { days }) : s.daysOverdue === 0 ? t('home.dueToday') : t('home.daysLeft', { days }) },
    ...(s.current && s.current.offsetDays !== null ? [{ label: t('home.stage'), value: stageName(t, { action: s.current.action, offsetDays: s.current.offsetDays }) }] : []),
    ...(s.current ? [{ label: t('home.firedAt'), value: chinaDay(s.current.firedAt) }] : []),
  ];
  const action = s.whatToDo === 'awaitReview' ? undefined : { href: s.href, label: t('home.submit') };
  const suspendStage = stages.find((x) => x.action === 'suspend');
  let alert: NonNullable<HomePanel['alert']>;
  if (s.current?.action === 'suspend') {
    alert = { tone: 'danger', title: t('home.suspendTitle'), body: t(`whatToDo.${s.whatToDo ?? 'submitToReinstate'}`), details, action, testId: 'qualification-overdue-suspension' };
  } else if (s.current?.action === 'warn') {
    const body = [t('home.warnBody', { days }), suspendText(t, s.dueOn, suspendStage)].filter(Boolean).join('');
    alert = { tone: 'warning', title: t('home.warnTitle', { days }), body, details, action, testId: 'qualification-overdue-warning' };
  } else {
    const title = s.daysOverdue > 0 ? t('home.overdueTitle', { days }) : s.daysOverdue === 0 ? t('home.dueTodayTitle') : t('home.dueSoonTitle', { dueOn: s.dueOn, days });
    alert = { tone: s.daysOverdue > 0 ? 'warning' : 'info', title, body: t(`whatToDo.${s.whatToDo ?? 'submitReview'}`), details, action, testId: 'qualification-overdue-notice' };
  }
  return [{ title: t('home.title'), alert, testId: 'qualification-overdue' }];
}

function suspendText(t: ReturnType<typeof nsT>, dueOn: string, suspend: OverdueStage | undefined): string {
  if (!suspend) return '';
  return t('home.suspendOn', { date: addDays(dueOn, suspend.offsetDays) });
}

/**
 * 我的任务: "提交资质年审" while the review is due within 30 days or late and
 * not submitted (a suspended qualification included), due at the end of
 * its due day, linking to the qualification page.
 */
export async function overdueApplicantItems({ db, actor, t: tAll }: PortalCtx, now: Date = new Date()): Promise<ApplicantItem[]> {
  if (actor.kind !== 'organization') return [];
  const s = await overdueStatus(db, actor.orgId, now);
  if (!s || s.reviewSubmitted || !s.whatToDo) return [];
  const t = nsT(tAll as never);
  const days = Math.abs(s.daysOverdue);
  const statusLabel = s.status === 'suspended' ? t('tasks.suspended') : s.daysOverdue > 0 ? t('tasks.overdue', { days }) : s.daysOverdue === 0 ? t('tasks.dueToday') : t('tasks.dueIn', { days });
  return [
    {
      key: `qualification-review:${s.qualificationId}:${s.dueOn}`,
      kindLabel: t('tasks.kind'),
      number: s.certificate?.number ?? s.level.name,
      statusLabel,
      tone: s.status === 'suspended' || s.current ? 'danger' : s.daysOverdue > 0 ? 'warning' : 'info',
      updatedAt: s.current?.firedAt ?? now,
      dueAt: endOfChinaDay(s.dueOn),
      href: s.href,
      todo: true,
      nextStep: t('tasks.next'),
    },
  ];
}
