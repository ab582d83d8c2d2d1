import { and, asc, eq, gt, inArray, lte, min, sql } from 'drizzle-orm';
import { examAreas, exams, examSessions, examSubjects, type Exam } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { isUuid } from '@/lib/platform/schemas';
import { sharedStampedCache, type StampedCache, type StampedCacheOptions } from '@/lib/platform/cache/stamped-cache';

/**
 * The read model of module D that staff pages and the candidate flow share:
 * which exams are open, and an exam with its sessions, subjects and areas.
 * Plain reads, no actor: callers decide who may see what (a draft exam is
 * returned by examDetail too; candidate pages must check `status`).
 */

/** A window [opens, closes): open from its first instant until, not including, its closing instant. */
export function windowOpen(opens: Date | null, closes: Date | null, now: Date = new Date()): boolean {
  return !!opens && !!closes && opens <= now && now < closes;
}

export const registrationOpen = (e: Pick<Exam, 'status' | 'registrationOpensAt' | 'registrationClosesAt'>, now = new Date()) =>
  e.status === 'published' && windowOpen(e.registrationOpensAt, e.registrationClosesAt, now);
export const refundOpen = (e: Pick<Exam, 'refundOpensAt' | 'refundClosesAt'>, now = new Date()) => windowOpen(e.refundOpensAt, e.refundClosesAt, now);
export const areaChangeOpen = (e: Pick<Exam, 'areaChangeOpensAt' | 'areaChangeClosesAt'>, now = new Date()) => windowOpen(e.areaChangeOpensAt, e.areaChangeClosesAt, now);

export type OpenExam = Pick<
  Exam,
  'id' | 'name' | 'periodStart' | 'periodEnd' | 'registrationOpensAt' | 'registrationClosesAt' | 'refundOpensAt' | 'refundClosesAt' | 'areaChangeOpensAt' | 'areaChangeClosesAt'
>;

/** The query of openExams, unexecuted (a test reads its plan). */
export function openExamsQuery(db: DbOrTx, now: Date) {
  return db
    .select({
      id: exams.id,
      name: exams.name,
      periodStart: exams.periodStart,
      periodEnd: exams.periodEnd,
      registrationOpensAt: exams.registrationOpensAt,
      registrationClosesAt: exams.registrationClosesAt,
      refundOpensAt: exams.refundOpensAt,
      refundClosesAt: exams.refundClosesAt,
      areaChangeOpensAt: exams.areaChangeOpensAt,
      areaChangeClosesAt: exams.areaChangeClosesAt,
    })
    .from(exams)
    // registrationOpen() as SQL: published, opensAt <= now < closesAt.
    .where(and(eq(exams.status, 'published'), lte(exams.registrationOpensAt, now), gt(exams.registrationClosesAt, now)))
    .orderBy(asc(exams.registrationClosesAt), asc(exams.name));
}

/**
 * The candidates' exam list (SPEC §5.3): published exams whose registration
 * window is open at `now`, the one closing soonest first. The conditions are
 * plain comparisons on the bare columns (status =, opens <=, closes >), so the
 * planner can use exams_open_idx (status, registration_opens_at,
 * registration_closes_at) instead of scanning every exam ever held.
 */
export async function openExams(db: DbOrTx, now: Date = new Date()): Promise<OpenExam[]> {
  return openExamsQuery(db, now);
}

/**
 * The stamp of the open-exam list: a hash of every exam's identity, status,
 * name, registration window and change instant (every write of an exam sets
 * updated_at; a deletion drops its row from the sum). One scan of the exams
 * table, read at most every `recheckMs` per instance.
 */
async function examsStamp(db: DbOrTx): Promise<string> {
  const [r] = await db
    .select({
      hash: sql<string>`coalesce(sum(hashtext(concat_ws('|', ${exams.id}, ${exams.status}, ${exams.name}, ${exams.registrationOpensAt}, ${exams.registrationClosesAt}, ${exams.updatedAt}))), 0)::text`,
    })
    .from(exams);
  return r.hash;
}

