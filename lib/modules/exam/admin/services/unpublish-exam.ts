import { and, eq, sql } from 'drizzle-orm';
import { exams } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { examIdSchema } from '../schemas';
import { EXAM_ADMIN_ACCESS, lockExam, registrationCount, requireExamAdmin } from './access';
import { auditExam } from './audit-exam';
import { examListChange } from './public-change';

/**
 * 撤回发布: the exam leaves the candidates' list and takes no new
 * registrations (openExams reads only published exams). It is allowed with
 * registrations: those, their orders and payments stay exactly as they are
 * (a candidate keeps what they paid for, refunds go on), and publishing again
 * brings the exam back. Fees and subjects stay frozen once an order exists,
 * whatever the status.
 */
export async function unpublishExam(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string; status: 'draft' }> {
  const staff = requireExamAdmin(actor);
  return examListChange(db.transaction(async (tx) => {
    const cur = await lockExam(tx, input.id);
    const [e] = await tx
      .update(exams)
      .set({ status: 'draft', updatedAt: sql`now()` })
      .where(and(eq(exams.id, cur.id), eq(exams.status, 'published')))
      .returning();
    if (!e) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.alreadyDraft' });
    await auditExam(tx, 'exam.unpublished', e, { actorId: staff.id, ip: meta.ip }, { registrations: await registrationCount(tx, e.id) });
    return { id: e.id, status: 'draft' as const };
  }));
}

export const unpublishExamDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: examIdSchema,
  handler: ({ db, actor, input, ip }) => unpublishExam(db, actor, input, { ip }),
});
