import { and, asc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { exams, examSessions } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { shanghaiDayEnd, shanghaiDayStart } from '../../time';
import { updateExamSchema, type ExamFields } from '../schemas';
import { EXAM_ADMIN_ACCESS, lockExam, requireExamAdmin } from './access';
import { auditExam, changes } from './audit-exam';
import { assertNameFree, examColumns } from './create-exam';
import { examListChange } from './public-change';

/**
 * Saves the exam's fields, published or not (staff extend a window, correct
 * the notice). A new period must still hold every session already planned.
 */
export async function updateExam(db: Db, actor: Actor, input: ExamFields & { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return examListChange(db.transaction(async (tx) => {
    const cur = await lockExam(tx, input.id);
    if (input.name !== cur.name) await assertNameFree(tx, input.name, cur.id);
    const [outside] = await tx
      .select({ name: examSessions.name })
      .from(examSessions)
      .where(and(eq(examSessions.examId, cur.id), or(lt(examSessions.startsAt, shanghaiDayStart(input.periodStart)), gt(examSessions.endsAt, shanghaiDayEnd(input.periodEnd)))))
      .orderBy(asc(examSessions.startsAt))
      .limit(1);
    if (outside) {
      throw new AppError('BAD_INPUT', {
        messageKey: 'examAdmin.errors.periodExcludesSession',
        params: { session: outside.name },
        fieldErrors: { periodStart: ['examAdmin.errors.periodExcludesSessionField'], periodEnd: ['examAdmin.errors.periodExcludesSessionField'] },
      });
    }
    const next = examColumns(input);
    const diff = changes(cur, next);
    if (Object.keys(diff).length === 0) return { id: cur.id };
    await tx.update(exams).set({ ...next, updatedAt: sql`now()` }).where(eq(exams.id, cur.id));
    // The notice can be long: the log says that it changed, not both texts.
    if (diff.notice) diff.notice = [{ length: cur.notice.length }, { length: input.notice.length }];
    await auditExam(tx, 'exam.updated', { id: cur.id, name: input.name }, { actorId: staff.id, ip: meta.ip }, { changes: diff });
    return { id: cur.id };
  }));
}

export const updateExamDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: updateExamSchema,
  handler: ({ db, actor, input, ip }) => updateExam(db, actor, input, { ip }),
});
