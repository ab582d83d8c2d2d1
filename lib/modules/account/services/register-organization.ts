import { organizations, users } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { hashPassword } from '@/lib/platform/auth/password';
import { redeemSmsCode } from '@/lib/platform/auth/sms-codes';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { organizationRegistrationSchema, type OrganizationRegistration } from '../organization-schemas';
import { takenAnswer } from './taken-answers';
import { specificRegionRule, withRegionChecks } from '@/lib/reference/region-checks';

/**
 * Organization sign-up (SPEC: mobile + SMS code, then password, then contact,
 * landline, region). Creates the organization and its main account in one
 * transaction. One mobile, one account; one credit code, one organization: both
 * are unique constraints, so concurrent duplicates create one organization and
 * the others get a clear message.
 */
export async function registerOrganization(db: Db, input: OrganizationRegistration, ctx: { ip: string | null }) {
  // Spent before anything else: a code answers one attempt, whatever its outcome.
  await redeemSmsCode(db, { mobile: input.mobile, purpose: 'register', code: input.smsCode });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organizations)
        .values({
          name: input.orgName,
          creditCode: input.creditCode ?? null,
          regionCode: input.regionCode,
          address: input.address ?? null,
          contactName: input.contactName,
          contactPhone: input.mobile,
          landline: input.landline ?? null,
          email: input.email ?? null,
        })
        .returning({ id: organizations.id });
      const [u] = await tx
        .insert(users)
        .values({
          kind: 'organization',
          isOrgMain: true,
          orgId: org.id,
          name: input.orgName,
          mobile: input.mobile,
          email: input.email ?? null,
          passwordHash,
        })
        .returning({ id: users.id });
      await audit(tx, { action: 'account.register', actorId: u.id, targetType: 'user', targetId: u.id, ip: ctx.ip, detail: { kind: 'organization', orgId: org.id } });
      return { userId: u.id, orgId: org.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'users_mobile_unique')) throw await takenAnswer(db, ctx.ip, new AppError('CONFLICT', { messageKey: 'mobileTaken', fieldErrors: { mobile: ['mobileTaken'] } }));
    if (isUniqueViolation(e, 'organizations_creditCode_unique')) throw await takenAnswer(db, ctx.ip, new AppError('CONFLICT', { messageKey: 'creditCodeTaken', fieldErrors: { creditCode: ['creditCodeTaken'] } }));
    throw e;
  }
}

export const registerOrganizationDef = defineAction({
  access: { kind: 'public' },
  // The shared schema checks the region code's shape; the server also checks that it exists.
  schema: withRegionChecks(organizationRegistrationSchema, [specificRegionRule(['regionCode'])]),
  handler: ({ db, input, ip }) => registerOrganization(db, input, { ip }),
});
