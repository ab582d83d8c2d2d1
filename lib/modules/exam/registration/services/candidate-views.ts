import { and, asc, eq, gt, inArray, lte, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { candidatePhotos, examAreas, examRegistrations, exams, examSessions, examSubjects } from '@/db/schema';

/**
 * What a candidate reads: the exams open for registration with their own
 * status (未报考 / 已报考), and one exam's sessions, subjects and areas. The
 * open-exam query is the hot path when registration opens; it uses
 * exams_open_idx (status, opens, closes).
 */
export async function examsForCandidate(db: DbOrTx, userId: string, now = new Date()) {
  const open = await db
    .select()
    .from(exams)
    .where(and(eq(exams.status, 'published'), lte(exams.registrationOpensAt, now), gt(exams.registrationClosesAt, now)))
    .orderBy(asc(exams.registrationClosesAt));
  const mine = open.length
    ? await db
        .select({ examId: examRegistrations.examId, id: examRegistrations.id, status: examRegistrations.status })
        .from(examRegistrations)
        .where(and(eq(examRegistrations.userId, userId), inArray(examRegistrations.examId, open.map((e) => e.id)), notInArray(examRegistrations.status, ['refunded', 'cancelled'])))
    : [];
  return open.map((exam) => ({ exam, registration: mine.find((m) => m.examId === exam.id) ?? null }));
}

export async function examStructure(db: DbOrTx, examId: string) {
  const [sessions, subjects, areas] = await Promise.all([
    db.select().from(examSessions).where(eq(examSessions.examId, examId)).orderBy(asc(examSessions.sortOrder), asc(examSessions.startsAt)),
    db.select().from(examSubjects).where(eq(examSubjects.examId, examId)).orderBy(asc(examSubjects.code)),
    db.select().from(examAreas).where(eq(examAreas.examId, examId)).orderBy(asc(examAreas.sortOrder), asc(examAreas.name)),
  ]);
  return {
    sessions: sessions.map((s) => ({ ...s, subjects: subjects.filter((x) => x.sessionId === s.id) })),
    areas: areas.map((a) => ({ ...a, remaining: a.capacity - a.taken })),
  };
}

export async function photoConfirmed(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ confirmedAt: candidatePhotos.confirmedAt }).from(candidatePhotos).where(eq(candidatePhotos.userId, userId));
  return Boolean(row?.confirmedAt);
}
