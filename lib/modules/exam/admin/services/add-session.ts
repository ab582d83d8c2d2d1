import { eq, sql } from 'drizzle-orm';
import { examSessions } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { addSessionSchema } from '../schemas';
import { assertNotFrozen, EXAM_ADMIN_ACCESS, lockExam, requireExamAdmin } from './access';
import { auditExam } from './audit-exam';
import { checkSession } from './session-rules';

/** A new session (场次). Not once orders exist: candidates who paid chose from the sessions they saw. */
export async function addSession(db: Db, actor: Actor, input: { examId: string; name: string; startsAt: Date; endsAt: Date }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return db.transaction(async (tx) => {
    const exam = await lockExam(tx, input.examId);
    await assertNotFrozen(tx, exam.id);
    await checkSession(tx, exam, input);
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${examSessions.sortOrder}), -1) + 1`.mapWith(Number) })
      .from(examSessions)
      .where(eq(examSessions.examId, exam.id));
    const [s] = await tx.insert(examSessions).values({ examId: exam.id, name: input.name, startsAt: input.startsAt, endsAt: input.endsAt, sortOrder: next }).returning();
    await auditExam(tx, 'exam.session_added', exam, { actorId: staff.id, ip: meta.ip }, { sessionId: s.id, name: s.name, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() });
    return { id: s.id };
  });
}

export const addSessionDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: addSessionSchema,
  handler: ({ db, actor, input, ip }) => addSession(db, actor, input, { ip }),
});
