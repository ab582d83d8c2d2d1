import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { hashPassword, verifyPassword } from '@/lib/platform/auth/password';
import { AppError } from '@/lib/platform/errors';
import { hit } from '@/lib/platform/rate-limit';
import { changePasswordSchema } from '../password-schemas';

/**
 * Changes the signed-in account's password and ends every other session of
 * that account (their session rows are revoked in the same transaction); the
 * session that made the change stays signed in.
 */
export async function changePassword(db: Db, actor: SignedInActor, input: { oldPassword: string; newPassword: string }, ctx: { ip: string | null }) {
  const tries = await hit(db, `pwchange:${actor.id}`, 900);
  if (tries.count > 10) throw new AppError('RATE_LIMITED', { params: { seconds: tries.retryAfterSec } });
  const [u] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!u || !(await verifyPassword(u.passwordHash, input.oldPassword))) {
    throw new AppError('BAD_INPUT', { messageKey: 'oldPasswordWrong', fieldErrors: { oldPassword: ['oldPasswordWrong'] } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, actor.id));
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, actor.id), ne(sessions.id, actor.sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await audit(tx, { action: 'account.password_changed', actorId: actor.id, targetType: 'user', targetId: actor.id, ip: ctx.ip, detail: { endedSessions: ended.length } });
    return { endedSessions: ended.length };
  });
}

export const changePasswordDef = defineAction({
  allowPendingPasswordChange: true,
  access: { kind: 'signedIn' },
  schema: changePasswordSchema,
  handler: ({ db, actor, input, ip }) => changePassword(db, actor, input, { ip }),
});
