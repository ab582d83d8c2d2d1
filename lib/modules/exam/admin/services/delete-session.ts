import { eq } from 'drizzle-orm';
import { examSessions, examSubjects } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { idSchema } from '../schemas';
import { assertNotFrozen, assertStillPublishable, EXAM_ADMIN_ACCESS, lockSession, refuseIfInUse, requireExamAdmin, subjectsInUse } from './access';
import { auditExam } from './audit-exam';

/**
 * Deletes a session with its subjects: not once orders exist, not while a
 * candidate has picked one of its subjects, and not the last session with
 * subjects of a published exam.
 */
export async function deleteSession(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return refuseIfInUse('examAdmin.errors.sessionInUse', () =>
    db.transaction(async (tx) => {
      const { exam, session } = await lockSession(tx, input.id);
      await assertNotFrozen(tx, exam.id);
      const subjects = await tx.select({ id: examSubjects.id, code: examSubjects.code }).from(examSubjects).where(eq(examSubjects.sessionId, session.id));
      if (await subjectsInUse(tx, subjects.map((s) => s.id))) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.sessionInUse' });
      await tx.delete(examSessions).where(eq(examSessions.id, session.id));
      await assertStillPublishable(tx, exam);
      await auditExam(tx, 'exam.session_deleted', exam, { actorId: staff.id, ip: meta.ip }, { sessionId: session.id, name: session.name, subjects: subjects.map((s) => s.code) });
      return { id: session.id };
    }),
  );
}

export const deleteSessionDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: idSchema,
  handler: ({ db, actor, input, ip }) => deleteSession(db, actor, input, { ip }),
});
