import crypto from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { sessions, users, type User } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '../audit';
import { hasForbiddenChars } from '../text-rules';
import { AppError, isAppError } from '../errors';
import { clear, hit, peek } from '../rate-limit';
import { verifyCaptcha } from './captcha';
import { hashPassword, verifyPassword } from './password';
import { redeemSmsCode, SMS_CODE_FAILURES, smsCodeRejected } from './sms-codes';

/**
 * Sign-in domain functions behind next-auth's Credentials providers. Each
 * success creates a row in `sessions` (the JWT carries its id), so sessions can
 * be revoked server-side.
 */
export type Audience = 'applicant' | 'staff';
export type AuthContext = { ip?: string | null; userAgent?: string | null; secret: string };

/**
 * Sign-in limits (a fixed 15-minute window each):
 * - per account, whatever identifier was typed (username, ID number, mobile): after `perAccount`
 *   failures, password sign-in is locked for the rest of the window. SMS sign-in (a code sent to the
 *   account's own mobile) and password reset by SMS stay open, and either clears the lock;
 * - per typed identifier, a soft limit: after `paceAfter` failures, attempts on that identifier are
 *   slowed to one per `paceSec` seconds (refused meanwhile, not counted); an identifier that names
 *   no account answers "locked" after `perAccount` failures too, so the answers do not tell
 *   accounts from strangers;
 * - per client address: `perIp` failures.
 */
export const LOGIN_LIMITS = { perAccount: 5, paceAfter: 3, paceSec: 10, perIp: 30, windowSec: 900 } as const;

const kindsFor = (a: Audience) => (a === 'staff' ? (['staff'] as const) : (['individual', 'organization'] as const));

/** Longest identifier looked up (usernames, ID numbers, mobiles are far shorter). */
export const MAX_IDENTIFIER_LENGTH = 64;

/** Finds an account by username, ID number or mobile (one of them, by shape). */
export async function findByIdentifier(db: Db, identifier: string, audience: Audience): Promise<User | undefined> {
  const id = identifier.trim();
  // Too long or unreadable (a NUL byte, a lone surrogate): no account has it, and the query is not asked.
  if (!id || id.length > MAX_IDENTIFIER_LENGTH || hasForbiddenChars(id)) return undefined;
  const [u] = await db
    .select()
    .from(users)
    .where(and(inArray(users.kind, [...kindsFor(audience)]), or(eq(users.username, id), eq(users.idNumber, id.toUpperCase()), eq(users.mobile, id))))
    .limit(1);
  return u;
}

let dummyHash: Promise<string> | undefined;

/** Rate-limit keys: the account by id; a typed identifier by its hash (any length, any case). */
const accountKey = (userId: string) => `login:acct:${userId}`;
const identifierKey = (identifier: string) => `login:ident:${crypto.createHash('sha256').update(identifier.trim().toLowerCase()).digest('hex')}`;
const paceKey = (identifier: string) => `login:pace:${identifierKey(identifier).slice('login:ident:'.length)}`;
const minutesOf = (sec: number) => Math.max(1, Math.ceil(sec / 60));

async function refuseIfIpLimited(db: Db, ip: string | null | undefined) {
  if (!ip) return;
  const byIp = await peek(db, `login:ip:${ip}`, LOGIN_LIMITS.windowSec);
  if (byIp.count >= LOGIN_LIMITS.perIp) throw new AppError('RATE_LIMITED', { params: { seconds: byIp.retryAfterSec } });
}

/** The account lock (password sign-in only), or an unknown identifier's equivalent. */
async function refuseIfLocked(db: Db, identifier: string, user: User | undefined) {
  const lock = await peek(db, user ? accountKey(user.id) : identifierKey(identifier), LOGIN_LIMITS.windowSec);
  if (lock.count >= LOGIN_LIMITS.perAccount) throw new AppError('RATE_LIMITED', { messageKey: 'loginLocked', params: { minutes: minutesOf(lock.retryAfterSec) } });
}

