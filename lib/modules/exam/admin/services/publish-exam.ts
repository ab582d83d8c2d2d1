import { and, eq, sql } from 'drizzle-orm';
import { exams } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { examIdSchema } from '../schemas';
import { EXAM_ADMIN_ACCESS, lockExam, publishProblems, requireExamAdmin } from './access';
import { auditExam } from './audit-exam';
import { examListChange } from './public-change';

/**
 * 发布: the exam appears in the candidates' list while its registration window
 * is open. It needs at least one session with at least one subject and at
 * least one area; the first thing missing is named.
 */
export async function publishExam(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string; status: 'published' }> {
  const staff = requireExamAdmin(actor);
  return examListChange(db.transaction(async (tx) => {
    const cur = await lockExam(tx, input.id);
    if (cur.status === 'published') throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.alreadyPublished' });
    const problems = await publishProblems(tx, cur.id);
    if (problems.length) throw new AppError('INVALID_STATE', { messageKey: problems[0] });
    const [e] = await tx
      .update(exams)
      .set({ status: 'published', updatedAt: sql`now()` })
      .where(and(eq(exams.id, cur.id), eq(exams.status, 'draft')))
      .returning();
    if (!e) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.alreadyPublished' });
    await auditExam(tx, 'exam.published', e, { actorId: staff.id, ip: meta.ip });
    return { id: e.id, status: 'published' as const };
  }));
}

export const publishExamDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: examIdSchema,
  handler: ({ db, actor, input, ip }) => publishExam(db, actor, input, { ip }),
});
