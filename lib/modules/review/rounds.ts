import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { applications, documents, reviewNotices, reviewRounds, type ReviewRound } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/platform/errors';
import { LETTER_SLOT, ONSITE_SLOT, RECTIFICATION_SLOT } from './constants';

/**
 * Review rounds: round 1 opens when the pre-review passes, each on-site
 * re-review (现场复审) opens the next. Everything a round holds (invitations,
 * letter, notice and team, conclusion, rectifications, evaluation) points at
 * its round, so a new round starts empty and the old ones stay as they were.
 */

/** The project's current (latest) round, or null before the pre-review passed. */
export async function currentRound(tx: DbOrTx, applicationId: string): Promise<ReviewRound | null> {
  const [row] = await tx.select().from(reviewRounds).where(eq(reviewRounds.applicationId, applicationId)).orderBy(desc(reviewRounds.number)).limit(1);
  return row ?? null;
}

/** The current round; an engine step that needs one and finds none is in the wrong state. */
export async function requireRound(tx: DbOrTx, applicationId: string): Promise<ReviewRound> {
  const round = await currentRound(tx, applicationId);
  if (!round) throw new AppError('INVALID_STATE');
  return round;
}

/** Opens round `number` (idempotent: a retried step finds the round it opened). */
export async function openRound(tx: DbOrTx, applicationId: string, number: number, now: Date): Promise<ReviewRound> {
  await tx.insert(reviewRounds).values({ applicationId, number, createdAt: now }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.applicationId, applicationId), eq(reviewRounds.number, number)));
  return row;
}

/** The files that belong to one round (the stamped letter, on-site materials, rectification). */
export const ROUND_SLOTS = [LETTER_SLOT, ONSITE_SLOT, RECTIFICATION_SLOT];

/**
 * A new round starts with empty round slots: the previous round's files are
 * kept (status 'replaced', shown in the history and in 临时性文件) but no
 * longer count as this round's letter, materials or rectification.
 */
export async function retireRoundFiles(tx: DbOrTx, applicationId: string): Promise<void> {
  await tx
    .update(documents)
    .set({ status: 'replaced', replacedAt: sql`now()` })
    .where(and(eq(documents.applicationId, applicationId), inArray(documents.slot, ROUND_SLOTS), eq(documents.status, 'current')));
}

/** The leader assigned to the current round's review notice, or null before the notice. */
export async function currentLeaderId(tx: DbOrTx, applicationId: string): Promise<string | null> {
  const round = await currentRound(tx, applicationId);
  if (!round) return null;
  const [n] = await tx.select({ leaderId: reviewNotices.leaderId }).from(reviewNotices).where(eq(reviewNotices.roundId, round.id));
  return n?.leaderId ?? null;
}

/** Sets who works the project in the staff's 我的任务 (the round's leader while the on-site review and rectification run). */
export async function assignTo(tx: DbOrTx, applicationId: string, userId: string | null): Promise<void> {
  await tx.update(applications).set({ assigneeId: userId }).where(eq(applications.id, applicationId));
}
