import { and, eq, isNull, sql } from 'drizzle-orm';
import { accreditedInstitutions, sessions, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import { verifyCaptcha } from '@/lib/platform/auth/captcha';
import { hashPassword } from '@/lib/platform/auth/password';
import { authSecret } from '@/lib/platform/auth/secret';
import { createSignedTicket, expiresAt, readSignedTicket } from '@/lib/platform/auth/signed-ticket';
import { consumeToken, issueToken, peekToken } from '@/lib/platform/auth/tokens';
import { env } from '@/lib/platform/env';
import { AppError } from '@/lib/platform/errors';
import { InstitutionResetEmail, institutionResetSubject, sendEmail } from '@/lib/platform/email';
import { hit } from '@/lib/platform/rate-limit';
import { maskEmail } from '@/lib/reference/validators';
import { INSTITUTION_RESET_TTL_HOURS, lookupInstitutionSchema, requestInstitutionResetSchema, resetInstitutionPasswordSchema } from '../schemas';
import { createInstitutionAccounts } from './accounts';
import { INSTITUTION_RESET_PURPOSE } from './registry';

/**
 * 已获认可机构获取密码 (SPEC §2.6): an accredited institution without
 * credentials enters its certificate number, sees its contact email masked,
 * asks for a link, and sets the password of its organization account.
 * 1. certificate number + captcha → the row's name and masked email, and a
 *    signed ticket (15 min) naming the row, so step 2 needs no second captcha;
 * 2. ticket → a single-use link (24 h) to the registry's contact email;
 * 3. link + new password twice → the password is set, every session ends.
 * Lookups are limited per IP and per certificate number, emails per
 * institution and per IP.
 */
export const RETRIEVE_LIMITS = { lookupsPerIp: 20, lookupsPerCertificate: 10, mailsPerInstitution: 3, mailsPerIp: 10, windowSec: 3600 } as const;
export const RETRIEVE_TICKET_TTL_SEC = 15 * 60;
const RESET_TTL_SEC = INSTITUTION_RESET_TTL_HOURS * 3600;

type Ctx = { ip: string | null };

// ---------------------------------------------------------------------------
// Ticket: {iid, exp} signed for this purpose (lib/platform/auth/signed-ticket.ts)
// ---------------------------------------------------------------------------

const TICKET_PURPOSE = 'institution-retrieve';

export function createRetrieveTicket(secret: string, institutionId: string, now = Date.now()): string {
  return createSignedTicket(secret, TICKET_PURPOSE, { iid: institutionId, exp: expiresAt(RETRIEVE_TICKET_TTL_SEC, now) });
}

/** The registry row id of a valid, unexpired ticket, else undefined. */
export function readRetrieveTicket(secret: string, ticket: string, now = Date.now()): string | undefined {
  const data = readSignedTicket(secret, TICKET_PURPOSE, ticket, now);
  return typeof data?.iid === 'string' ? data.iid : undefined;
}

async function limit(db: Db, key: string, max: number) {
  const s = await hit(db, key, RETRIEVE_LIMITS.windowSec);
  if (s.count > max) throw new AppError('RATE_LIMITED', { params: { seconds: s.retryAfterSec } });
}

// ---------------------------------------------------------------------------
// Step 1: certificate number → masked email
// ---------------------------------------------------------------------------

export type InstitutionLookup = { ticket: string; certificateNumber: string; name: string; maskedEmail: string };

export async function lookupInstitution(db: Db, input: { certificateNumber: string; captcha: string }, ctx: Ctx = { ip: null }): Promise<InstitutionLookup> {
  const secret = await authSecret(db);
  if (!(await verifyCaptcha(db, secret, input.captcha))) {
    throw new AppError('BAD_INPUT', { messageKey: 'captchaInvalid', fieldErrors: { captcha: ['captchaInvalid'] } });
  }
  // Counted before the lookup, so unknown numbers cost the same as known ones.
  if (ctx.ip) await limit(db, `inst-lookup:ip:${ctx.ip}`, RETRIEVE_LIMITS.lookupsPerIp);
  await limit(db, `inst-lookup:cert:${input.certificateNumber}`, RETRIEVE_LIMITS.lookupsPerCertificate);
  const [row] = await db.select().from(accreditedInstitutions).where(eq(accreditedInstitutions.certificateNumber, input.certificateNumber));
  if (!row) {
    throw new AppError('NOT_FOUND', {
      messageKey: 'accreditedInstitutions.errors.unknownCertificate',
      fieldErrors: { certificateNumber: ['accreditedInstitutions.errors.unknownCertificateShort'] },
    });
  }
  return { ticket: createRetrieveTicket(secret, row.id), certificateNumber: row.certificateNumber, name: row.name, maskedEmail: maskEmail(row.contactEmail) };
}

// ---------------------------------------------------------------------------
// Step 2: the link by email
// ---------------------------------------------------------------------------

export async function requestInstitutionReset(db: Db, input: { ticket: string }, ctx: Ctx = { ip: null }): Promise<{ maskedEmail: string; validHours: number }> {
  const id = readRetrieveTicket(await authSecret(db), input.ticket);
  if (!id) throw new AppError('BAD_INPUT', { messageKey: 'accreditedInstitutions.errors.ticketExpired' });
  if (ctx.ip) await limit(db, `inst-mail:ip:${ctx.ip}`, RETRIEVE_LIMITS.mailsPerIp);
  await limit(db, `inst-mail:${id}`, RETRIEVE_LIMITS.mailsPerInstitution);

  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(accreditedInstitutions).where(eq(accreditedInstitutions.id, id)).for('update');
    if (!row) throw new AppError('BAD_INPUT', { messageKey: 'accreditedInstitutions.errors.ticketExpired' });
    // Imports create the account; this covers a row whose account was removed since.
    const userId = row.userId ?? (await createInstitutionAccounts(tx, [row]))[0].userId;
    const [user] = await tx.select({ username: users.username, status: users.status }).from(users).where(eq(users.id, userId));
    if (user.status === 'disabled') throw new AppError('FORBIDDEN', { messageKey: 'accountDisabled' });

    const token = await issueToken(tx, { purpose: INSTITUTION_RESET_PURPOSE, subjectId: row.id, ttlSeconds: RESET_TTL_SEC, data: { userId, email: row.contactEmail } });
    const link = `${env().APP_URL}/accreditation/retrieve/reset?token=${token}`;
    const props = { recipientName: row.name, certificateNumber: row.certificateNumber, username: user.username ?? '', link, ttlHours: INSTITUTION_RESET_TTL_HOURS };
    await sendEmail(tx, { to: row.contactEmail, subject: institutionResetSubject(props), template: InstitutionResetEmail, props });
    await audit(tx, {
      action: 'accreditation.institution_reset_requested',
      actorId: userId,
      targetType: 'accredited_institution',
      targetId: row.id,
      ip: ctx.ip,
      detail: { certificateNumber: row.certificateNumber, email: maskEmail(row.contactEmail) },
    });
    return { maskedEmail: maskEmail(row.contactEmail), validHours: INSTITUTION_RESET_TTL_HOURS };
  });
}

