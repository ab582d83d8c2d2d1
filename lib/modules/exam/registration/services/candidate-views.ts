import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { candidatePhotos, examRegistrations } from '@/db/schema';
import { examDetail, openExams } from '../../catalog';

/**
 * What a candidate reads: the exams open for registration with their own
 * status (未报考 / 已报考), and one exam's sessions, subjects and areas. The
 * open-exam query is the hot path when registration opens; it uses
 * exams_open_idx (status, opens, closes).
 */
export async function examsForCandidate(db: DbOrTx, userId: string, now = new Date()) {
  const open = await openExams(db, now);
  const mine = open.length
    ? await db
        .select({ examId: examRegistrations.examId, id: examRegistrations.id, status: examRegistrations.status })
        .from(examRegistrations)
        .where(and(eq(examRegistrations.userId, userId), inArray(examRegistrations.examId, open.map((e) => e.id)), notInArray(examRegistrations.status, ['refunded', 'cancelled'])))
    : [];
  return open.map((exam) => ({ exam, registration: mine.find((m) => m.examId === exam.id) ?? null }));
}

/** Sessions with subjects and areas with seats left (the shared catalog read). */
export async function examStructure(db: DbOrTx, examId: string) {
  const detail = await examDetail(db, examId);
  return { sessions: detail?.sessions ?? [], areas: detail?.areas ?? [] };
}

export async function photoConfirmed(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ confirmedAt: candidatePhotos.confirmedAt }).from(candidatePhotos).where(eq(candidatePhotos.userId, userId));
  return Boolean(row?.confirmedAt);
}
