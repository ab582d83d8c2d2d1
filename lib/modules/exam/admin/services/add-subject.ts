import type { Db } from '@/db';
import { examSubjects } from '@/db/schema';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { addSubjectSchema } from '../schemas';
import { assertNotFrozen, EXAM_ADMIN_ACCESS, lockSession, requireExamAdmin } from './access';
import { auditExam } from './audit-exam';

export const codeTaken = (cause: unknown) =>
  new AppError('BAD_INPUT', { messageKey: 'examAdmin.errors.subjectCodeTaken', fieldErrors: { code: ['examAdmin.errors.subjectCodeTakenField'] }, cause });

/** A subject (科目) of a session with its fee in fen; its code is unique within the exam (a constraint). */
export async function addSubject(db: Db, actor: Actor, input: { sessionId: string; code: string; name: string; fee: number }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  try {
    return await db.transaction(async (tx) => {
      const { exam, session } = await lockSession(tx, input.sessionId);
      await assertNotFrozen(tx, exam.id);
      const [s] = await tx.insert(examSubjects).values({ examId: exam.id, sessionId: session.id, code: input.code, name: input.name, feeFen: input.fee }).returning();
      await auditExam(tx, 'exam.subject_added', exam, { actorId: staff.id, ip: meta.ip }, { subjectId: s.id, session: session.name, code: s.code, name: s.name, feeFen: s.feeFen });
      return { id: s.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'exam_subjects_code_idx')) throw codeTaken(e);
    throw e;
  }
}

export const addSubjectDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: addSubjectSchema,
  handler: ({ db, actor, input, ip }) => addSubject(db, actor, input, { ip }),
});
