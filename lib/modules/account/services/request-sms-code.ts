import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import { accountForLoginSms } from '@/lib/platform/auth/authenticate';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { env } from '@/lib/platform/env';
import { AppError } from '@/lib/platform/errors';
import { requestSmsCodeSchema, type RequestSmsCodeInput } from '../schemas';

/**
 * Sends a verification code for sign-up or SMS sign-in. The human check is
 * required because every SMS costs money and can be used to harass a number.
 */
export async function requestSmsCode(db: Db, input: ReturnType<typeof requestSmsCodeSchema.parse>, ctx: { ip: string | null }) {
  if (!(await verifyCaptcha(db, await authSecret(db), input.captcha))) {
    throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
  }
  if (input.purpose === 'register' || input.purpose === 'activate') {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.mobile, input.mobile)).limit(1);
    const key = input.purpose === 'activate' ? 'legacyMobileTaken' : 'mobileRegistered';
    if (taken) throw new AppError('CONFLICT', { messageKey: key, fieldErrors: { mobile: [key] } });
  } else {
    await accountForLoginSms(db, input.identifier ?? '', input.mobile, input.audience ?? 'applicant');
  }
  const e = env();
  return sendSmsCode(db, { mobile: input.mobile, purpose: input.purpose, ip: ctx.ip }, { ttlMinutes: e.SMS_CODE_TTL_MINUTES, dailyCap: e.SMS_DAILY_CAP, resendSeconds: e.SMS_RESEND_SECONDS });
}

export const requestSmsCodeDef = defineAction({
  access: { kind: 'public' },
  schema: requestSmsCodeSchema,
  handler: ({ db, input, ip }) => requestSmsCode(db, input, { ip }),
});
export type { RequestSmsCodeInput };
