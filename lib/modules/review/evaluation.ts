import { and, asc, avg, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { applications, reviewConclusions, reviewEvaluations, reviewEvaluationScores, reviewNotices, reviewRounds, reviewTeamMembers, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { isApplicantOf, transition } from '@/lib/platform/workflow';
import { canSeeReviewStaffPages } from './access';
import { REVIEW_PROJECT } from './constants';
import type { EvaluationInput } from './schemas';
import { evaluationCriteria } from './settings';

/**
 * 评审评价 (seed 004 §3.7): after a round's on-site review the unit scores the
 * round's team 1–5 on each configured criterion, with a comment — once per
 * round (the round is unique in review_evaluations). Evaluating the current
 * round of a project waiting for it (待评价) completes the project in the same
 * transaction; a round closed by a re-review or a failed review may be
 * evaluated too.
 */

/** Rounds of a project with a conclusion and no evaluation yet, with their team (for the form). */
export async function evaluableRounds(db: DbOrTx, applicationId: string): Promise<Array<{ number: number; team: Array<{ name: string; role: string }> }>> {
  const rows = await db
    .select({ id: reviewRounds.id, number: reviewRounds.number })
    .from(reviewRounds)
    .innerJoin(reviewConclusions, eq(reviewConclusions.roundId, reviewRounds.id))
    .leftJoin(reviewEvaluations, eq(reviewEvaluations.roundId, reviewRounds.id))
    .where(and(eq(reviewRounds.applicationId, applicationId), isNull(reviewEvaluations.id)))
    .orderBy(asc(reviewRounds.number));
  if (!rows.length) return [];
  const team = await db
    .select({ roundId: reviewNotices.roundId, name: reviewTeamMembers.name, role: reviewTeamMembers.role })
    .from(reviewTeamMembers)
    .innerJoin(reviewNotices, eq(reviewNotices.id, reviewTeamMembers.noticeId))
    .where(inArray(reviewNotices.roundId, rows.map((r) => r.id)))
    .orderBy(sql`${reviewTeamMembers.role} = 'leader' desc`, asc(reviewTeamMembers.name));
  return rows.map((r) => ({ number: r.number, team: team.filter((m) => m.roundId === r.id).map((m) => ({ name: m.name, role: m.role })) }));
}

export async function submitEvaluation(db: Db, actor: Actor, input: Omit<EvaluationInput, 'comment'> & { comment?: string }, opts: { now: Date; ip?: string | null; locale?: 'zh-CN' | 'en' }) {
  const criteria = await evaluationCriteria(db);
  const keys = Object.keys(input.scores);
  if (keys.some((k) => !criteria.some((c) => c.key === k))) throw new AppError('BAD_INPUT', { messageKey: 'review.errors.unknownCriterion' });
  const missing = criteria.filter((c) => input.scores[c.key] === undefined);
  if (missing.length) throw new AppError('BAD_INPUT', { messageKey: 'review.errors.missingScores', fieldErrors: Object.fromEntries(missing.map((c) => [`scores.${c.key}`, ['请为每一项打分（1–5分）']])) });
  try {
    return await db.transaction(async (tx) => {
      const [app] = await tx.select().from(applications).where(and(eq(applications.id, input.applicationId), eq(applications.kind, REVIEW_PROJECT)));
      // Another unit's project (or one this account may not use) does not exist, as far as it can tell.
      if (!app || !isApplicantOf(actor, app) || actor.kind === 'anonymous') throw new AppError('NOT_FOUND');
      const [round] = await tx
        .select({ id: reviewRounds.id, number: reviewRounds.number, latest: sql<number>`(select max(r2.number) from ${reviewRounds} r2 where r2.application_id = ${app.id})` })
        .from(reviewRounds)
        .where(and(eq(reviewRounds.applicationId, app.id), eq(reviewRounds.number, input.round)));
      if (!round) throw new AppError('NOT_FOUND', { messageKey: 'review.errors.noRound' });
      const [conclusion] = await tx.select({ id: reviewConclusions.id }).from(reviewConclusions).where(eq(reviewConclusions.roundId, round.id));
      if (!conclusion) throw new AppError('INVALID_STATE', { messageKey: 'review.errors.notEvaluable' });
      const [evaluation] = await tx
        .insert(reviewEvaluations)
        .values({ roundId: round.id, applicationId: app.id, comment: input.comment?.trim() || null, createdBy: actor.id, createdAt: opts.now })
        .returning();
      await tx.insert(reviewEvaluationScores).values(criteria.map((c) => ({ evaluationId: evaluation.id, criterion: c.key, label: c.label, score: input.scores[c.key] })));
      await audit(tx, { action: 'review.evaluated', actorId: actor.id, targetType: 'application', targetId: app.id, ip: opts.ip ?? null, detail: { number: app.number, round: round.number } });
      // The project waits for this round's evaluation: it is complete now.
      if (app.status === 'evaluating' && Number(round.latest) === round.number) await transition(tx, actor, { applicationId: app.id, event: 'evaluate' }, { now: opts.now, locale: opts.locale });
      return { id: evaluation.id, round: round.number };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { messageKey: 'review.errors.alreadyEvaluated' });
    throw e;
  }
}

export type TeamScore = { userId: string; name: string; role: 'leader' | 'reviewer'; evaluations: number; average: number | null; criteria: Array<{ criterion: string; label: string; average: number }> };

/**
 * Staff: the average scores per review leader and per reviewer, over the
 * evaluations of the rounds they were on (as leader, or as a member).
 */
export async function teamScores(db: DbOrTx): Promise<TeamScore[]> {
  const base = db
    .select({
      userId: reviewTeamMembers.userId,
      role: reviewTeamMembers.role,
      criterion: reviewEvaluationScores.criterion,
      label: sql<string>`min(${reviewEvaluationScores.label})`,
      average: avg(reviewEvaluationScores.score),
      evaluations: count(sql`distinct ${reviewEvaluations.id}`),
    })
    .from(reviewTeamMembers)
    .innerJoin(reviewNotices, eq(reviewNotices.id, reviewTeamMembers.noticeId))
    .innerJoin(reviewEvaluations, eq(reviewEvaluations.roundId, reviewNotices.roundId))
    .innerJoin(reviewEvaluationScores, eq(reviewEvaluationScores.evaluationId, reviewEvaluations.id))
    .groupBy(reviewTeamMembers.userId, reviewTeamMembers.role, reviewEvaluationScores.criterion);
  const [rows, totals, names] = await Promise.all([
    base,
    db
      .select({ userId: reviewTeamMembers.userId, role: reviewTeamMembers.role, average: avg(reviewEvaluationScores.score), evaluations: count(sql`distinct ${reviewEvaluations.id}`) })
      .from(reviewTeamMembers)
      .innerJoin(reviewNotices, eq(reviewNotices.id, reviewTeamMembers.noticeId))
      .innerJoin(reviewEvaluations, eq(reviewEvaluations.roundId, reviewNotices.roundId))
      .innerJoin(reviewEvaluationScores, eq(reviewEvaluationScores.evaluationId, reviewEvaluations.id))
      .groupBy(reviewTeamMembers.userId, reviewTeamMembers.role),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.kind, 'staff')),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return totals
    .map((tot) => ({
      userId: tot.userId,
      name: nameOf.get(tot.userId) ?? '',
      role: tot.role as 'leader' | 'reviewer',
      evaluations: Number(tot.evaluations),
      average: tot.average === null ? null : Number(tot.average),
      criteria: rows.filter((r) => r.userId === tot.userId && r.role === tot.role).map((r) => ({ criterion: r.criterion, label: r.label, average: Number(r.average) })),
    }))
    .sort((a, b) => (a.role === b.role ? (b.average ?? 0) - (a.average ?? 0) : a.role === 'leader' ? -1 : 1));
}

/** 评审评价统计's export: the same scores as the page, for module-E staff and admins. */
export async function exportTeamScores(db: DbOrTx, actor: Actor): Promise<TeamScore[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canSeeReviewStaffPages(actor)) throw new AppError('FORBIDDEN');
  return teamScores(db);
}
