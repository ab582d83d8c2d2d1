import { and, eq, ne } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';
import { checkSmsCode, consumeSmsCode, sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { env } from '@/lib/platform/env';
import { AppError } from '@/lib/platform/errors';
import { maskApplicantName } from '@/lib/platform/pdf/verify';
import { maskIdNumber } from '@/lib/reference/validators';
import { findAccountSchema, requestFindAccountCodeSchema } from '../recover-schemas';

/**
 * 找回账户 (seed 003 §2 “找回密码/账户”): someone who no longer knows which
 * account they hold proves the account's bound mobile with an SMS code and
 * is shown its login names — the username, the ID number (masked: they
 * know it), the mobile — to sign in with, or to recover the password of.
 * Applicant accounts only; staff accounts are managed by administrators.
 */

async function applicantByMobile(db: Db, mobile: string) {
  const [u] = await db
    .select({ id: users.id, username: users.username, idNumber: users.idNumber, mobile: users.mobile, name: users.name })
    .from(users)
    .where(and(eq(users.mobile, mobile), ne(users.kind, 'staff')));
  return u;
}

const notFound = () => new AppError('NOT_FOUND', { messageKey: 'accountNotFound', fieldErrors: { mobile: ['accountNotFound'] } });

export const requestFindAccountCodeDef = defineAction({
  access: { kind: 'public' },
  schema: requestFindAccountCodeSchema,
  handler: async ({ db, input, ip }) => {
    if (!(await verifyCaptcha(db, await authSecret(db), input.captcha))) throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
    if (!(await applicantByMobile(db, input.mobile))) throw notFound();
    const e = env();
    return sendSmsCode(db, { mobile: input.mobile, purpose: 'find_account', ip }, { ttlMinutes: e.SMS_CODE_TTL_MINUTES, dailyCap: e.SMS_DAILY_CAP, resendSeconds: e.SMS_RESEND_SECONDS });
  },
});

export const findAccountDef = defineAction({
  access: { kind: 'public' },
  schema: findAccountSchema,
  handler: async ({ db, input, ip }) => {
    const codeId = await checkSmsCode(db, { mobile: input.mobile, purpose: 'find_account', code: input.smsCode });
    const u = await applicantByMobile(db, input.mobile);
    if (!u) throw notFound();
    await db.transaction(async (tx) => {
      await consumeSmsCode(tx, codeId);
      await audit(tx, { action: 'account.found', actorId: u.id, targetType: 'user', targetId: u.id, ip, detail: { via: 'sms' } });
    });
    return { username: u.username, idNumberMasked: u.idNumber ? maskIdNumber(u.idNumber) : null, mobile: u.mobile, name: maskApplicantName(u.name) };
  },
});