/** The per-identifier soft limit: slows an identifier that failed often, never locks it. */
async function paceIdentifier(db: Db, identifier: string) {
  const failures = await peek(db, identifierKey(identifier), LOGIN_LIMITS.windowSec);
  if (failures.count < LOGIN_LIMITS.paceAfter) return;
  const pace = await hit(db, paceKey(identifier), LOGIN_LIMITS.paceSec);
  if (pace.count > 1) throw new AppError('RATE_LIMITED', { messageKey: 'loginSlowDown', params: { seconds: Math.max(1, pace.retryAfterSec) } });
}

async function countFailure(db: Db, identifier: string, ctx: AuthContext, user: User | undefined, reason: string, opts: { lockAccount: boolean }) {
  if (user && opts.lockAccount) await hit(db, accountKey(user.id), LOGIN_LIMITS.windowSec);
  await hit(db, identifierKey(identifier), LOGIN_LIMITS.windowSec);
  if (ctx.ip) await hit(db, `login:ip:${ctx.ip}`, LOGIN_LIMITS.windowSec);
  await audit(db, { action: 'auth.login_failed', actorId: user?.id ?? null, success: false, ip: ctx.ip, detail: { identifier, reason } });
}

/** Ends an account's sign-in lock (after it proved itself another way: SMS sign-in, password reset). */
export async function clearLoginLock(db: DbOrTx, userId: string): Promise<void> {
  await clear(db, accountKey(userId));
}

async function openSession(db: Db, user: User, method: 'password' | 'sms', ctx: AuthContext, identifier: string) {
  const [s] = await db.insert(sessions).values({ userId: user.id, method, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) }).returning({ id: sessions.id });
  await clearLoginLock(db, user.id);
  for (const id of new Set([identifier, user.username, user.idNumber, user.mobile].filter((v): v is string => Boolean(v)))) await clear(db, identifierKey(id));
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
  await refuseIfIpLimited(db, ctx.ip);
  const user = await findByIdentifier(db, identifier, input.audience);
  await refuseIfLocked(db, identifier, user);
  await paceIdentifier(db, identifier);
  // Verify against a dummy hash when the account does not exist, so timing does not tell.
  dummyHash ??= hashPassword('dummy-password-0');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok) {
    await countFailure(db, identifier, ctx, user, user ? 'bad_password' : 'no_account', { lockAccount: true });
    throw new AppError('UNAUTHENTICATED', { messageKey: 'badCredentials' });
  }
  if (user.status !== 'active') {
    await countFailure(db, identifier, ctx, user, 'disabled', { lockAccount: true });
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
  // Not the account lock: a code sent to the account's own mobile is how a locked account gets back in.
  await refuseIfIpLimited(db, ctx.ip);
  await paceIdentifier(db, identifier);
  const user = await findByIdentifier(db, identifier, input.audience);
  // A wrong account+mobile pair answers as a wrong code does: the answer does not tell whose number it is.
  if (!user || user.mobile !== input.mobile.trim()) {
    await countFailure(db, identifier, ctx, user, 'mobile_mismatch', { lockAccount: false });
    throw smsCodeRejected();
  }
  try {
    await redeemSmsCode(db, { mobile: user.mobile, purpose: 'login', code: input.code.trim() });
  } catch (e) {
    await countFailure(db, identifier, ctx, user, 'bad_code', { lockAccount: false });
    throw isAppError(e) && e.messageKey && SMS_CODE_FAILURES.has(e.messageKey) ? smsCodeRejected() : e;
  }
  if (user.status !== 'active') throw new AppError('FORBIDDEN', { messageKey: 'accountDisabled' });
  return openSession(db, user, 'sms', ctx, identifier);
}

/**
 * The account a login or reset code is for: the identifier names it and the
 * mobile is its own; undefined otherwise. Callers answer the same either way
 * (the code is then withheld), so the answer does not tell accounts apart.
 */
export async function accountOwningMobile(db: Db, identifier: string, mobile: string, audience: Audience): Promise<User | undefined> {
  const user = await findByIdentifier(db, identifier, audience);
  return user && user.mobile === mobile.trim() ? user : undefined;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), sql`${sessions.revokedAt} is null`));
}
