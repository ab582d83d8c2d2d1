import { eq } from 'drizzle-orm';
import { examSessions } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { updateSessionSchema } from '../schemas';
import { EXAM_ADMIN_ACCESS, lockSession, requireExamAdmin } from './access';
import { auditExam, changes } from './audit-exam';
import { checkSession } from './session-rules';

/**
 * Renames or moves a session, also after orders exist: an exam may be
 * rescheduled. Its subjects and fees are not touched here.
 */
export async function updateSession(db: Db, actor: Actor, input: { id: string; name: string; startsAt: Date; endsAt: Date }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return db.transaction(async (tx) => {
    const { exam, session } = await lockSession(tx, input.id);
    await checkSession(tx, exam, input, session.id);
    const next = { name: input.name, startsAt: input.startsAt, endsAt: input.endsAt };
    const diff = changes(session, next);
    if (Object.keys(diff).length === 0) return { id: session.id };
    await tx.update(examSessions).set(next).where(eq(examSessions.id, session.id));
    await auditExam(tx, 'exam.session_updated', exam, { actorId: staff.id, ip: meta.ip }, { sessionId: session.id, changes: diff });
    return { id: session.id };
  });
}

export const updateSessionDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: updateSessionSchema,
  handler: ({ db, actor, input, ip }) => updateSession(db, actor, input, { ip }),
});
