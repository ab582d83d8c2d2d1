import crypto from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { verificationCodes } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { AppError } from '../errors';
import { enqueueSms } from '../notify';
import { hit } from '../rate-limit';

/**
 * One-time SMS codes. Sending is limited per number (one per 60 s, a daily
 * cap) and per IP; a code is single-use, expires, and allows a few attempts.
 * Codes are stored hashed.
 */
export type CodePurpose = 'register' | 'login' | 'reset_password' | 'change_mobile' | 'activate' | 'find_account';
export const MAX_CODE_ATTEMPTS = 5;

const purposeText: Record<CodePurpose, string> = {
  register: '注册账户',
  login: '登录',
  reset_password: '重置密码',
  change_mobile: '更换手机号',
  activate: '激活账户',
  find_account: '找回账户',
};

/** A code can be bound to a subject (e.g. the account changing its mobile): only that subject can use it. */
const storedPurpose = (purpose: CodePurpose, subject?: string) => (subject ? `${purpose}:${subject}` : purpose);

const hashCode = (id: string, code: string) => crypto.createHash('sha256').update(`${id}:${code}`).digest('hex');

/**
 * Sends a code, within the limits. `withheld`: the request names an account
 * and mobile that do not belong together (a login or reset code asked for
 * someone else's number): the same limits apply, counted for that pair rather
 * than the number (a stranger cannot use up the owner's allowance), and the
 * answer is the same — but nothing is stored or sent. The answer never tells
 * whether an account exists.
 */
export async function sendSmsCode(
  db: Db,
  input: { mobile: string; purpose: CodePurpose; ip?: string | null; subject?: string; withheld?: { pair: string } },
  opts: { ttlMinutes: number; dailyCap: number; resendSeconds: number },
): Promise<{ expiresInSec: number; resendInSec: number }> {
  const counted = input.withheld ? `withheld:${crypto.createHash('sha256').update(`${input.withheld.pair}\n${input.mobile}`).digest('hex')}` : input.mobile;
  const perNumber = await hit(db, `sms:resend:${counted}`, opts.resendSeconds);
  if (perNumber.count > 1) throw new AppError('RATE_LIMITED', { messageKey: 'smsTooSoon', params: { seconds: perNumber.retryAfterSec } });
  const daily = await hit(db, `sms:day:${counted}`, 86_400);
  if (daily.count > opts.dailyCap) throw new AppError('RATE_LIMITED', { messageKey: 'smsDailyCap', params: { seconds: daily.retryAfterSec } });
  if (input.ip) {
    const perIp = await hit(db, `sms:ip:${input.ip}`, 3600);
    if (perIp.count > 30) throw new AppError('RATE_LIMITED', { params: { seconds: perIp.retryAfterSec } });
  }
  if (input.withheld) return { expiresInSec: opts.ttlMinutes * 60, resendInSec: opts.resendSeconds };

  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(verificationCodes).values({
      id,
      purpose: storedPurpose(input.purpose, input.subject),
      target: input.mobile,
      codeHash: hashCode(id, code),
      expiresAt: sql`now() + make_interval(mins => ${opts.ttlMinutes})`,
    });
    await enqueueSms(tx, {
      to: input.mobile,
      template: 'verification_code',
      params: { code, minutes: String(opts.ttlMinutes) },
      text: `【认证认可服务平台】您正在${purposeText[input.purpose]}，验证码为${code}，${opts.ttlMinutes}分钟内有效。如非本人操作，请忽略本短信。`,
    });
  });
  return { expiresInSec: opts.ttlMinutes * 60, resendInSec: opts.resendSeconds };
}

/**
 * Checks a code without consuming it, counting a wrong guess. Call outside any
 * transaction (the attempt must count even if the caller's work fails). Callers
 * spend a code with `redeemSmsCode`, never inside their own transaction: a code
 * used inside a transaction that rolls back (a unique violation) would stay
 * valid, and one code could then test any number of ID numbers.
 */
export async function checkSmsCode(db: Db, input: { mobile: string; purpose: CodePurpose; code: string; subject?: string }): Promise<string> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.target, input.mobile), eq(verificationCodes.purpose, storedPurpose(input.purpose, input.subject)), isNull(verificationCodes.consumedAt), gt(verificationCodes.expiresAt, sql`now()`)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  const invalid = () => new AppError('BAD_INPUT', { messageKey: 'smsCodeInvalid', fieldErrors: { smsCode: ['smsCodeInvalid'] } });
  if (!row) throw new AppError('BAD_INPUT', { messageKey: 'smsCodeExpired', fieldErrors: { smsCode: ['smsCodeExpired'] } });
  if (row.attempts >= MAX_CODE_ATTEMPTS) throw new AppError('BAD_INPUT', { messageKey: 'smsCodeTooManyAttempts', fieldErrors: { smsCode: ['smsCodeTooManyAttempts'] } });
  const ok = /^\d{6}$/.test(input.code) && crypto.timingSafeEqual(Buffer.from(hashCode(row.id, input.code)), Buffer.from(row.codeHash));
  if (!ok) {
    await db.update(verificationCodes).set({ attempts: sql`${verificationCodes.attempts} + 1` }).where(eq(verificationCodes.id, row.id));
    throw invalid();
  }
  return row.id;
}

/** The message keys of a code that does not work (wrong, expired or never sent, too many guesses). */
export const SMS_CODE_FAILURES: ReadonlySet<string> = new Set(['smsCodeInvalid', 'smsCodeExpired', 'smsCodeTooManyAttempts']);

/**
 * One answer for any code that does not work, for flows where the account and
 * mobile come from the visitor (SMS sign-in, reset by SMS): a wrong pair then
 * answers exactly as a wrong code.
 */
export const smsCodeRejected = () => new AppError('BAD_INPUT', { messageKey: 'smsCodeRejected', fieldErrors: { smsCode: ['smsCodeRejected'] } });

/** Marks a checked code used; fails if another request used it first. */
export async function consumeSmsCode(tx: DbOrTx, codeId: string): Promise<void> {
  const used = await tx
    .update(verificationCodes)
    .set({ consumedAt: sql`now()` })
    .where(and(eq(verificationCodes.id, codeId), isNull(verificationCodes.consumedAt), gt(verificationCodes.expiresAt, sql`now()`)))
    .returning({ id: verificationCodes.id });
  if (used.length !== 1) throw new AppError('BAD_INPUT', { messageKey: 'smsCodeExpired', fieldErrors: { smsCode: ['smsCodeExpired'] } });
}

/**
 * Checks a code and marks it used, outside any transaction: whatever happens
 * next (the caller's work may fail, e.g. on an ID number already registered),
 * the code is spent. A wrong guess counts as in `checkSmsCode`.
 */
export async function redeemSmsCode(db: Db, input: { mobile: string; purpose: CodePurpose; code: string; subject?: string }): Promise<void> {
  const codeId = await checkSmsCode(db, input);
  await consumeSmsCode(db, codeId);
}
