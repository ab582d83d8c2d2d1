import { and, eq, sql } from 'drizzle-orm';
import { documents, organizations, reviewUnitProfiles } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { checkSmsCode, consumeSmsCode, sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';
import { env } from '@/lib/platform/env';
import { AppError } from '@/lib/platform/errors';
import { maskMobile } from '@/lib/reference/validators';
import { UNIT_LICENSE_SLOT } from './constants';
import type { UnitProfileInput } from './schemas';

/**
 * 单位信息管理 (seed 004 §5): the unit's basic information, kept by any
 * account of the unit with module E (audited with the fields changed). The
 * name and credit code are the account's and not edited here; the contact
 * mobile changes only with an SMS code sent to the new number (the account
 * module's flow: human check, code, check); the business licence is a file of
 * the unit's licence slot.
 */

type OrgActor = Extract<Actor, { kind: 'organization' }>;
const orgOf = (actor: Actor): OrgActor => {
  if (actor.kind !== 'organization') throw new AppError('FORBIDDEN');
  return actor;
};
const orNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

export async function updateUnitProfile(db: Db, actor: Actor, input: UnitProfileInput & { licenseDocumentId?: string | null }, opts: { now: Date; ip?: string | null }) {
  const org = orgOf(actor);
  return db.transaction(async (tx) => {
    if (input.licenseDocumentId) {
      // The licence must be a current file of the unit's licence slot (uploaded by any of its accounts).
      const [doc] = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(and(eq(documents.id, input.licenseDocumentId), eq(documents.slot, UNIT_LICENSE_SLOT), eq(documents.status, 'current'), eq(documents.orgId, org.orgId)));
      if (!doc) throw new AppError('BAD_INPUT', { fieldErrors: { licenseDocumentId: ['请先上传营业执照'] } });
    }
    const [before] = await tx.select().from(reviewUnitProfiles).where(eq(reviewUnitProfiles.orgId, org.orgId));
    await tx
      .update(organizations)
      .set({ address: input.address, legalRepresentative: input.legalRepresentative, contactName: input.contactName, landline: orNull(input.contactPhone), email: orNull(input.email), updatedAt: sql`now()` })
      .where(eq(organizations.id, org.orgId));
    const values = {
      postalCode: orNull(input.postalCode),
      fax: orNull(input.fax),
      bankName: orNull(input.bankName),
      bankAccount: orNull(input.bankAccount),
      website: orNull(input.website),
      registrationAuthority: orNull(input.registrationAuthority),
      registrationDate: orNull(input.registrationDate),
      registeredCapital: orNull(input.registeredCapital),
      institutionType: orNull(input.institutionType),
      certificateIssuer: orNull(input.certificateIssuer),
      parentApprovalDate: orNull(input.parentApprovalDate),
      parentApprovalNumber: orNull(input.parentApprovalNumber),
      parentHead: orNull(input.parentHead),
      licenseDocumentId: input.licenseDocumentId === undefined ? (before?.licenseDocumentId ?? null) : input.licenseDocumentId,
      updatedBy: org.id,
      updatedAt: opts.now,
    };
    await tx.insert(reviewUnitProfiles).values({ orgId: org.orgId, ...values }).onConflictDoUpdate({ target: reviewUnitProfiles.orgId, set: values });
    const changed = before ? Object.keys(values).filter((k) => !['updatedBy', 'updatedAt'].includes(k) && String(before[k as keyof typeof before] ?? '') !== String(values[k as keyof typeof values] ?? '')) : Object.keys(values).filter((k) => values[k as keyof typeof values] !== null && !['updatedBy', 'updatedAt'].includes(k));
    await audit(tx, { action: 'review.unit_profile_updated', actorId: org.id, targetType: 'organization', targetId: org.orgId, ip: opts.ip ?? null, detail: { changed } });
    return { saved: true };
  });
}

/** The SMS code for a new contact mobile: the human check first, then a code to the new number (bound to this account). */
export async function requestContactMobileCode(db: Db, actor: Actor, input: { newMobile: string; captcha: string }, ip: string | null) {
  const org = orgOf(actor);
  if (!(await verifyCaptcha(db, await authSecret(db), input.captcha))) throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
  const [row] = await db.select({ contactPhone: organizations.contactPhone }).from(organizations).where(eq(organizations.id, org.orgId));
  if (row?.contactPhone === input.newMobile) throw new AppError('CONFLICT', { messageKey: 'sameMobile', fieldErrors: { newMobile: ['sameMobile'] } });
  const e = env();
  return sendSmsCode(db, { mobile: input.newMobile, purpose: 'change_mobile', ip, subject: `review-contact:${org.id}` }, { ttlMinutes: e.SMS_CODE_TTL_MINUTES, dailyCap: e.SMS_DAILY_CAP, resendSeconds: e.SMS_RESEND_SECONDS });
}

/** Changes the unit's contact mobile once the code sent to the new number checks out (single use). */
export async function changeContactMobile(db: Db, actor: Actor, input: { newMobile: string; smsCode: string }, ip: string | null) {
  const org = orgOf(actor);
  const codeId = await checkSmsCode(db, { mobile: input.newMobile, purpose: 'change_mobile', code: input.smsCode, subject: `review-contact:${org.id}` });
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ contactPhone: organizations.contactPhone }).from(organizations).where(eq(organizations.id, org.orgId));
    await consumeSmsCode(tx, codeId);
    await tx.update(organizations).set({ contactPhone: input.newMobile, updatedAt: sql`now()` }).where(eq(organizations.id, org.orgId));
    await audit(tx, { action: 'review.contact_mobile_changed', actorId: org.id, targetType: 'organization', targetId: org.orgId, ip, detail: { from: before?.contactPhone ? maskMobile(before.contactPhone) : null, to: maskMobile(input.newMobile) } });
  });
  return { mobile: input.newMobile };
}

/** The unit's business licence file, for any account of the unit with module E (the file route redirects to it). */
export async function unitLicenseFor(db: DbOrTx, actor: Actor) {
  const org = orgOf(actor);
  if (!can(org, { action: 'module.use', module: 'review' })) throw new AppError('FORBIDDEN');
  const [row] = await db
    .select({ doc: documents })
    .from(reviewUnitProfiles)
    .innerJoin(documents, eq(documents.id, reviewUnitProfiles.licenseDocumentId))
    .where(and(eq(reviewUnitProfiles.orgId, org.orgId), eq(documents.orgId, org.orgId), eq(documents.status, 'current')));
  if (!row) throw new AppError('NOT_FOUND');
  return row.doc;
}
