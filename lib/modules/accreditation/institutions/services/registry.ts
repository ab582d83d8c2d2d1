import { and, count, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { accreditedInstitutions, actionTokens, organizations, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type StaffActor } from '@/lib/platform/auth/action-core';
import { AppError } from '@/lib/platform/errors';
import { changeInstitutionEmailSchema, INSTITUTIONS_PAGE_SIZE, normalizeCertificateNumber } from '../schemas';
import type { Actor } from '@/lib/platform/auth/actor';
import { canManageInstitutions, INSTITUTION_STAFF_ACCESS } from './access';

/** The staff view of the registry, and the one correction staff make by hand: the contact email. */
export const INSTITUTION_RESET_PURPOSE = 'institution_reset';

/** none: no account linked; pending: account without a password yet; active: password set; disabled. */
export type InstitutionAccountState = 'none' | 'pending' | 'active' | 'disabled';

export type InstitutionListRow = {
  id: string;
  certificateNumber: string;
  name: string;
  contactEmail: string;
  username: string | null;
  accountState: InstitutionAccountState;
  updatedAt: Date;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Registry rows matching a certificate number (spaces and case ignored) or a part of the name, newest first. */
export async function listInstitutions(db: DbOrTx, opts: { q?: string; page?: number } = {}): Promise<{ rows: InstitutionListRow[]; total: number; page: number; pageSize: number }> {
  return institutionRows(db, opts, INSTITUTIONS_PAGE_SIZE);
}

/** 已获认可机构名录's export: the same rows and search without pages, up to `limit`, for those who manage the registry (admins and module-A reviewers). */
export async function exportInstitutions(db: DbOrTx, actor: Actor, opts: { q?: string }, limit: number): Promise<InstitutionListRow[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canManageInstitutions(actor)) throw new AppError('FORBIDDEN');
  return (await institutionRows(db, { q: opts.q, page: 1 }, limit)).rows;
}

async function institutionRows(db: DbOrTx, opts: { q?: string; page?: number }, pageSize: number): Promise<{ rows: InstitutionListRow[]; total: number; page: number; pageSize: number }> {
  const q = (opts.q ?? '').trim().slice(0, 100);
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  let where;
  if (q) {
    const compact = normalizeCertificateNumber(q).replace(/ /g, '');
    where = or(
      ilike(sql`replace(${accreditedInstitutions.certificateNumber}, ' ', '')`, `%${escapeLike(compact)}%`),
      ilike(accreditedInstitutions.name, `%${escapeLike(q)}%`),
    );
  }
  const [{ n }] = await db.select({ n: count() }).from(accreditedInstitutions).where(where);
  const rows = await db
    .select({
      id: accreditedInstitutions.id,
      certificateNumber: accreditedInstitutions.certificateNumber,
      name: accreditedInstitutions.name,
      contactEmail: accreditedInstitutions.contactEmail,
      updatedAt: accreditedInstitutions.updatedAt,
      username: users.username,
      status: users.status,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      userId: users.id,
    })
    .from(accreditedInstitutions)
    .leftJoin(users, eq(users.id, accreditedInstitutions.userId))
    .where(where)
    .orderBy(desc(accreditedInstitutions.updatedAt), accreditedInstitutions.certificateNumber)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      certificateNumber: r.certificateNumber,
      name: r.name,
      contactEmail: r.contactEmail,
      updatedAt: r.updatedAt,
      username: r.username,
      accountState: !r.userId ? 'none' : r.status === 'disabled' ? 'disabled' : r.hasPassword ? 'active' : 'pending',
    })),
    total: Number(n),
    page,
    pageSize,
  };
}

/**
 * Staff correct the contact email (the institution asked by mail, SPEC §2.6).
 * The linked account's email and the organization's email follow when they
 * were still the old contact email; reset links already sent to the old
 * address stop working.
 */
export async function changeInstitutionEmail(db: Db, actor: StaffActor, input: { id: string; email: string }, ctx: { ip: string | null } = { ip: null }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(accreditedInstitutions).where(eq(accreditedInstitutions.id, input.id)).for('update');
    if (!row) throw new AppError('NOT_FOUND', { messageKey: 'accreditedInstitutions.errors.notInRegistry' });
    const oldEmail = row.contactEmail;
    if (oldEmail === input.email) {
      throw new AppError('BAD_INPUT', { messageKey: 'accreditedInstitutions.errors.sameEmail', fieldErrors: { email: ['accreditedInstitutions.errors.sameEmail'] } });
    }
    await tx.update(accreditedInstitutions).set({ contactEmail: input.email, updatedAt: sql`now()` }).where(eq(accreditedInstitutions.id, row.id));
    const followed = { account: false, organization: false };
    if (row.userId) {
      const u = await tx
        .update(users)
        .set({ email: input.email, updatedAt: sql`now()` })
        .where(and(eq(users.id, row.userId), or(isNull(users.email), sql`lower(${users.email}) = lower(${oldEmail})`)))
        .returning({ id: users.id });
      followed.account = u.length > 0;
    }
    if (row.orgId) {
      const o = await tx
        .update(organizations)
        .set({ email: input.email, updatedAt: sql`now()` })
        .where(and(eq(organizations.id, row.orgId), or(isNull(organizations.email), sql`lower(${organizations.email}) = lower(${oldEmail})`)))
        .returning({ id: organizations.id });
      followed.organization = o.length > 0;
    }
    const revoked = await tx
      .update(actionTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(actionTokens.purpose, INSTITUTION_RESET_PURPOSE), eq(actionTokens.subjectId, row.id), isNull(actionTokens.usedAt)))
      .returning({ id: actionTokens.id });
    await audit(tx, {
      action: 'accreditation.institution_email_changed',
      actorId: actor.id,
      targetType: 'accredited_institution',
      targetId: row.id,
      ip: ctx.ip,
      detail: { certificateNumber: row.certificateNumber, oldEmail, newEmail: input.email, accountEmailChanged: followed.account, organizationEmailChanged: followed.organization, linksRevoked: revoked.length },
    });
    return { id: row.id, contactEmail: input.email };
  });
}

export const changeInstitutionEmailDef = defineAction({
  access: INSTITUTION_STAFF_ACCESS,
  schema: changeInstitutionEmailSchema,
  handler: ({ db, actor, input, ip }) => changeInstitutionEmail(db, actor, input, { ip }),
});
