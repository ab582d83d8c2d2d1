import { and, eq, isNull, sql } from 'drizzle-orm';
import { legacyAccounts, organizations, users } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { hashPassword, verifyPassword } from '@/lib/platform/auth/password';
import { authSecret } from '@/lib/platform/auth/secret';
import { createSignedTicket, expiresAt, readSignedTicket } from '@/lib/platform/auth/signed-ticket';
import { redeemSmsCode } from '@/lib/platform/auth/sms-codes';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { clear, hit, peek } from '@/lib/platform/rate-limit';
import { activateLegacySchema, legacyCredentialsSchema } from '../legacy-schemas';

/**
 * Activation of an imported old-system account (老系统用户激活):
 * 1. old account + password → a signed, short-lived activation ticket;
 * 2. ticket + new mobile + SMS code → the organization and its main account
 *    are created (the mobile becomes the login, the username and the password
 *    hash are kept), in one transaction, at most once per old account.
 */
export const LEGACY_LIMITS = { perAccount: 5, perIp: 30, windowSec: 900 } as const;
export const TICKET_TTL_SEC = 15 * 60;

type Ctx = { ip: string | null };

// ---------------------------------------------------------------------------
// Ticket: {lid, exp} signed for this purpose (lib/platform/auth/signed-ticket.ts)
// ---------------------------------------------------------------------------

const TICKET_PURPOSE = 'legacy-activation';

export function createActivationTicket(secret: string, legacyId: string, now = Date.now()): string {
  return createSignedTicket(secret, TICKET_PURPOSE, { lid: legacyId, exp: expiresAt(TICKET_TTL_SEC, now) });
}

/** The legacy account id of a valid, unexpired ticket, else undefined. */
export function readActivationTicket(secret: string, ticket: string, now = Date.now()): string | undefined {
  const data = readSignedTicket(secret, TICKET_PURPOSE, ticket, now);
  return typeof data?.lid === 'string' ? data.lid : undefined;
}

// ---------------------------------------------------------------------------
// Step 1
// ---------------------------------------------------------------------------

let dummyHash: Promise<string> | undefined;
const acctKey = (username: string) => `legacy:acct:${username.toLowerCase()}`;

export async function verifyLegacyCredentials(db: Db, input: { username: string; password: string }, ctx: Ctx = { ip: null }) {
  const username = input.username.trim();
  const acct = await peek(db, acctKey(username), LEGACY_LIMITS.windowSec);
  if (acct.count >= LEGACY_LIMITS.perAccount) {
    throw new AppError('RATE_LIMITED', { messageKey: 'legacyLocked', params: { minutes: Math.max(1, Math.ceil(acct.retryAfterSec / 60)) } });
  }
  if (ctx.ip) {
    const byIp = await peek(db, `legacy:ip:${ctx.ip}`, LEGACY_LIMITS.windowSec);
    if (byIp.count >= LEGACY_LIMITS.perIp) throw new AppError('RATE_LIMITED', { params: { seconds: byIp.retryAfterSec } });
  }

  const [row] = await db.select().from(legacyAccounts).where(eq(legacyAccounts.legacyUsername, username)).limit(1);
  // Verify against a dummy hash when there is no such account, so timing does not tell.
  dummyHash ??= hashPassword('dummy-password-0');
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), input.password);
  if (!row || !ok) {
    await hit(db, acctKey(username), LEGACY_LIMITS.windowSec);
    if (ctx.ip) await hit(db, `legacy:ip:${ctx.ip}`, LEGACY_LIMITS.windowSec);
    await audit(db, { action: 'legacy.activation_failed', success: false, ip: ctx.ip, targetType: 'legacy_account', targetId: row?.id, detail: { username, reason: row ? 'bad_password' : 'no_account' } });
    throw new AppError('UNAUTHENTICATED', { messageKey: 'badCredentials' });
  }
  if (row.activatedUserId || row.activatedAt) throw new AppError('INVALID_STATE', { messageKey: 'legacyAlreadyActivated' });
  await clear(db, acctKey(username));
  return { ticket: createActivationTicket(await authSecret(db), row.id), orgName: row.orgName, expiresInSec: TICKET_TTL_SEC };
}

// ---------------------------------------------------------------------------
// Step 2
// ---------------------------------------------------------------------------

