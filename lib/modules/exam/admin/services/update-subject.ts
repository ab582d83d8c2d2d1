import { eq } from 'drizzle-orm';
import { examSubjects } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { isUniqueViolation } from '@/lib/platform/errors';
import { updateSubjectSchema } from '../schemas';
import { assertNotFrozen, EXAM_ADMIN_ACCESS, lockSubject, requireExamAdmin } from './access';
import { codeTaken } from './add-subject';
import { auditExam, changes } from './audit-exam';

/** Changes a subject's code, name or fee: only until the first order of the exam (see structureFrozen). */
export async function updateSubject(db: Db, actor: Actor, input: { id: string; code: string; name: string; fee: number }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  try {
    return await db.transaction(async (tx) => {
      const { exam, subject } = await lockSubject(tx, input.id);
      await assertNotFrozen(tx, exam.id);
      const next = { code: input.code, name: input.name, feeFen: input.fee };
      const diff = changes(subject, next);
      if (Object.keys(diff).length === 0) return { id: subject.id };
      await tx.update(examSubjects).set(next).where(eq(examSubjects.id, subject.id));
      await auditExam(tx, 'exam.subject_updated', exam, { actorId: staff.id, ip: meta.ip }, { subjectId: subject.id, changes: diff });
      return { id: subject.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'exam_subjects_code_idx')) throw codeTaken(e);
    throw e;
  }
}

export const updateSubjectDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: updateSubjectSchema,
  handler: ({ db, actor, input, ip }) => updateSubject(db, actor, input, { ip }),
});
