import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { sessions, users, type User } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '../audit';
import { AppError } from '../errors';
import { clear, hit, peek } from '../rate-limit';
import { verifyCaptcha } from './captcha';
import { hashPassword, verifyPassword } from './password';
import { checkSmsCode, consumeSmsCode } from './sms-codes';

/**
 * Sign-in domain functions behind next-auth's Credentials providers. Each
 * success creates a row in `sessions` (the JWT carries its id), so sessions can
 * be revoked server-side.
 */
export type Audience = 'applicant' | 'staff';
export type AuthContext = { ip?: string | null; userAgent?: string | null; secret: string };

export const LOGIN_LIMITS = { perAccount: 5, perIp: 30, windowSec: 900 } as const;

const kindsFor = (a: Audience) => (a === 'staff' ? (['staff'] as const) : (['individual', 'organization'] as const));

/** Finds an account by username, ID number or mobile (one of them, by shape). */
export async function findByIdentifier(db: Db, identifier: string, audience: Audience): Promise<User | undefined> {
  const id = identifier.trim();
  if (!id || id.length > 64) return undefined;
  const [u] = await db
    .select()
    .from(users)
    .where(and(inArray(users.kind, [...kindsFor(audience)]), or(eq(users.username, id), eq(users.idNumber, id.toUpperCase()), eq(users.mobile, id))))
    .limit(1);
  return u;
}

let dummyHash: Promise<string> | undefined;

async function refuseIfLimited(db: Db, identifier: string, ip: string | null | undefined) {
  const acct = await peek(db, `login:acct:${identifier.toLowerCase()}`, LOGIN_LIMITS.windowSec);
  if (acct.count >= LOGIN_LIMITS.perAccount) throw new AppError('RATE_LIMITED', { messageKey: 'loginLocked', params: { minutes: Math.max(1, Math.ceil(acct.retryAfterSec / 60)) } });
  if (ip) {
    const byIp = await peek(db, `login:ip:${ip}`, LOGIN_LIMITS.windowSec);
    if (byIp.count >= LOGIN_LIMITS.perIp) throw new AppError('RATE_LIMITED', { params: { seconds: byIp.retryAfterSec } });
  }
}

async function countFailure(db: Db, identifier: string, ctx: AuthContext, userId: string | null, reason: string) {
  await hit(db, `login:acct:${identifier.toLowerCase()}`, LOGIN_LIMITS.windowSec);
  if (ctx.ip) await hit(db, `login:ip:${ctx.ip}`, LOGIN_LIMITS.windowSec);
  await audit(db, { action: 'auth.login_failed', actorId: userId, success: false, ip: ctx.ip, detail: { identifier, reason } });
}

async function openSession(db: Db, user: User, method: 'password' | 'sms', ctx: AuthContext, identifier: string) {
  const [s] = await db.insert(sessions).values({ userId: user.id, method, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) }).returning({ id: sessions.id });
  await clear(db, `login:acct:${identifier.toLowerCase()}`);
  await audit(db, { action: 'auth.login', actorId: user.id, ip: ctx.ip, detail: { method } });
  return { userId: user.id, sessionId: s.id, mustChangePassword: user.mustChangePassword };
}

export async function authenticateWithPassword(
  db: Db,
  input: { identifier: string; password: string; captcha: string; audience: Audience },
  ctx: AuthContext,
) {
  const identifier = input.identifier.trim();
  if (!(await verifyCaptcha(db, ctx.secret, input.captcha))) throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
  await refuseIfLimited(db, identifier, ctx.ip);
  const user = await findByIdentifier(db, identifier, input.audience);
  // Verify against a dummy hash when the account does not exist, so timing does not tell.
  dummyHash ??= hashPassword('dummy-password-0');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok) {
    await countFailure(db, identifier, ctx, user?.id ?? null, user ? 'bad_password' : 'no_account');
    throw new AppError('UNAUTHENTICATED', { messageKey: 'badCredentials' });
  }
  if (user.status !== 'active') {
    await countFailure(db, identifier, ctx, user.id, 'disabled');
    throw new AppError('FORBIDDEN', { messageKey: user.status === 'pending_activation' ? 'accountNotActivated' : 'accountDisabled' });
  }
  return openSession(db, user, 'password', ctx, identifier);
}

export async function authenticateWithSms(
  db: Db,
  input: { identifier: string; mobile: string; code: string; audience: Audience },
  ctx: AuthContext,
) {
  const identifier = input.identifier.trim();
  await refuseIfLimited(db, identifier, ctx.ip);
  const user = await findByIdentifier(db, identifier, input.audience);
  if (!user || user.mobile !== input.mobile.trim()) {
    await countFailure(db, identifier, ctx, user?.id ?? null, 'mobile_mismatch');
    throw new AppError('UNAUTHENTICATED', { messageKey: 'mobileMismatch' });
  }
  if (user.status !== 'active') throw new AppError('FORBIDDEN', { messageKey: 'accountDisabled' });
  let codeId: string;
  try {
    codeId = await checkSmsCode(db, { mobile: user.mobile, purpose: 'login', code: input.code.trim() });
  } catch (e) {
    await countFailure(db, identifier, ctx, user.id, 'bad_code');
    throw e;
  }
  await consumeSmsCode(db, codeId);
  return openSession(db, user, 'sms', ctx, identifier);
}

/** Whether a login SMS may be sent: the account exists and that mobile is its own. */
export async function accountForLoginSms(db: Db, identifier: string, mobile: string, audience: Audience): Promise<User> {
  const user = await findByIdentifier(db, identifier, audience);
  if (!user || user.mobile !== mobile) throw new AppError('BAD_INPUT', { messageKey: 'mobileMismatch', fieldErrors: { mobile: ['mobileMismatch'] } });
  return user;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), sql`${sessions.revokedAt} is null`));
}
