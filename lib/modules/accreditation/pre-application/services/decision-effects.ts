import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { applications, organizations, users } from '@/db/schema';
import { audit } from '@/lib/platform/audit';
import { generatePassword, hashPassword } from '@/lib/platform/auth/password';
import { issueToken } from '@/lib/platform/auth/tokens';
import { env } from '@/lib/platform/env';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { PreApplicationApprovedEmail, preApplicationApprovedSubject, PreApplicationRejectedEmail, preApplicationRejectedSubject, sendEmail } from '@/lib/platform/email';
import type { TransitionCtx } from '@/lib/platform/workflow/define';
import type { StoredPreApplication } from '../schemas';
import { VIEW_PURPOSE, VIEW_TTL_SECONDS } from './links';

/**
 * Effects of the staff decision, inside the transition's transaction: a throw
 * here (e.g. the credit code already belongs to an account) rolls the decision
 * back and the reviewer sees why.
 */

/** A login name for a new institution: "jg" + 8 digits, retried on the rare collision. */
function generateUsername(): string {
  return `jg${crypto.randomInt(10_000_000, 100_000_000)}`;
}

export async function createInstitutionAccount(ctx: TransitionCtx<StoredPreApplication>): Promise<void> {
  const { tx, app } = ctx;
  const d = app.data;
  let org;
  try {
    [org] = await tx
      .insert(organizations)
      .values({
        name: d.entity.name,
        creditCode: d.entity.code,
        address: d.entity.address,
        legalRepresentative: d.entity.legalRepresentative,
        contactName: d.contact.name,
        contactPhone: d.contact.mobile,
        landline: d.contact.phone,
        email: d.contact.email,
      })
      .returning();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { messageKey: 'accreditation.errors.codeTaken' });
    throw e;
  }
  const password = generatePassword(10);
  const passwordHash = await hashPassword(password);
  let user: typeof users.$inferSelect | undefined;
  for (let attempt = 0; !user; attempt++) {
    const username = generateUsername();
    const rows = await tx
      .insert(users)
      .values({ kind: 'organization', username, name: d.entity.name, email: d.contact.email, orgId: org.id, isOrgMain: true, passwordHash, mustChangePassword: true })
      .onConflictDoNothing({ target: users.username })
      .returning();
    user = rows[0];
    if (attempt > 5 && !user) throw new AppError('INTERNAL');
  }
  // The contact mobile of the form becomes the account's mobile, unless another account holds that number
  // (a mobile is a login name: one account each). A savepoint keeps a concurrent taker from failing the approval.
  const mobile = d.contact.mobile;
  if (mobile) {
    try {
      const id = user.id;
      const set = await tx.transaction((sp) => sp.update(users).set({ mobile }).where(and(eq(users.id, id), sql`not exists (select 1 from ${users} u where u.mobile = ${mobile})`)).returning({ id: users.id }));
      if (set.length) user = { ...user, mobile };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  // The institution now owns its pre-application: it shows in its portal.
  await tx.update(applications).set({ orgId: org.id, applicantUserId: user.id }).where(eq(applications.id, app.id));
  await audit(tx, { action: 'accreditation.institution_account_created', actorId: ctx.actor.kind === 'anonymous' ? null : ctx.actor.id, targetType: 'user', targetId: user.id, detail: { application: app.number, mobile: user.mobile ? 'set' : 'taken' } });

  const viewToken = await issueToken(tx, { purpose: VIEW_PURPOSE, subjectId: app.id, ttlSeconds: VIEW_TTL_SECONDS });
  const base = env().APP_URL;
  const props = {
    recipientName: d.contact.name,
    entityName: d.entity.name,
    number: app.number,
    username: user.username ?? '',
    password,
    loginLink: `${base}/login?as=organization`,
    viewLink: `${base}/accreditation/pre-application/view?token=${viewToken}`,
    opinion: ctx.opinion,
  };
  await sendEmail(tx, { to: d.contact.email, subject: preApplicationApprovedSubject(props), template: PreApplicationApprovedEmail, props, dedupeKey: `preapp-approved:${app.id}` });
}

export async function sendRejection(ctx: TransitionCtx<StoredPreApplication>): Promise<void> {
  const { tx, app } = ctx;
  const d = app.data;
  const viewToken = await issueToken(tx, { purpose: VIEW_PURPOSE, subjectId: app.id, ttlSeconds: VIEW_TTL_SECONDS });
  const props = {
    recipientName: d.contact.name,
    entityName: d.entity.name,
    number: app.number,
    reason: ctx.opinion ?? '',
    viewLink: `${env().APP_URL}/accreditation/pre-application/view?token=${viewToken}`,
  };
  await sendEmail(tx, { to: d.contact.email, subject: preApplicationRejectedSubject(props), template: PreApplicationRejectedEmail, props, dedupeKey: `preapp-rejected:${app.id}` });
}
