import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import { accountOwningMobile } from '@/lib/platform/auth/authenticate';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { env } from '@/lib/platform/env';
import { AppError } from '@/lib/platform/errors';
import { requestSmsCodeSchema, type RequestSmsCodeInput } from '../schemas';

/**
 * Sends a verification code for sign-up, legacy activation or SMS sign-in. The
 * human check is required because every SMS costs money and can be used to
 * harass a number. The answer never tells whether a number or an account is
 * registered: a sign-up code goes out whatever (whether the number is taken is
 * said only once the code is verified, SPEC §1.1 and issue #15.7); a sign-in
 * code goes out only when the account and mobile belong together, with the
 * same answer otherwise.
 */
export async function requestSmsCode(db: Db, input: ReturnType<typeof requestSmsCodeSchema.parse>, ctx: { ip: string | null }) {
  if (!(await verifyCaptcha(db, await authSecret(db), input.captcha))) {
    throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
  }
  const e = env();
  const opts = { ttlMinutes: e.SMS_CODE_TTL_MINUTES, dailyCap: e.SMS_DAILY_CAP, resendSeconds: e.SMS_RESEND_SECONDS };
  if (input.purpose === 'login') {
    const identifier = input.identifier ?? '';
    const owner = await accountOwningMobile(db, identifier, input.mobile, input.audience ?? 'applicant');
    return sendSmsCode(db, { mobile: input.mobile, purpose: 'login', ip: ctx.ip, withheld: owner ? undefined : { pair: identifier } }, opts);
  }
  return sendSmsCode(db, { mobile: input.mobile, purpose: input.purpose, ip: ctx.ip }, opts);
}

export const requestSmsCodeDef = defineAction({
  access: { kind: 'public' },
  schema: requestSmsCodeSchema,
  handler: ({ db, input, ip }) => requestSmsCode(db, input, { ip }),
});
export type { RequestSmsCodeInput };
