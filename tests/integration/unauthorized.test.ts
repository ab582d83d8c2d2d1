import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { outbox, sessions, users } from '@/db/schema';
import { rowsOf, type DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser, randomMobile } from '@/db/seed/factories';
import { exportAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { allows, invokeAction, type Access, type ActionDef } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, loadActor, type Actor } from '@/lib/platform/auth/actor';
import { createChallenge, encodeSolution, solveChallenge } from '@/lib/platform/auth/captcha';
import { sendSmsCode } from '@/lib/platform/auth/sms-codes';
import { AppError } from '@/lib/platform/errors';
import { ORG_MODULE_KEYS } from '@/lib/modules/account/sub-account-schemas';
import { createTestDb } from '../helpers/db';

/**
 * Unauthorized access to every non-public server action of the identity area
 * (accounts, sub-accounts, staff administration, platform notices).
 *
 * The actions are discovered at test time, so a new action without an entry in
 * COVERAGE fails here with its name, and so does an action that became public
 * without being added to PUBLIC_DEFS. Each covered action gets a valid input
 * aimed at an object of ANOTHER organization / another staff member, is called
 * by every actor that must be refused, and must answer { ok: false } with the
 * expected code while the whole database stays byte-for-byte the same. The
 * same input from an allowed actor then succeeds and changes the database, so
 * the refusals are about the actor and the fingerprint would see a change.
 */

const SECRET = 'unauthorized-suite-secret-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;

const ROOT = process.cwd();

// ---------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------

/** Where the identity area's actions live. Business modules keep their own suites. */
const IDENTITY_ROOTS = ['lib/modules/account', 'lib/modules/staff-admin', 'lib/platform'];
/**
 * Platform parts whose actions act on applications and their documents, not on
 * identities: covered with their own fixtures (applications, slots, notifications)
 * by their areas' suites. Named one by one, so a new platform area still lands here.
 */
const OTHER_AREAS = ['lib/platform/documents', 'lib/platform/workflow', 'lib/platform/notify'];

function walk(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(rel);
    return /\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [rel] : [];
  });
}

type AnyDef = ActionDef<Access, z.ZodType, unknown>;
type Discovered = { name: string; file: string; def: AnyDef };

const isActionDef = (v: unknown): v is AnyDef => {
  const d = v as { access?: { kind?: unknown }; schema?: { safeParse?: unknown }; handler?: unknown } | null;
  return !!d && typeof d === 'object' && typeof d.access?.kind === 'string' && typeof d.schema?.safeParse === 'function' && typeof d.handler === 'function';
};

const identityFiles = IDENTITY_ROOTS.flatMap(walk)
  .filter((f) => !OTHER_AREAS.some((a) => f.startsWith(`${a}/`)))
  .sort();
// Every services file (the convention), and any other file that declares an action.
const candidateFiles = identityFiles.filter(
  (f) => f !== 'lib/platform/auth/action-core.ts' && (/\/services\/[^/]+\.ts$/.test(f) || fs.readFileSync(path.join(ROOT, f), 'utf8').includes('defineAction(')),
);

const discovered: Discovered[] = [];
const misnamed: string[] = [];
for (const file of candidateFiles) {
  const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  for (const [name, value] of Object.entries(mod)) {
    if (!isActionDef(value)) continue;
    if (!name.endsWith('Def')) misnamed.push(`${file}#${name}`);
    // A re-export of the same definition is one action.
    if (!discovered.some((d) => d.def === value)) discovered.push({ name, file, def: value });
  }
}

/** The identity area's public actions: each is safe for anyone by design (sign-up, recovery, activation, notices). */
const PUBLIC_DEFS = [
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
  'serveNoticeDef',
  'acceptNoticeDef', // scopes by object: a serving shown to a user is that user's (tested below)
].sort();

// ---------------------------------------------------------------------------
// Actors: real rows, real sessions, resolved by loadActor on every call
// ---------------------------------------------------------------------------

const ACTOR_KEYS = [
  'anonymous',
  'revokedSession', // an individual whose session was revoked
  'disabledAdmin', // an admin whose account was disabled while a session was open
  'individual',
  'targetOrgMain', // the main account of the organization the inputs aim at
  'otherOrgMain', // the main account of ANOTHER organization
  'subNoModules', // a sub-account of the target organization with no module
  'subAllModules', // a sub-account of the target organization with every organization module
  'staffFinance',
  'staffNonAdmin', // every staff role except admin
  'staffAdmin',
] as const;
type ActorKey = (typeof ACTOR_KEYS)[number];
type Refusal = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

