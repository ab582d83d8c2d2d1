import { and, eq, notExists, sql } from 'drizzle-orm';
import { examRegistrations, exams } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { examIdSchema } from '../schemas';
import { EXAM_ADMIN_ACCESS, lockExam, registrationCount, requireExamAdmin } from './access';
import { auditExam } from './audit-exam';
import { examListChange } from './public-change';

/**
 * Deletes a draft exam nobody registered for, with its sessions, subjects and
 * areas. Registrations would go with it (the foreign key cascades), so the
 * DELETE itself repeats both conditions: nothing with a registration is ever
 * removed, whatever happened between the check and the statement.
 */
export async function deleteExam(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return examListChange(db.transaction(async (tx) => {
    const cur = await lockExam(tx, input.id);
    if (cur.status !== 'draft') throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.deletePublished' });
    if ((await registrationCount(tx, cur.id)) > 0) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.deleteHasRegistrations' });
    const gone = await tx
      .delete(exams)
      .where(and(eq(exams.id, cur.id), eq(exams.status, 'draft'), notExists(tx.select({ one: sql`1` }).from(examRegistrations).where(eq(examRegistrations.examId, cur.id)))))
      .returning({ id: exams.id });
    if (!gone.length) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.deleteHasRegistrations' });
    await auditExam(tx, 'exam.deleted', cur, { actorId: staff.id, ip: meta.ip }, { periodStart: cur.periodStart, periodEnd: cur.periodEnd });
    return { id: cur.id };
  }));
}

export const deleteExamDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: examIdSchema,
  handler: ({ db, actor, input, ip }) => deleteExam(db, actor, input, { ip }),
});
