import { eq } from 'drizzle-orm';
import { exams } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { examFieldsSchema, type ExamFields } from '../schemas';
import { EXAM_ADMIN_ACCESS, requireExamAdmin } from './access';
import { auditExam } from './audit-exam';

/** The exam columns of the form's fields. */
export function examColumns(input: ExamFields) {
  return {
    name: input.name,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    registrationOpensAt: input.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt,
    refundOpensAt: input.refundOpensAt,
    refundClosesAt: input.refundClosesAt,
    areaChangeOpensAt: input.areaChangeOpensAt,
    areaChangeClosesAt: input.areaChangeClosesAt,
    notice: input.notice,
    orderTtlMinutes: input.orderTtlMinutes,
  };
}

/** Candidates pick an exam by its name: two exams with one name would be a trap. */
export async function assertNameFree(tx: DbOrTx, name: string, exceptId?: string): Promise<void> {
  const same = await tx.select({ id: exams.id }).from(exams).where(eq(exams.name, name));
  if (same.some((r) => r.id !== exceptId)) {
    throw new AppError('CONFLICT', { messageKey: 'examAdmin.errors.nameTaken', fieldErrors: { name: ['examAdmin.errors.nameTakenField'] } });
  }
}

/** A new exam, as a draft: candidates see it once it has sessions, subjects and areas and is published. */
export async function createExam(db: Db, actor: Actor, input: ExamFields, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [e] = await tx.insert(exams).values(examColumns(input)).returning();
    await auditExam(tx, 'exam.created', e, { actorId: staff.id, ip: meta.ip }, {
      periodStart: e.periodStart,
      periodEnd: e.periodEnd,
      registrationOpensAt: e.registrationOpensAt.toISOString(),
      registrationClosesAt: e.registrationClosesAt.toISOString(),
    });
    return { id: e.id };
  });
}

export const createExamDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: examFieldsSchema,
  handler: ({ db, actor, input, ip }) => createExam(db, actor, input, { ip }),
});
