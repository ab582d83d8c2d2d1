import { and, asc, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { candidatePhotos, examAreas, examRegistrations, exams, examSubjects, registrationSubjects, type Exam, type ExamRegistration } from '@/db/schema';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { registrationOpen } from '../../catalog';
import { chooseAreaSchema, chooseSubjectsSchema, examIdSchema, saveInfoSchema, type RegistrationInfo } from '../schemas';
import { specificRegionRule, withRegionChecks } from '@/lib/reference/region-checks';

/**
 * The candidate's registration, step by step (信息维护 → 选择科目 → 选择考区 →
 * 网上缴费). Every step checks the exam's registration window on the server
 * and is scoped to the candidate's own row.
 */
export const CANDIDATE = { kind: 'applicant', module: 'exam' } as const;

/** Statuses in which the candidate may still change info, subjects and area (no live order yet). */
export const EDITABLE = ['info', 'subjects', 'area'] as const;

const LIVE_EXCLUDED = ['refunded', 'cancelled'];

export async function openExam(db: DbOrTx, examId: string, now = new Date()): Promise<Exam> {
  const [exam] = await db.select().from(exams).where(eq(exams.id, examId));
  if (!exam || exam.status !== 'published') throw new AppError('NOT_FOUND');
  if (!registrationOpen(exam, now)) throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.windowClosed' });
  return exam;
}

/** The candidate's live registration for an exam, if any. */
export async function liveRegistration(db: DbOrTx, userId: string, examId: string): Promise<ExamRegistration | undefined> {
  const [row] = await db
    .select()
    .from(examRegistrations)
    .where(and(eq(examRegistrations.userId, userId), eq(examRegistrations.examId, examId), notInArray(examRegistrations.status, LIVE_EXCLUDED)));
  return row;
}

/** A registration of this candidate (scoped in the query), or NOT_FOUND. */
export async function ownRegistration(db: DbOrTx, actor: Actor, registrationId: string): Promise<ExamRegistration> {
  if (actor.kind !== 'individual') throw new AppError('NOT_FOUND');
  const [row] = await db.select().from(examRegistrations).where(and(eq(examRegistrations.id, registrationId), eq(examRegistrations.userId, actor.id)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Why the registration's forms (info, subjects, area) are read-only now, as a
 * message key of `exam.frozen`, or null while they may be changed: the same
 * rules saveInfo / chooseSubjects / chooseArea apply, so the pages show the
 * form read-only with the reason instead of refusing only on save.
 */
export function frozenReason(reg: Pick<ExamRegistration, 'status'>, exam: Pick<Exam, 'status' | 'registrationOpensAt' | 'registrationClosesAt'>, now = new Date()): 'ordered' | 'paid' | 'ended' | 'closed' | null {
  if (reg.status === 'ordered') return 'ordered';
  if (reg.status === 'paid') return 'paid';
  if (!(EDITABLE as readonly string[]).includes(reg.status)) return 'ended';
  if (!registrationOpen(exam, now)) return 'closed';
  return null;
}

function editable(reg: ExamRegistration) {
  if (!(EDITABLE as readonly string[]).includes(reg.status)) throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.frozen' });
}

/** Accepting the candidate notice starts a registration (one live registration per exam; a repeat returns it). */
export async function acceptNotice(db: DbOrTx, actor: Actor, examId: string, now = new Date()): Promise<ExamRegistration> {
  if (actor.kind !== 'individual') throw new AppError('FORBIDDEN');
  await openExam(db, examId, now);
  const [photo] = await db.select({ userId: candidatePhotos.userId }).from(candidatePhotos).where(and(eq(candidatePhotos.userId, actor.id), isNotNull(candidatePhotos.confirmedAt)));
  if (!photo) throw new AppError('BAD_INPUT', { messageKey: 'exam.errors.photoRequired' });
  const existing = await liveRegistration(db, actor.id, examId);
  if (existing) return existing;
  try {
    const [row] = await db.insert(examRegistrations).values({ examId, userId: actor.id, noticeAcceptedAt: now }).returning();
    return row;
  } catch (e) {
    // Two tabs at once: the unique live index lets one insert through; return that one.
    if (isUniqueViolation(e)) return (await liveRegistration(db, actor.id, examId))!;
    throw e;
  }
}

export async function saveInfo(db: DbOrTx, actor: Actor, input: { registrationId: string; info: RegistrationInfo }, now = new Date()) {
  const reg = await ownRegistration(db, actor, input.registrationId);
  editable(reg);
  await openExam(db, reg.examId, now);
  // 个人 invoices are titled with the candidate's own name, whatever the browser sent.
  const info = input.info.invoice.type === 'personal' ? { ...input.info, invoice: { type: 'personal' as const, title: actor.kind === 'individual' ? actor.name : '' } } : input.info;
  const [row] = await db
    .update(examRegistrations)
    .set({ info, status: reg.status === 'info' ? 'subjects' : reg.status, updatedAt: now })
    .where(and(eq(examRegistrations.id, reg.id), inArray(examRegistrations.status, [...EDITABLE])))
    .returning();
  if (!row) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
  return row;
}

/** Subjects: at most one per session (also the table's primary key), all of this exam. */
export async function chooseSubjects(db: DbOrTx, actor: Actor, input: { registrationId: string; subjectIds: string[] }, now = new Date()) {
  const reg = await ownRegistration(db, actor, input.registrationId);
  editable(reg);
  if (reg.status === 'info') throw new AppError('INVALID_STATE', { messageKey: 'exam.errors.infoFirst' });
  await openExam(db, reg.examId, now);
  const ids = [...new Set(input.subjectIds)];
  const subjects = await db.select().from(examSubjects).where(and(eq(examSubjects.examId, reg.examId), inArray(examSubjects.id, ids)));
  if (subjects.length !== ids.length) throw new AppError('BAD_INPUT', { fieldErrors: { subjectIds: ['exam.errors.unknownSubject'] } });
  const sessions = new Set(subjects.map((s) => s.sessionId));
  if (sessions.size !== subjects.length) throw new AppError('BAD_INPUT', { fieldErrors: { subjectIds: ['exam.errors.onePerSession'] } });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(examRegistrations)
      .set({ status: reg.status === 'subjects' ? 'area' : reg.status, updatedAt: now })
      .where(and(eq(examRegistrations.id, reg.id), inArray(examRegistrations.status, [...EDITABLE])))
      .returning();
    if (!row) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
    await tx.delete(registrationSubjects).where(eq(registrationSubjects.registrationId, reg.id));
    await tx.insert(registrationSubjects).values(subjects.map((s) => ({ registrationId: reg.id, sessionId: s.sessionId, subjectId: s.id })));
    return { registration: row, totalFen: subjects.reduce((n, s) => n + s.feeFen, 0) };
  });
}

/** The area: one of this exam's, with a seat left now (the seat itself is taken when the order is placed). */
export async function chooseArea(db: DbOrTx, actor: Actor, input: { registrationId: string; areaId: string }, now = new Date()) {
  const reg = await ownRegistration(db, actor, input.registrationId);
  editable(reg);
  if (reg.status !== 'area') throw new AppError('INVALID_STATE', { messageKey: reg.status === 'info' ? 'exam.errors.infoFirst' : 'exam.errors.subjectsFirst' });
  await openExam(db, reg.examId, now);
  const [area] = await db.select().from(examAreas).where(and(eq(examAreas.id, input.areaId), eq(examAreas.examId, reg.examId)));
  if (!area) throw new AppError('BAD_INPUT', { fieldErrors: { areaId: ['exam.errors.unknownArea'] } });
  if (area.taken >= area.capacity) throw new AppError('CONFLICT', { messageKey: 'exam.errors.areaFull', fieldErrors: { areaId: ['exam.errors.areaFull'] } });
  const [row] = await db
    .update(examRegistrations)
    .set({ areaId: area.id, updatedAt: now })
    .where(and(eq(examRegistrations.id, reg.id), inArray(examRegistrations.status, [...EDITABLE])))
    .returning();
  if (!row) throw new AppError('CONFLICT', { messageKey: 'exam.errors.frozen' });
  return row;
}

/** What the process page shows: each step done or not, the chosen subjects and the total. */
export async function registrationProgress(db: DbOrTx, reg: ExamRegistration) {
  const chosen = await db
    .select({ id: examSubjects.id, name: examSubjects.name, code: examSubjects.code, feeFen: examSubjects.feeFen, sessionId: examSubjects.sessionId })
    .from(registrationSubjects)
    .innerJoin(examSubjects, eq(examSubjects.id, registrationSubjects.subjectId))
    .where(eq(registrationSubjects.registrationId, reg.id))
    .orderBy(asc(examSubjects.code));
  const paid = reg.status === 'paid';
  return {
    steps: {
      info: reg.status !== 'info',
      subjects: chosen.length > 0 && reg.status !== 'info' && reg.status !== 'subjects',
      area: reg.areaId !== null,
      payment: paid,
    },
    subjects: chosen,
    totalFen: chosen.reduce((n, s) => n + s.feeFen, 0),
  };
}

export const acceptExamNoticeDef = defineAction({
  access: CANDIDATE,
  schema: examIdSchema,
  handler: async ({ db, actor, input, now }) => {
    const reg = await acceptNotice(db, actor, input.examId, now());
    return { registrationId: reg.id };
  },
});

export const saveInfoDef = defineAction({
  access: CANDIDATE,
  // The shared schema checks the region code's shape; the server also checks that it exists.
  schema: withRegionChecks(saveInfoSchema, [specificRegionRule(['info', 'residenceRegion'])]),
  handler: async ({ db, actor, input, now }) => {
    const reg = await saveInfo(db, actor, input, now());
    return { registrationId: reg.id, status: reg.status };
  },
});

export const chooseSubjectsDef = defineAction({
  access: CANDIDATE,
  schema: chooseSubjectsSchema,
  handler: async ({ db, actor, input, now }) => {
    const r = await chooseSubjects(db, actor, input, now());
    return { registrationId: r.registration.id, totalFen: r.totalFen };
  },
});

export const chooseAreaDef = defineAction({
  access: CANDIDATE,
  schema: chooseAreaSchema,
  handler: async ({ db, actor, input, now }) => {
    const reg = await chooseArea(db, actor, input, now());
    return { registrationId: reg.id, areaId: reg.areaId };
  },
});