export async function activateLegacy(db: Db, input: { ticket: string; mobile: string; smsCode: string }, ctx: Ctx = { ip: null }) {
  const legacyId = readActivationTicket(await authSecret(db), input.ticket);
  if (!legacyId) throw new AppError('BAD_INPUT', { messageKey: 'legacyTicketExpired' });
  const [legacy] = await db.select().from(legacyAccounts).where(eq(legacyAccounts.id, legacyId));
  if (!legacy) throw new AppError('BAD_INPUT', { messageKey: 'legacyTicketExpired' });
  if (legacy.activatedUserId || legacy.activatedAt) throw new AppError('INVALID_STATE', { messageKey: 'legacyAlreadyActivated' });
  const mobileTaken = () => new AppError('CONFLICT', { messageKey: 'legacyMobileTaken', fieldErrors: { mobile: ['legacyMobileTaken'] } });
  // Whether the mobile is taken is told only once the code is verified (and spent).
  await redeemSmsCode(db, { mobile: input.mobile, purpose: 'activate', code: input.smsCode });
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.mobile, input.mobile)).limit(1);
  if (taken) throw mobileTaken();
  try {
    return await db.transaction(async (tx) => {
      // Lock the old account first: a concurrent activation waits here, then sees it activated.
      const [locked] = await tx.select({ userId: legacyAccounts.activatedUserId, at: legacyAccounts.activatedAt }).from(legacyAccounts).where(eq(legacyAccounts.id, legacy.id)).for('update');
      if (!locked || locked.userId || locked.at) throw new AppError('INVALID_STATE', { messageKey: 'legacyAlreadyActivated' });
      const [org] = await tx
        .insert(organizations)
        .values({ name: legacy.orgName, creditCode: legacy.creditCode, regionCode: legacy.regionCode, contactName: legacy.contactName, contactPhone: legacy.contactPhone ?? input.mobile })
        .returning({ id: organizations.id });
      const [user] = await tx
        .insert(users)
        .values({ kind: 'organization', isOrgMain: true, orgId: org.id, name: legacy.orgName, username: legacy.legacyUsername, mobile: input.mobile, passwordHash: legacy.passwordHash })
        .returning({ id: users.id });
      // Claims the old account: of two concurrent activations only one updates a row.
      const claimed = await tx
        .update(legacyAccounts)
        .set({ activatedUserId: user.id, activatedAt: sql`now()` })
        .where(and(eq(legacyAccounts.id, legacy.id), isNull(legacyAccounts.activatedUserId), isNull(legacyAccounts.activatedAt)))
        .returning({ id: legacyAccounts.id });
      if (claimed.length !== 1) throw new AppError('INVALID_STATE', { messageKey: 'legacyAlreadyActivated' });
      await audit(tx, { action: 'legacy.activated', actorId: user.id, targetType: 'legacy_account', targetId: legacy.id, ip: ctx.ip, detail: { orgId: org.id, username: legacy.legacyUsername } });
      return { userId: user.id, orgId: org.id, mobile: input.mobile };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // A concurrent activation of the same old account may have won.
    const [now] = await db.select({ at: legacyAccounts.activatedAt }).from(legacyAccounts).where(eq(legacyAccounts.id, legacy.id));
    if (now?.at) throw new AppError('INVALID_STATE', { messageKey: 'legacyAlreadyActivated' });
    if (isUniqueViolation(e, 'users_mobile_unique')) throw mobileTaken();
    if (isUniqueViolation(e, 'users_username_unique')) throw new AppError('CONFLICT', { messageKey: 'usernameTaken' });
    if (isUniqueViolation(e, 'organizations_creditCode_unique')) throw new AppError('CONFLICT', { messageKey: 'legacyCreditCodeTaken' });
    throw e;
  }
}

export const verifyLegacyCredentialsDef = defineAction({
  access: { kind: 'public' },
  schema: legacyCredentialsSchema,
  handler: ({ db, input, ip }) => verifyLegacyCredentials(db, input, { ip }),
});

export const activateLegacyDef = defineAction({
  access: { kind: 'public' },
  schema: activateLegacySchema,
  handler: ({ db, input, ip }) => activateLegacy(db, input, { ip }),
});