// ---------------------------------------------------------------------------
// Step 3: the new password
// ---------------------------------------------------------------------------

type TokenData = { userId?: string };

/** For the reset page: whom a still-valid link is for (does not use it). */
export async function institutionForResetToken(db: DbOrTx, token: string): Promise<{ name: string; certificateNumber: string; username: string | null } | undefined> {
  const t = await peekToken(db, INSTITUTION_RESET_PURPOSE, token);
  if (!t) return undefined;
  const [row] = await db
    .select({ name: accreditedInstitutions.name, certificateNumber: accreditedInstitutions.certificateNumber, userId: accreditedInstitutions.userId, username: users.username })
    .from(accreditedInstitutions)
    .leftJoin(users, eq(users.id, accreditedInstitutions.userId))
    .where(eq(accreditedInstitutions.id, t.subjectId));
  if (!row || !row.userId || row.userId !== (t.data as TokenData | null)?.userId) return undefined;
  return { name: row.name, certificateNumber: row.certificateNumber, username: row.username };
}

export async function resetInstitutionPassword(db: Db, input: { token: string; password: string }, ctx: Ctx = { ip: null }): Promise<{ done: true; username: string | null }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const t = await consumeToken(tx, INSTITUTION_RESET_PURPOSE, input.token);
    const [row] = await tx.select().from(accreditedInstitutions).where(eq(accreditedInstitutions.id, t.subjectId));
    // The account the link was issued for must still be the row's account.
    const userId = (t.data as TokenData | null)?.userId;
    if (!row || !row.userId || row.userId !== userId) throw new AppError('BAD_INPUT', { messageKey: 'linkInvalid' });
    const [user] = await tx.select({ username: users.username, status: users.status }).from(users).where(and(eq(users.id, userId), eq(users.kind, 'organization')));
    if (!user) throw new AppError('BAD_INPUT', { messageKey: 'linkInvalid' });
    if (user.status === 'disabled') throw new AppError('FORBIDDEN', { messageKey: 'accountDisabled' });
    await tx.update(users).set({ passwordHash, mustChangePassword: false, sessionsValidAfter: sql`now()`, updatedAt: sql`now()` }).where(eq(users.id, userId));
    const ended = await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
    await audit(tx, {
      action: 'accreditation.institution_password_set',
      actorId: userId,
      targetType: 'accredited_institution',
      targetId: row.id,
      ip: ctx.ip,
      detail: { certificateNumber: row.certificateNumber, endedSessions: ended.length },
    });
    return { done: true as const, username: user.username };
  });
}

// ---------------------------------------------------------------------------
// Actions (public: the token, the ticket and the captcha are the gates)
// ---------------------------------------------------------------------------

export const lookupInstitutionDef = defineAction({
  access: { kind: 'public' },
  schema: lookupInstitutionSchema,
  handler: ({ db, input, ip }) => lookupInstitution(db, input, { ip }),
});

export const requestInstitutionResetDef = defineAction({
  access: { kind: 'public' },
  schema: requestInstitutionResetSchema,
  handler: ({ db, input, ip }) => requestInstitutionReset(db, input, { ip }),
});

export const resetInstitutionPasswordDef = defineAction({
  access: { kind: 'public' },
  schema: resetInstitutionPasswordSchema,
  handler: ({ db, input, ip }) => resetInstitutionPassword(db, input, { ip }),
});
