import { and, eq, isNull } from 'drizzle-orm';
import { exams } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { examIdSchema } from '../schemas';
import { EXAM_ADMIN_ACCESS, lockExam, requireExamAdmin } from './access';
import { assignTicketNumbers } from '../../registration/services/ticket';
import { notifyTicketsReleased } from '../../registration/services/ticket-notify';
import { auditExam } from './audit-exam';

/**
 * 发放准考证: from now on paid candidates may print their admission tickets.
 * Only for a published exam whose registration has closed (the candidate list
 * is final), and once: it cannot be taken back. Each paid registration gets
 * its ticket number in the same transaction, and its candidate a notice
 * (in-app, SMS, email).
 */
export async function releaseTickets(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null; now?: Date } = {}): Promise<{ id: string; ticketsReleasedAt: string; tickets: number }> {
  const staff = requireExamAdmin(actor);
  const now = meta.now ?? new Date();
  return db.transaction(async (tx) => {
    const cur = await lockExam(tx, input.id);
    if (cur.status !== 'published') throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.ticketsNotPublished' });
    if (cur.ticketsReleasedAt) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.ticketsAlreadyReleased' });
    if (now < cur.registrationClosesAt) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.ticketsBeforeClose' });
    const [e] = await tx
      .update(exams)
      .set({ ticketsReleasedAt: now, updatedAt: now })
      .where(and(eq(exams.id, cur.id), isNull(exams.ticketsReleasedAt), eq(exams.status, 'published')))
      .returning();
    if (!e) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.ticketsAlreadyReleased' });
    // Every paid candidate's number, from the sequence all exams share (unique across exams, a constraint too).
    const numbered = await assignTicketNumbers(tx, e.id);
    // … and each of them is told: in-app, SMS and email, through the outbox of this transaction.
    await notifyTicketsReleased(tx, e);
    await auditExam(tx, 'exam.tickets_released', e, { actorId: staff.id, ip: meta.ip }, { at: now.toISOString(), tickets: numbered });
    return { id: e.id, ticketsReleasedAt: now.toISOString(), tickets: numbered };
  });
}

export const releaseTicketsDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: examIdSchema,
  handler: ({ db, actor, input, ip, now }) => releaseTickets(db, actor, input, { ip, now: now() }),
});
