import { eq, sql } from 'drizzle-orm';
import { organizations, users } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { SignedInActor } from '@/lib/platform/auth/actor';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';
import { redeemSmsCode, sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { consumeToken, issueToken } from '@/lib/platform/auth/tokens';
import { env } from '@/lib/platform/env';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { EmailChangeEmail, emailChangeSubject, sendEmail } from '@/lib/platform/email';
import { hit } from '@/lib/platform/rate-limit';
import { maskMobile } from '@/lib/reference/validators';
import { changeMobileSchema, confirmEmailChangeSchema, profileSchema, requestEmailChangeSchema, requestMobileCodeSchema } from '../profile-schemas';
import { specificRegionRule, withRegionChecks } from '@/lib/reference/region-checks';

/**
 * The signed-in account's own settings. Every write is keyed by the actor's id
 * (or, for organization data, the main account's own organization), never by input.
 */
export const EMAIL_CHANGE_TTL_SECONDS = 24 * 3600;

/** The settings page's data for the signed-in account. */
export async function loadAccountSettings(db: Db, actor: SignedInActor) {
  const [u] = await db.select().from(users).where(eq(users.id, actor.id));
  const org = actor.kind === 'organization' ? (await db.select().from(organizations).where(eq(organizations.id, actor.orgId)))[0] : undefined;
  return { user: u, org };
}

export const updateProfileDef = defineAction({
  access: { kind: 'signedIn' },
  // The shared schema checks the region code's shape; the server also checks that it exists.
  schema: withRegionChecks(profileSchema, [specificRegionRule(['regionCode'])]),
  handler: async ({ db, actor, input, ip }) => {
    const [u] = await db.select().from(users).where(eq(users.id, actor.id));
    await db.transaction(async (tx) => {
      // ID type, number and birth date never change here; gender only when not derived from a resident ID.
      const gender = u.kind === 'individual' && u.idType !== 'resident_id' && input.gender ? input.gender : u.gender;
      await tx.update(users).set({ name: input.name, gender, updatedAt: sql`now()` }).where(eq(users.id, actor.id));
      if (actor.kind === 'organization' && actor.isMain) {
        await tx
          .update(organizations)
          .set({
            contactName: input.contactName,
            landline: input.landline,
            regionCode: input.regionCode,
            address: input.address,
            legalRepresentative: input.legalRepresentative,
            updatedAt: sql`now()`,
          })
          .where(eq(organizations.id, actor.orgId));
      }
      await audit(tx, { action: 'account.profile_updated', actorId: actor.id, targetType: 'user', targetId: actor.id, ip });
    });
    return { saved: true };
  },
});

export const requestMobileCodeDef = defineAction({
  access: { kind: 'signedIn' },
  schema: requestMobileCodeSchema,
  handler: async ({ db, actor, input, ip }) => {
    if (!(await verifyCaptcha(db, await authSecret(db), input.captcha))) {
      throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
    }
    // Whether another account holds the number is told only after the code is verified (changeMobileDef).
    const [own] = await db.select({ mobile: users.mobile }).from(users).where(eq(users.id, actor.id));
    if (own?.mobile === input.newMobile) throw new AppError('CONFLICT', { messageKey: 'sameMobile', fieldErrors: { newMobile: ['sameMobile'] } });
    const e = env();
    return sendSmsCode(db, { mobile: input.newMobile, purpose: 'change_mobile', ip, subject: actor.id }, { ttlMinutes: e.SMS_CODE_TTL_MINUTES, dailyCap: e.SMS_DAILY_CAP, resendSeconds: e.SMS_RESEND_SECONDS });
  },
});

export const changeMobileDef = defineAction({
  access: { kind: 'signedIn' },
  schema: changeMobileSchema,
  handler: async ({ db, actor, input, ip }) => {
    await redeemSmsCode(db, { mobile: input.newMobile, purpose: 'change_mobile', code: input.smsCode, subject: actor.id });
    const [before] = await db.select({ mobile: users.mobile }).from(users).where(eq(users.id, actor.id));
    try {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ mobile: input.newMobile, updatedAt: sql`now()` }).where(eq(users.id, actor.id));
        await audit(tx, { action: 'account.mobile_changed', actorId: actor.id, targetType: 'user', targetId: actor.id, ip, detail: { from: before.mobile ? maskMobile(before.mobile) : null, to: maskMobile(input.newMobile) } });
      });
    } catch (e) {
      if (isUniqueViolation(e, 'users_mobile_unique')) throw new AppError('CONFLICT', { messageKey: 'mobileTaken', fieldErrors: { newMobile: ['mobileTaken'] } });
      throw e;
    }
    return { mobile: input.newMobile };
  },
});

export const requestEmailChangeDef = defineAction({
  access: { kind: 'signedIn' },
  schema: requestEmailChangeSchema,
  handler: async ({ db, actor, input, ip }) => {
    const sent = await hit(db, `email-change:${actor.id}`, 3600);
    if (sent.count > 5) throw new AppError('RATE_LIMITED', { params: { seconds: sent.retryAfterSec } });
    await db.transaction(async (tx) => {
      const token = await issueToken(tx, { purpose: 'change_email', subjectId: actor.id, ttlSeconds: EMAIL_CHANGE_TTL_SECONDS, data: { email: input.newEmail } });
      const props = { recipientName: actor.name, link: `${env().APP_URL}/account/confirm-email?token=${token}`, ttlHours: EMAIL_CHANGE_TTL_SECONDS / 3600 };
      await sendEmail(tx, { to: input.newEmail, subject: emailChangeSubject(props), template: EmailChangeEmail, props });
      await audit(tx, { action: 'account.email_change_requested', actorId: actor.id, ip, detail: { to: input.newEmail } });
    });
    return { sentTo: input.newEmail };
  },
});

/** Public: the link may be opened in any browser; the token alone identifies the account and the new address. */
export const confirmEmailChangeDef = defineAction({
  access: { kind: 'public' },
  schema: confirmEmailChangeSchema,
  handler: async ({ db, input, ip }) => {
    return db.transaction(async (tx) => {
      const t = await consumeToken(tx, 'change_email', input.token);
      const email = (t.data as { email: string }).email;
      await tx.update(users).set({ email, updatedAt: sql`now()` }).where(eq(users.id, t.subjectId));
      await audit(tx, { action: 'account.email_changed', actorId: t.subjectId, targetType: 'user', targetId: t.subjectId, ip, detail: { to: email } });
      return { email };
    });
  },
});
