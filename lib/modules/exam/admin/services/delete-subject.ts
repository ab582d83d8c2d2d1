import { eq } from 'drizzle-orm';
import { examSubjects } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { idSchema } from '../schemas';
import { assertNotFrozen, assertStillPublishable, EXAM_ADMIN_ACCESS, lockSubject, refuseIfInUse, requireExamAdmin, subjectsInUse } from './access';
import { auditExam } from './audit-exam';

/** Deletes a subject nobody has picked, until the first order of the exam; a published exam keeps at least one. */
export async function deleteSubject(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return refuseIfInUse('examAdmin.errors.subjectInUse', () =>
    db.transaction(async (tx) => {
      const { exam, subject } = await lockSubject(tx, input.id);
      await assertNotFrozen(tx, exam.id);
      if (await subjectsInUse(tx, [subject.id])) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.subjectInUse' });
      await tx.delete(examSubjects).where(eq(examSubjects.id, subject.id));
      await assertStillPublishable(tx, exam);
      await auditExam(tx, 'exam.subject_deleted', exam, { actorId: staff.id, ip: meta.ip }, { subjectId: subject.id, code: subject.code, name: subject.name, feeFen: subject.feeFen });
      return { id: subject.id };
    }),
  );
}

export const deleteSubjectDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: idSchema,
  handler: ({ db, actor, input, ip }) => deleteSubject(db, actor, input, { ip }),
});