type Fx = {
  targetOrgId: string;
  otherOrgId: string;
  /** The user id and session id of each signed-in actor (anonymous has none). */
  ids: Record<Exclude<ActorKey, 'anonymous'>, { userId: string; sessionId: string }>;
};

let h: DbHandle;
let fx: Fx;

async function sessionFor(userId: string, revoked = false): Promise<string> {
  const [s] = await h.db
    .insert(sessions)
    .values({ userId, method: 'password', revokedAt: revoked ? new Date() : null })
    .returning({ id: sessions.id });
  return s.id;
}

async function buildFixtures(): Promise<Fx> {
  const target = await createOrgAccount(h.db);
  const other = await createOrgAccount(h.db);
  const sub = (modules: string[]) => createUser(h.db, { kind: 'organization', orgId: target.org.id, isOrgMain: false, name: '子账户', modules });
  const nonAdminRoles = [
    { role: 'finance' },
    { role: 'exam_admin' },
    { role: 'review_planner' },
    { role: 'review_leader' },
    { role: 'issuing_authority' },
    ...['accreditation', 'membership', 'personnel', 'exam', 'review'].map((module) => ({ role: 'reviewer', module })),
  ];
  const rows = {
    revokedSession: { user: await createIndividual(h.db), revoked: true },
    disabledAdmin: { user: await createStaff(h.db, [{ role: 'admin' }], { status: 'disabled' }), revoked: false },
    individual: { user: await createIndividual(h.db), revoked: false },
    targetOrgMain: { user: target.user, revoked: false },
    otherOrgMain: { user: other.user, revoked: false },
    subNoModules: { user: await sub([]), revoked: false },
    subAllModules: { user: await sub([...ORG_MODULE_KEYS]), revoked: false },
    staffFinance: { user: await createStaff(h.db, [{ role: 'finance' }]), revoked: false },
    staffNonAdmin: { user: await createStaff(h.db, nonAdminRoles), revoked: false },
    staffAdmin: { user: await createStaff(h.db, [{ role: 'admin' }]), revoked: false },
  };
  const ids = {} as Fx['ids'];
  for (const [key, r] of Object.entries(rows)) ids[key as keyof Fx['ids']] = { userId: r.user.id, sessionId: await sessionFor(r.user.id, r.revoked) };
  return { targetOrgId: target.org.id, otherOrgId: other.org.id, ids };
}

/** As the session layer does on every request: the actor is loaded from the session row. */
const resolve = (key: ActorKey) => (): Promise<Actor> => (key === 'anonymous' ? Promise.resolve(ANONYMOUS) : loadActor(h.db, fx.ids[key].userId, fx.ids[key].sessionId));

const call = (def: AnyDef, actor: ActorKey, input: unknown) =>
  invokeAction(def, { db: h.db, actor: resolve(actor), ip: '10.66.0.1', locale: 'zh-CN' }, input);

// ---------------------------------------------------------------------------
// Database fingerprint: every table of the public schema and every sequence
// ---------------------------------------------------------------------------

/**
 * Every table is included: the gate (invokeAction, loadActor) writes nothing on a
 * refusal, not even rate_limits or audit_log, so any difference is a leak.
 * Sequences are included too: a refused call must not even attempt an insert.
 */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(await h.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.name);
  const parts = tables.map(
    (t) =>
      `select '${t.replace(/'/g, "''")}' as name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as value from public."${t.replace(/"/g, '""')}" x`,
  );
  parts.push(`select 'seq:' || sequencename as name, coalesce(last_value::text, '-') as value from pg_sequences where schemaname = 'public'`);
  const rows = rowsOf<{ name: string; value: string }>(await h.db.execute(sql.raw(parts.join(' union all '))));
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]).sort();
}

/** Calls the action as `actor` and asserts the refusal code and that nothing changed. */
async function expectRefused(def: AnyDef, actor: ActorKey, input: unknown, code: Refusal) {
  const before = await fingerprint();
  const r = await call(def, actor, input);
  const after = await fingerprint();
  expect(r, `${actor} must be refused`).toMatchObject({ ok: false, code });
  expect(changedTables(before, after), `${actor}'s refused call changed the database`).toEqual([]);
}

// ---------------------------------------------------------------------------
// Coverage table
// ---------------------------------------------------------------------------

