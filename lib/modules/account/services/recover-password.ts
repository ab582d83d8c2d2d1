import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { accountOwningMobile, clearLoginLock, findByIdentifier } from '@/lib/platform/auth/authenticate';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { hashPassword } from '@/lib/platform/auth/password';
import { authSecret } from '@/lib/platform/auth/secret';
import { redeemSmsCode, sendSmsCode, SMS_CODE_FAILURES, smsCodeRejected } from '@/lib/platform/auth/sms-codes';
import { consumeToken, issueToken } from '@/lib/platform/auth/tokens';
import { env } from '@/lib/platform/env';
import { AppError, isAppError } from '@/lib/platform/errors';
import { PasswordResetEmail, passwordResetSubject, sendEmail } from '@/lib/platform/email';
import { hit } from '@/lib/platform/rate-limit';
import { requestResetCodeSchema, requestResetEmailSchema, resetByLinkSchema, resetBySmsSchema } from '../recover-schemas';

/**
 * Forgotten password (SPEC §1.1): a code to the account's own mobile, or a
 * single-use link (30 minutes) to its email. Setting the new password ends
 * every session of the account. Every answer is the same for an account and
 * for a stranger (issue #15.7): a code or link goes out only when the account
 * exists (and, by SMS, the mobile is its own), and every step is rate limited.
 */
export const RESET_LINK_TTL_SECONDS = 30 * 60;
/** Per client address and hour: reset attempts by SMS; link requests. Per typed identifier and hour: link requests. */
export const RESET_LIMITS = { smsResetsPerIp: 20, linkRequestsPerIp: 20, linkRequestsPerIdentifier: 5, linksPerAccount: 5 } as const;

const identifierHash = (identifier: string) => crypto.createHash('sha256').update(identifier.trim().toLowerCase()).digest('hex');

async function limit(db: Db, key: string, max: number) {
  const r = await hit(db, key, 3600);
  if (r.count > max) throw new AppError('RATE_LIMITED', { params: { seconds: r.retryAfterSec } });
}


async function requireCaptcha(db: Db, payload: string) {
  if (!(await verifyCaptcha(db, await authSecret(db), payload))) {
    throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
  }
}

async function setPassword(tx: DbOrTx, userId: string, password: string, via: string, ip: string | null) {
  const passwordHash = await hashPassword(password);
  await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, userId));
  const ended = await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
  // The owner proved itself (a code to its mobile, a link to its email): a sign-in lock ends here.
  await clearLoginLock(tx, userId);
  await audit(tx, { action: 'account.password_reset', actorId: userId, targetType: 'user', targetId: userId, ip, detail: { via, endedSessions: ended.length } });
}

export const requestResetCodeDef = defineAction({
  access: { kind: 'public' },
  schema: requestResetCodeSchema,
  handler: async ({ db, input, ip }) => {
    await requireCaptcha(db, input.captcha);
    const owner = await accountOwningMobile(db, input.identifier, input.mobile, input.audience);
    const e = env();
    // The code is bound to the account (subject): it resets that account only.
    return sendSmsCode(
      db,
      { mobile: input.mobile, purpose: 'reset_password', ip, subject: owner?.id, withheld: owner ? undefined : { pair: input.identifier } },
      { ttlMinutes: e.SMS_CODE_TTL_MINUTES, dailyCap: e.SMS_DAILY_CAP, resendSeconds: e.SMS_RESEND_SECONDS },
    );
  },
});

export const resetBySmsDef = defineAction({
  access: { kind: 'public' },
  schema: resetBySmsSchema,
  handler: async ({ db, input, ip }) => {
    if (ip) await limit(db, `reset-sms:ip:${ip}`, RESET_LIMITS.smsResetsPerIp);
    const user = await accountOwningMobile(db, input.identifier, input.mobile, input.audience);
    if (!user) throw smsCodeRejected();
    try {
      await redeemSmsCode(db, { mobile: input.mobile, purpose: 'reset_password', code: input.smsCode, subject: user.id });
    } catch (e) {
      throw isAppError(e) && e.messageKey && SMS_CODE_FAILURES.has(e.messageKey) ? smsCodeRejected() : e;
    }
    await db.transaction(async (tx) => setPassword(tx, user.id, input.password, 'sms', ip));
    return { done: true };
  },
});

export const requestResetEmailDef = defineAction({
  access: { kind: 'public' },
  schema: requestResetEmailSchema,
  handler: async ({ db, input, ip }) => {
    await requireCaptcha(db, input.captcha);
    if (ip) await limit(db, `reset-mail:ip:${ip}`, RESET_LIMITS.linkRequestsPerIp);
    await limit(db, `reset-mail:ident:${identifierHash(input.identifier)}`, RESET_LIMITS.linkRequestsPerIdentifier);
    // The same answer whatever follows: no account, no email on file, or the account's own hourly allowance used up.
    const answer = { sent: true as const };
    const user = await findByIdentifier(db, input.identifier, input.audience);
    if (!user?.email) return answer;
    if ((await hit(db, `reset-mail:${user.id}`, 3600)).count > RESET_LIMITS.linksPerAccount) return answer;
    await db.transaction(async (tx) => {
      const token = await issueToken(tx, { purpose: 'reset_password', subjectId: user.id, ttlSeconds: RESET_LINK_TTL_SECONDS });
      const link = `${env().APP_URL}/recover/reset?token=${token}`;
      const props = { recipientName: user.name, link, ttlMinutes: RESET_LINK_TTL_SECONDS / 60 };
      await sendEmail(tx, { to: user.email!, subject: passwordResetSubject(props), template: PasswordResetEmail, props });
      await audit(tx, { action: 'account.password_reset_requested', actorId: user.id, ip, detail: { via: 'email' } });
    });
    return answer;
  },
});

export const resetByLinkDef = defineAction({
  access: { kind: 'public' },
  schema: resetByLinkSchema,
  handler: async ({ db, input, ip }) => {
    await db.transaction(async (tx) => {
      const t = await consumeToken(tx, 'reset_password', input.token);
      await setPassword(tx, t.subjectId, input.password, 'email', ip);
    });
    return { done: true };
  },
});
