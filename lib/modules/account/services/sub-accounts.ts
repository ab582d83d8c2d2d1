import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type Applicant } from '@/lib/platform/auth/action-core';
import { hashPassword } from '@/lib/platform/auth/password';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { createSubAccountSchema, setSubAccountModulesSchema, setSubAccountStatusSchema, subAccountIdSchema } from '../sub-account-schemas';

/**
 * Sub-accounts (子账户) of an organization, managed by its main account. Every
 * query is scoped to the caller's organization and to non-main accounts, so one
 * organization can never touch another's accounts.
 */
type OrgMain = Extract<Applicant, { kind: 'organization' }>;

function orgMain(actor: Applicant): OrgMain {
  if (actor.kind !== 'organization' || !actor.isMain) throw new AppError('FORBIDDEN');
  return actor;
}

const ownSub = (actor: OrgMain, id: string) => and(eq(users.id, id), eq(users.orgId, actor.orgId), eq(users.isOrgMain, false));

export async function listSubAccounts(db: DbOrTx, actor: OrgMain) {
  return db
    .select({ id: users.id, name: users.name, username: users.username, mobile: users.mobile, modules: users.modules, status: users.status, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.isOrgMain, false)))
    .orderBy(asc(users.createdAt));
}

async function endSessions(tx: DbOrTx, userId: string) {
  await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export const createSubAccountDef = defineAction({
  access: { kind: 'applicant', orgMainOnly: true },
  schema: createSubAccountSchema,
  handler: async ({ db, actor, input, ip }) => {
    const main = orgMain(actor);
    const passwordHash = await hashPassword(input.password);
    try {
      return await db.transaction(async (tx) => {
        const [u] = await tx
          .insert(users)
          .values({ kind: 'organization', orgId: main.orgId, isOrgMain: false, name: input.name, username: input.username, mobile: input.mobile, modules: input.modules, passwordHash, mustChangePassword: true })
          .returning({ id: users.id });
        await audit(tx, { action: 'org.subaccount_created', actorId: main.id, targetType: 'user', targetId: u.id, ip, detail: { modules: input.modules } });
        return { id: u.id };
      });
    } catch (e) {
      if (isUniqueViolation(e, 'users_username_unique')) throw new AppError('CONFLICT', { messageKey: 'usernameTaken', fieldErrors: { username: ['usernameTaken'] } });
      if (isUniqueViolation(e, 'users_mobile_unique')) throw new AppError('CONFLICT', { messageKey: 'mobileTaken', fieldErrors: { mobile: ['mobileTaken'] } });
      throw e;
    }
  },
});

export const setSubAccountModulesDef = defineAction({
  access: { kind: 'applicant', orgMainOnly: true },
  schema: setSubAccountModulesSchema,
  handler: async ({ db, actor, input, ip }) => {
    const main = orgMain(actor);
    return db.transaction(async (tx) => {
      const [before] = await tx.select({ modules: users.modules }).from(users).where(ownSub(main, input.id)).for('update');
      if (!before) throw new AppError('NOT_FOUND');
      await tx.update(users).set({ modules: input.modules, updatedAt: sql`now()` }).where(ownSub(main, input.id));
      await audit(tx, { action: 'permission.changed', actorId: main.id, targetType: 'user', targetId: input.id, ip, detail: { from: before.modules, to: input.modules } });
      return { modules: input.modules };
    });
  },
});

export const setSubAccountStatusDef = defineAction({
  access: { kind: 'applicant', orgMainOnly: true },
  schema: setSubAccountStatusSchema,
  handler: async ({ db, actor, input, ip }) => {
    const main = orgMain(actor);
    return db.transaction(async (tx) => {
      const done = await tx.update(users).set({ status: input.status, updatedAt: sql`now()` }).where(ownSub(main, input.id)).returning({ id: users.id });
      if (!done.length) throw new AppError('NOT_FOUND');
      // A disabled account is signed out at once.
      if (input.status === 'disabled') await endSessions(tx, input.id);
      await audit(tx, { action: input.status === 'disabled' ? 'org.subaccount_disabled' : 'org.subaccount_enabled', actorId: main.id, targetType: 'user', targetId: input.id, ip });
      return { status: input.status };
    });
  },
});

export const deleteSubAccountDef = defineAction({
  access: { kind: 'applicant', orgMainOnly: true },
  schema: subAccountIdSchema,
  handler: async ({ db, actor, input, ip }) => {
    const main = orgMain(actor);
    return db.transaction(async (tx) => {
      const gone = await tx.delete(users).where(ownSub(main, input.id)).returning({ id: users.id, username: users.username });
      if (!gone.length) throw new AppError('NOT_FOUND');
      await audit(tx, { action: 'org.subaccount_deleted', actorId: main.id, targetType: 'user', targetId: input.id, ip, detail: { username: gone[0].username } });
      return { id: input.id };
    });
  },
});