type Extra = { actor: ActorKey; code: Refusal; why: string; input: () => Promise<unknown> };
type Coverage = {
  /** The access the action must declare (a loosened access fails here first). */
  access: Access;
  /** A valid input aimed at an object that none of the refused actors owns. Built once; refusals must leave it usable. */
  input: () => Promise<unknown>;
  /** Who must be refused, and how. NOT_FOUND only where the handler scopes by object (the gate lets the actor through). */
  refused: Partial<Record<ActorKey, Refusal>>;
  /** Who the gate lets through; with `refused`, every actor is classified. */
  allowed: ActorKey[];
  /** The allowed actor whose identical call must succeed and change the database. */
  probe: ActorKey;
  /** Further refusals with their own input: self-escalation, objects outside the actor's reach. */
  extra?: Extra[];
};

const SIGNED_OUT = { anonymous: 'UNAUTHENTICATED', revokedSession: 'UNAUTHENTICATED', disabledAdmin: 'UNAUTHENTICATED' } as const;
const SIGNED_IN: ActorKey[] = ACTOR_KEYS.filter((k) => !(k in SIGNED_OUT));
const forbidden = (...keys: ActorKey[]) => Object.fromEntries(keys.map((k) => [k, 'FORBIDDEN'])) as Partial<Record<ActorKey, Refusal>>;
const APPLICANTS: ActorKey[] = ['individual', 'targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules'];
const NON_ADMIN_STAFF: ActorKey[] = ['staffFinance', 'staffNonAdmin'];

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const captcha = () => encodeSolution(solveChallenge(createChallenge(SECRET, 300))!);
const freshSub = async () => (await createUser(h.db, { kind: 'organization', orgId: fx.targetOrgId, isOrgMain: false, name: '目标子账户', modules: ['review'] })).id;
const freshStaff = async () => (await createStaff(h.db, [{ role: 'reviewer', module: 'review' }], { name: '目标工作人员' })).id;

const SELF_SERVICE: Omit<Coverage, 'input' | 'probe'> = { access: { kind: 'signedIn' }, refused: { ...SIGNED_OUT }, allowed: SIGNED_IN };

const SUB_ACCOUNT_SCOPED: Omit<Coverage, 'input' | 'extra'> = {
  access: { kind: 'applicant', orgMainOnly: true },
  refused: {
    ...SIGNED_OUT,
    ...forbidden('individual', 'subNoModules', 'subAllModules', 'staffFinance', 'staffNonAdmin', 'staffAdmin'),
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
  input: async () => input(fx.ids.targetOrgMain.userId),
});

const ADMIN_ONLY: Omit<Coverage, 'input' | 'extra'> = {
  access: { kind: 'staff', roles: ['admin'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, ...NON_ADMIN_STAFF) },
  allowed: ['staffAdmin'],
  probe: 'staffAdmin',
};
/** Staff actions are scoped to staff rows: an admin cannot reach an applicant's account through them. */
const applicantTarget = (input: (id: string) => unknown): Extra => ({
  actor: 'staffAdmin',
  code: 'NOT_FOUND',
  why: "an admin targeting an organization's main account (staff actions only reach staff rows)",
  input: async () => input(fx.ids.otherOrgMain.userId),
});

