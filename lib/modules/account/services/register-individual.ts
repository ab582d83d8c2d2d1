import { users } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { hashPassword } from '@/lib/platform/auth/password';
import { redeemSmsCode } from '@/lib/platform/auth/sms-codes';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { parseResidentId } from '@/lib/reference/validators';
import { individualRegistrationSchema, type IndividualRegistration } from '../schemas';
import { takenAnswer } from './taken-answers';

/**
 * Individual sign-up (SPEC §1.1). One ID number, one account; one mobile, one
 * account: both are unique constraints, so concurrent duplicates create one
 * account and the others get a clear message.
 */
export async function registerIndividual(db: Db, input: IndividualRegistration, ctx: { ip: string | null }) {
  let gender = input.gender;
  let birthDate = input.birthDate;
  if (input.idType === 'resident_id') {
    const parsed = parseResidentId(input.idNumber);
    if (!parsed.ok) throw new AppError('BAD_INPUT', { fieldErrors: { idNumber: [parsed.reason] } });
    gender = parsed.gender;
    birthDate = parsed.birthDate;
  }
  // Spent before anything else: a code answers one attempt, whatever its outcome.
  await redeemSmsCode(db, { mobile: input.mobile, purpose: 'register', code: input.smsCode });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({
          kind: 'individual',
          idType: input.idType,
          idNumber: input.idNumber,
          name: input.name,
          gender,
          birthDate,
          mobile: input.mobile,
          email: input.email,
          passwordHash,
        })
        .returning({ id: users.id });
      await audit(tx, { action: 'account.register', actorId: u.id, targetType: 'user', targetId: u.id, ip: ctx.ip, detail: { kind: 'individual' } });
      return { userId: u.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'users_idNumber_unique')) throw await takenAnswer(db, ctx.ip, new AppError('CONFLICT', { messageKey: 'idNumberTaken', fieldErrors: { idNumber: ['idNumberTaken'] } }));
    if (isUniqueViolation(e, 'users_mobile_unique')) throw await takenAnswer(db, ctx.ip, new AppError('CONFLICT', { messageKey: 'mobileTaken', fieldErrors: { mobile: ['mobileTaken'] } }));
    throw e;
  }
}

export const registerIndividualDef = defineAction({
  access: { kind: 'public' },
  schema: individualRegistrationSchema,
  handler: ({ db, input, ip }) => registerIndividual(db, input, { ip }),
});
