import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { outbox, users } from '@/db/schema';
import { createUser, randomMobile } from '@/db/seed/factories';
import { ORG_MODULE_KEYS } from '@/lib/modules/account/sub-account-schemas';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { uniq } from '../builders';
import { ADMIN_ONLY, call, ctx, defineArea, defNamed, forbidden, SECRET, SIGNED_IN, SIGNED_OUT, STAFF, type Checks, type Coverage, type Extra } from '../context';

/**
 * Accounts (lib/modules/account): account settings and password (keyed by the
 * caller's own id), sub-accounts (an organization's main account, within its
 * own organization), the legacy-account import (admins), and the public
 * sign-up, recovery and activation actions.
 */

const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
const freshSub = async () => (await createUser(ctx.h.db, { kind: 'organization', orgId: ctx.fx.targetOrgId, isOrgMain: false, name: '目标子账户', modules: ['review'] })).id;

const SELF_SERVICE: Omit<Coverage, 'input' | 'probe'> = { access: { kind: 'signedIn' }, refused: { ...SIGNED_OUT }, allowed: SIGNED_IN };

const SUB_ACCOUNT_SCOPED: Omit<Coverage, 'input' | 'extra'> = {
  access: { kind: 'applicant', orgMainOnly: true },
  refused: {
    ...SIGNED_OUT,
    ...forbidden('individual', 'subNoModules', 'subAllModules', ...STAFF),
    // Scoped by object: the gate admits any main account, the query only finds sub-accounts of the caller's organization.
    otherOrgMain: 'NOT_FOUND',
  },
  allowed: ['targetOrgMain'],
  probe: 'targetOrgMain',
};
/** A main account cannot reach its own main account (or anyone outside its organization) through the sub-account actions. */
const ownMainAccount = (input: (id: string) => unknown): Extra => ({
  actor: 'targetOrgMain',
  code: 'NOT_FOUND',
  why: 'a main account targeting itself (sub-account actions only reach non-main accounts)',
  input: async () => input(ctx.fx.ids.targetOrgMain.userId),
});

const coverage: Record<string, Coverage> = {
  // --- self-service (account settings, password): keyed by the actor's own id, never by input
  updateProfileDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ name: '改名测试', contactName: '篡改', address: '篡改地址' }) },
  requestMobileCodeDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ newMobile: randomMobile(), captcha: captcha() }) },
  changeMobileDef: {
    ...SELF_SERVICE,
    probe: 'individual',
    // A real code sent to a new number for the probe's own account, so the input is valid in every respect.
    input: async () => {
      const newMobile = randomMobile();
      await sendSmsCode(ctx.h.db, { mobile: newMobile, purpose: 'change_mobile', subject: ctx.fx.ids.individual.userId }, { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 });
      const [row] = await ctx.h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${newMobile}`);
      return { newMobile, smsCode: (row.payload as { params: { code: string } }).params.code };
    },
  },
  requestEmailChangeDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ newEmail: `new_${uniq()}@example.com` }) },
  changePasswordDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ oldPassword: 'Passw0rd', newPassword: 'N3wPassw0rd', confirmPassword: 'N3wPassw0rd' }) },

  // --- sub-accounts: organization main accounts only, each scoped to its own organization
  createSubAccountDef: {
    access: { kind: 'applicant', orgMainOnly: true },
    refused: { ...SIGNED_OUT, ...forbidden('individual', 'subNoModules', 'subAllModules', ...STAFF) },
    // Another main account may create sub-accounts, in its own organization only (checked in "inputs cannot redirect" below).
    allowed: ['targetOrgMain', 'otherOrgMain'],
    probe: 'targetOrgMain',
    input: async () => ({ name: '新子账户', username: `sub_${uniq()}`, password: 'Init1234', modules: ['review'] }),
  },
  setSubAccountModulesDef: {
    ...SUB_ACCOUNT_SCOPED,
    input: async () => ({ id: await freshSub(), modules: [...ORG_MODULE_KEYS] }),
    extra: [
      ownMainAccount((id) => ({ id, modules: [] })),
      { actor: 'subNoModules', code: 'FORBIDDEN', why: 'a sub-account granting itself every module', input: async () => ({ id: ctx.fx.ids.subNoModules.userId, modules: [...ORG_MODULE_KEYS] }) },
    ],
  },
  setSubAccountStatusDef: {
    ...SUB_ACCOUNT_SCOPED,
    input: async () => ({ id: await freshSub(), status: 'disabled' }),
    extra: [ownMainAccount((id) => ({ id, status: 'disabled' }))],
  },
  deleteSubAccountDef: {
    ...SUB_ACCOUNT_SCOPED,
    input: async () => ({ id: await freshSub() }),
    extra: [ownMainAccount((id) => ({ id }))],
  },

  // --- the legacy-account import: admins only
  importLegacyDef: {
    ...ADMIN_ONLY,
    input: async () => ({
      fileName: 'legacy.csv',
      contentBase64: Buffer.from(`账号,密码,单位名称,统一社会信用代码,联系人,联系电话,所在地区代码\nold_${uniq()},Init1234,老系统测试单位,,,,\n`).toString('base64'),
    }),
  },
};

const redirects: Checks = {
  'ids smuggled into a profile update are ignored: only the caller changes': async () => {
    const [victimBefore] = await ctx.h.db.select().from(users).where(eq(users.id, ctx.fx.ids.otherOrgMain.userId));
    const r = await call(defNamed('updateProfileDef'), 'subAllModules', { name: '篡改', id: ctx.fx.ids.otherOrgMain.userId, userId: ctx.fx.ids.otherOrgMain.userId, orgId: ctx.fx.otherOrgId, contactName: '篡改' });
    expect(r).toMatchObject({ ok: true });
    const [victimAfter] = await ctx.h.db.select().from(users).where(eq(users.id, ctx.fx.ids.otherOrgMain.userId));
    expect(victimAfter).toEqual(victimBefore);
    const [self] = await ctx.h.db.select().from(users).where(eq(users.id, ctx.fx.ids.subAllModules.userId));
    expect(self.name).toBe('篡改');
  },

  "a sub-account is created in the caller's own organization, whatever orgId the input carries": async () => {
    const r = await call(defNamed('createSubAccountDef'), 'otherOrgMain', { name: '子账户', username: `sub_${uniq()}`, password: 'Init1234', modules: [], orgId: ctx.fx.targetOrgId });
    expect(r).toMatchObject({ ok: true });
    const [created] = await ctx.h.db.select().from(users).where(eq(users.id, (r as { data: { id: string } }).data.id));
    expect(created).toMatchObject({ orgId: ctx.fx.otherOrgId, isOrgMain: false });
  },
};

export const area = defineArea({
  owns: ['lib/modules/account'],
  coverage,
  publicActions: [
    'confirmEmailChangeDef', // the single-use token alone identifies the account
    'verifyLegacyCredentialsDef',
    'activateLegacyDef',
    'requestResetCodeDef',
    'resetBySmsDef',
    'requestResetEmailDef',
    'resetByLinkDef',
    'registerIndividualDef',
    'registerOrganizationDef',
    'requestSmsCodeDef',
    'requestFindAccountCodeDef', // 找回账户: a code only to the mobile of an applicant account, behind the human check
    'findAccountDef', // shows the account's names only to whoever holds the code sent to its own mobile
  ],
  checks: { redirects },
});