const COVERAGE: Record<string, Coverage> = {
  // --- self-service (account settings, password): keyed by the actor's own id, never by input
  updateProfileDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ name: '改名测试', contactName: '篡改', address: '篡改地址' }) },
  requestMobileCodeDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ newMobile: randomMobile(), captcha: captcha() }) },
  changeMobileDef: {
    ...SELF_SERVICE,
    probe: 'individual',
    // A real code sent to a new number for the probe's own account, so the input is valid in every respect.
    input: async () => {
      const newMobile = randomMobile();
      await sendSmsCode(h.db, { mobile: newMobile, purpose: 'change_mobile', subject: fx.ids.individual.userId }, { ttlMinutes: 10, dailyCap: 10, resendSeconds: 60 });
      const [row] = await h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${newMobile}`);
      return { newMobile, smsCode: (row.payload as { params: { code: string } }).params.code };
    },
  },
  requestEmailChangeDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ newEmail: `new_${uniq()}@example.com` }) },
  changePasswordDef: { ...SELF_SERVICE, probe: 'individual', input: async () => ({ oldPassword: 'Passw0rd', newPassword: 'N3wPassw0rd', confirmPassword: 'N3wPassw0rd' }) },

  // --- sub-accounts: organization main accounts only, each scoped to its own organization
  createSubAccountDef: {
    access: { kind: 'applicant', orgMainOnly: true },
    refused: { ...SIGNED_OUT, ...forbidden('individual', 'subNoModules', 'subAllModules', 'staffFinance', 'staffNonAdmin', 'staffAdmin') },
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
      { actor: 'subNoModules', code: 'FORBIDDEN', why: 'a sub-account granting itself every module', input: async () => ({ id: fx.ids.subNoModules.userId, modules: [...ORG_MODULE_KEYS] }) },
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

  // --- staff administration: admins only
  createStaffDef: { ...ADMIN_ONLY, input: async () => ({ name: '新同事', username: `staff_${uniq()}`, roles: [{ role: 'admin', module: '*' }] }) },
  setStaffRolesDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff(), roles: [{ role: 'admin', module: '*' }] }),
    extra: [
      applicantTarget((id) => ({ id, roles: [{ role: 'admin', module: '*' }] })),
      { actor: 'staffFinance', code: 'FORBIDDEN', why: 'a finance member granting itself admin', input: async () => ({ id: fx.ids.staffFinance.userId, roles: [{ role: 'admin', module: '*' }] }) },
    ],
  },
  setStaffStatusDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff(), status: 'disabled' }),
    extra: [
      applicantTarget((id) => ({ id, status: 'disabled' })),
      { actor: 'staffNonAdmin', code: 'FORBIDDEN', why: 'a non-admin disabling an admin', input: async () => ({ id: fx.ids.staffAdmin.userId, status: 'disabled' }) },
    ],
  },
  resetStaffPasswordDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff() }),
    extra: [
      applicantTarget((id) => ({ id })),
      { actor: 'staffNonAdmin', code: 'FORBIDDEN', why: "a non-admin resetting an admin's password", input: async () => ({ id: fx.ids.staffAdmin.userId }) },
    ],
  },
  importLegacyDef: {
    ...ADMIN_ONLY,
    input: async () => ({
      fileName: 'legacy.csv',
      contentBase64: Buffer.from(`账号,密码,单位名称,统一社会信用代码,联系人,联系电话,所在地区代码\nold_${uniq()},Init1234,老系统测试单位,,,,\n`).toString('base64'),
    }),
  },
};

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

beforeAll(async () => {
  h = await createTestDb();
  fx = await buildFixtures();
});
afterAll(async () => {
  await h?.close();
});

describe('discovery', () => {
  it('finds the action definitions of the identity area', () => {
    // Guards the discovery itself: an empty or short list would make every other check vacuous.
    expect(discovered.length).toBeGreaterThanOrEqual(26);
    expect(misnamed, 'action definitions must be exported as *Def').toEqual([]);
    const names = discovered.map((d) => d.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), 'two actions share an export name').toEqual([]);
  });

  it('every non-public action has a coverage entry (add one to COVERAGE in this file)', () => {
    const missing = discovered.filter((d) => d.def.access.kind !== 'public' && !COVERAGE[d.name]).map((d) => `${d.name} (${d.file}, access ${JSON.stringify(d.def.access)})`);
    expect(missing).toEqual([]);
  });

  it('the public actions are exactly the expected ones', () => {
    expect(discovered.filter((d) => d.def.access.kind === 'public').map((d) => d.name).sort()).toEqual(PUBLIC_DEFS);
  });

  it('no coverage entry is stale', () => {
    const names = new Set(discovered.map((d) => d.name));
    expect(Object.keys(COVERAGE).filter((n) => !names.has(n))).toEqual([]);
  });

  it('every exported server action of the identity area goes through the gate (bindAction of a discovered definition)', () => {
    const defNames = new Set(discovered.map((d) => d.name));
    const problems: string[] = [];
    for (const file of identityFiles) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      if (!/^\s*['"]use server['"]/.test(text)) continue;
      const exports = [...text.matchAll(/^export\s+(?:async\s+function|function|const|let)\s+(\w+)/gm)];
      if (/^export\s+(default|\{|\*)/m.test(text)) problems.push(`${file}: only named function exports are checked here`);
      exports.forEach((m, i) => {
        const body = text.slice(m.index, exports[i + 1]?.index ?? text.length);
        const bound = /bindAction\((\w+)\)/.exec(body)?.[1];
        if (!bound || !defNames.has(bound)) problems.push(`${file}#${m[1]} (${bound ? `binds ${bound}, not a discovered definition` : 'does not call bindAction'})`);
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('the actors are what they claim to be', () => {
  it('each fixture actor resolves through its session as intended', async () => {
    const a = Object.fromEntries(await Promise.all(ACTOR_KEYS.map(async (k) => [k, await resolve(k)()] as const))) as Record<ActorKey, Actor>;
    expect(a.anonymous.kind).toBe('anonymous');
    expect(a.revokedSession.kind).toBe('anonymous');
    expect(a.disabledAdmin.kind).toBe('anonymous');
    expect(a.individual.kind).toBe('individual');
    expect(a.targetOrgMain).toMatchObject({ kind: 'organization', isMain: true, orgId: fx.targetOrgId });
    expect(a.otherOrgMain).toMatchObject({ kind: 'organization', isMain: true, orgId: fx.otherOrgId });
    expect(fx.otherOrgId).not.toBe(fx.targetOrgId);
    expect(a.subNoModules).toMatchObject({ kind: 'organization', isMain: false, orgId: fx.targetOrgId, modules: [] });
    expect(a.subAllModules).toMatchObject({ kind: 'organization', isMain: false, orgId: fx.targetOrgId, modules: [...ORG_MODULE_KEYS] });
    expect(a.staffFinance).toMatchObject({ kind: 'staff', roles: [{ role: 'finance', module: '*' }] });
    expect(a.staffNonAdmin.kind === 'staff' && a.staffNonAdmin.roles.length).toBe(10);
    expect(a.staffNonAdmin.kind === 'staff' && a.staffNonAdmin.roles.some((r) => r.role === 'admin')).toBe(false);
    expect(a.staffAdmin).toMatchObject({ kind: 'staff', roles: [{ role: 'admin', module: '*' }] });
  });
});

for (const [name, cov] of Object.entries(COVERAGE)) {
  describe(name, () => {
    const def = () => defNamed(name);
    let input: unknown;
    beforeAll(async () => {
      input = await cov.input();
    });

    it('declares the expected access, classifies every actor, and the sample input is valid', () => {
      expect(def().access).toEqual(cov.access);
      const refused = Object.keys(cov.refused) as ActorKey[];
      expect([...refused, ...cov.allowed].sort(), 'each actor is either refused or allowed, once').toEqual([...ACTOR_KEYS].sort());
      expect(cov.allowed).toContain(cov.probe);
      // The gate validates before it looks at the actor: an invalid sample would be refused for the wrong reason.
      const parsed = def().schema.safeParse(input);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });

    for (const [actor, code] of Object.entries(cov.refused) as Array<[ActorKey, Refusal]>) {
      it(`refuses ${actor} with ${code}, changing nothing`, async () => {
        if (code === 'NOT_FOUND') {
          // NOT_FOUND is only acceptable where the gate admits the actor and the handler scopes by object.
          expect(allows(def().access, await resolve(actor)())).toBe(true);
        }
        await expectRefused(def(), actor, input, code);
      });
    }

    for (const x of cov.extra ?? []) {
      it(`refuses ${x.why} (${x.actor}, ${x.code}), changing nothing`, async () => {
        const extraInput = await x.input();
        expect(def().schema.safeParse(extraInput).success).toBe(true);
        await expectRefused(def(), x.actor, extraInput, x.code);
      });
    }

    it(`accepts the same input from ${cov.probe}, which changes the database`, async () => {
      const before = await fingerprint();
      const r = await call(def(), cov.probe, input);
      expect(r).toMatchObject({ ok: true });
      expect(changedTables(before, await fingerprint())).not.toEqual([]);
    });
  });
}

describe('inputs cannot redirect an action to another account or organization', () => {
  it('ids smuggled into a profile update are ignored: only the caller changes', async () => {
    const [victimBefore] = await h.db.select().from(users).where(eq(users.id, fx.ids.otherOrgMain.userId));
    const r = await call(defNamed('updateProfileDef'), 'subAllModules', { name: '篡改', id: fx.ids.otherOrgMain.userId, userId: fx.ids.otherOrgMain.userId, orgId: fx.otherOrgId, contactName: '篡改' });
    expect(r).toMatchObject({ ok: true });
    const [victimAfter] = await h.db.select().from(users).where(eq(users.id, fx.ids.otherOrgMain.userId));
    expect(victimAfter).toEqual(victimBefore);
    const [self] = await h.db.select().from(users).where(eq(users.id, fx.ids.subAllModules.userId));
    expect(self.name).toBe('篡改');
  });

  it("a sub-account is created in the caller's own organization, whatever orgId the input carries", async () => {
    const r = await call(defNamed('createSubAccountDef'), 'otherOrgMain', { name: '子账户', username: `sub_${uniq()}`, password: 'Init1234', modules: [], orgId: fx.targetOrgId });
    expect(r).toMatchObject({ ok: true });
    const [created] = await h.db.select().from(users).where(eq(users.id, (r as { data: { id: string } }).data.id));
    expect(created).toMatchObject({ orgId: fx.otherOrgId, isOrgMain: false });
  });
});

describe('public actions that scope by object', () => {
  it("acceptNoticeDef: a serving shown to one user cannot be accepted by anyone else", async () => {
    const served = await call(defNamed('serveNoticeDef'), 'individual', { key: 'accreditation.login' });
    expect(served).toMatchObject({ ok: true });
    const servingId = (served as { data: { servingId: string } }).data.servingId;
    for (const actor of ['anonymous', 'otherOrgMain', 'staffAdmin'] as const) await expectRefused(defNamed('acceptNoticeDef'), actor, { servingId }, 'FORBIDDEN');
  });
});

/**
 * Route handlers. app/staff/audit/export/route.ts is the only non-public one; it
 * resolves the actor with getServerSession (next/headers), which needs Next's
 * request scope, so the handler itself cannot be called as a plain function here.
 * Its guard is tested through the domain function it calls, which checks the actor
 * again; the HTTP layer is left to the e2e suite.
 */
const PUBLIC_ROUTES = ['app/api/auth/[...nextauth]/route.ts', 'app/api/captcha/route.ts', 'app/api/health/route.ts'];
const GUARDED_ROUTES = ['app/staff/audit/export/route.ts'];

describe('route handlers', () => {
  it('every route handler of the identity area is classified as public or guarded', () => {
    const routes = walk('app').filter((f) => /\/route\.tsx?$/.test(f));
    const unclassified = routes.filter((f) => isIdentityRoute(f) && !PUBLIC_ROUTES.includes(f) && !GUARDED_ROUTES.includes(f));
    // Guards the guard: the known routes are where this check looks.
    expect([...PUBLIC_ROUTES, ...GUARDED_ROUTES].filter((f) => !routes.includes(f) || !isIdentityRoute(f))).toEqual([]);
    expect(unclassified, 'classify the new route handler in this file').toEqual([]);
  });

  it('the audit export (exportAudit) refuses everyone but admins and records nothing', async () => {
    const refused: Array<[ActorKey, Refusal]> = [
      ['anonymous', 'UNAUTHENTICATED'],
      ['revokedSession', 'UNAUTHENTICATED'],
      ['disabledAdmin', 'UNAUTHENTICATED'],
      ...[...APPLICANTS, ...NON_ADMIN_STAFF].map((k) => [k, 'FORBIDDEN'] as [ActorKey, Refusal]),
    ];
    for (const [actor, code] of refused) {
      const before = await fingerprint();
      const err = await exportAudit(h.db, await resolve(actor)(), {}, { ip: '10.66.0.1' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, actor).toBeInstanceOf(AppError);
      expect((err as AppError).code, actor).toBe(code);
      expect(changedTables(before, await fingerprint()), actor).toEqual([]);
    }
    const before = await fingerprint();
    const ok = await exportAudit(h.db, await resolve('staffAdmin')(), {}, { ip: '10.66.0.1' });
    expect(ok.items.length).toBeGreaterThan(0);
    expect(changedTables(before, await fingerprint())).toContain('audit_log');
  });
});

/** The identity area's URL spaces: a route handler added under one of them must be classified above. */
const IDENTITY_ROUTE_SPACES = ['app/(auth)/', 'app/api/auth/', 'app/api/captcha/', 'app/api/health/', 'app/staff/audit/', 'app/staff/users/', 'app/staff/legacy/', 'app/staff/account/', 'app/portal/account/'];
function isIdentityRoute(file: string): boolean {
  return IDENTITY_ROUTE_SPACES.some((p) => file.startsWith(p));
}

function defNamed(name: string): AnyDef {
  const d = discovered.find((x) => x.name === name);
  if (!d) throw new Error(`${name} was not discovered`);
  return d.def;
}