/** The home page's open exams: a change on another instance shows within `recheckMs` (2 s); on the instance that made it, at once. */
export const OPEN_EXAMS_CACHE: StampedCacheOptions = { name: 'openExams', stamp: examsStamp, recheckMs: 2_000, maxAgeMs: 30_000, maxEntries: 4 };

/**
 * openExams at this instant, over one cache (the process's shared one, or a
 * test's own). The list only changes when a published exam's window opens or
 * closes, so a kept list is also dropped at the first such instant after it
 * was read (the soonest closing of the list, the next opening of a published
 * exam), whatever the stamp says.
 */
export async function openExamsKept(db: DbOrTx, cache: StampedCache): Promise<OpenExam[]> {
  const read = async () => {
    const now = new Date(cache.now());
    const [list, [next]] = await Promise.all([
      openExamsQuery(db, now),
      db
        .select({ at: min(exams.registrationOpensAt) })
        .from(exams)
        .where(and(eq(exams.status, 'published'), gt(exams.registrationOpensAt, now))),
    ]);
    const bounds = [...list.map((e) => e.registrationClosesAt.getTime()), ...(next?.at ? [next.at.getTime()] : [])];
    return { list, until: bounds.length ? Math.min(...bounds) : null };
  };
  return (await cache.read(db, 'open', read, { until: (v) => v.until })).list;
}

/** The open exams now, kept per instance (the public home page). */
export const openExamsNow = (db: DbOrTx) => openExamsKept(db, sharedStampedCache(OPEN_EXAMS_CACHE));

/** Called by whatever changed exams, after its transaction: this instance's home page shows the change at once. */
export function invalidateOpenExams(): void {
  sharedStampedCache(OPEN_EXAMS_CACHE).invalidate();
}

export type CatalogSubject = { id: string; code: string; name: string; feeFen: number };
export type CatalogSession = { id: string; name: string; startsAt: Date; endsAt: Date; subjects: CatalogSubject[] };
export type CatalogArea = { id: string; name: string; regionCode: string | null; capacity: number; taken: number; remaining: number };
export type ExamDetail = { exam: Exam; sessions: CatalogSession[]; areas: CatalogArea[] };

/**
 * An exam with its sessions in time order, each with its subjects by code,
 * and its areas in their set order with the seats left (capacity − taken).
 * Null for an unknown id.
 */
export async function examDetail(db: DbOrTx, examId: string): Promise<ExamDetail | null> {
  if (!isUuid(examId)) return null;
  const [exam] = await db.select().from(exams).where(eq(exams.id, examId));
  if (!exam) return null;
  const sessions = await db
    .select({ id: examSessions.id, name: examSessions.name, startsAt: examSessions.startsAt, endsAt: examSessions.endsAt })
    .from(examSessions)
    .where(eq(examSessions.examId, exam.id))
    .orderBy(asc(examSessions.startsAt), asc(examSessions.sortOrder), asc(examSessions.id));
  const subjects = sessions.length
    ? await db
        .select({ id: examSubjects.id, sessionId: examSubjects.sessionId, code: examSubjects.code, name: examSubjects.name, feeFen: examSubjects.feeFen })
        .from(examSubjects)
        .where(inArray(examSubjects.sessionId, sessions.map((s) => s.id)))
        .orderBy(asc(examSubjects.code))
    : [];
  const areas = await db
    .select({ id: examAreas.id, name: examAreas.name, regionCode: examAreas.regionCode, capacity: examAreas.capacity, taken: examAreas.taken })
    .from(examAreas)
    .where(eq(examAreas.examId, exam.id))
    .orderBy(asc(examAreas.sortOrder), asc(examAreas.name));
  return {
    exam,
    sessions: sessions.map((s) => ({ ...s, subjects: subjects.filter((x) => x.sessionId === s.id).map((x) => ({ id: x.id, code: x.code, name: x.name, feeFen: x.feeFen })) })),
    areas: areas.map((a) => ({ ...a, remaining: Math.max(0, a.capacity - a.taken) })),
  };
}
