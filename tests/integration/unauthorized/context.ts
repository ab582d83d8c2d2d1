import crypto from 'node:crypto';
import { expect } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { sessions } from '@/db/schema';
import { rowsOf, type DbHandle } from '@/db/client';
import { createIndividual, createOrgAccount, createStaff, createUser } from '@/db/seed/factories';
import { invokeAction, type Access, type ActionDef, type StaffActor } from '@/lib/platform/auth/action-core';
import { ANONYMOUS, loadActor, type Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { EMBEDDED_S3_CREDENTIALS, getStorage } from '@/lib/platform/storage';
import { ORG_MODULE_KEYS } from '@/lib/modules/account/sub-account-schemas';
import { createTestDb } from '../../helpers/db';
import { createTestStorage } from '../../helpers/storage';

/**
 * The shared machinery of the unauthorized-access suite
 * (tests/integration/unauthorized.test.ts): the suite's own database and object
 * store, the fixture actors and how they call an action, the fingerprint that
 * proves a refusal changed nothing, the shape of a coverage entry and of an
 * area file, and the refusal sets several areas share. The builders several
 * areas share are in ./builders.ts; each area's coverage is in ONE file of
 * ./areas/, which the central file finds by walking that folder.
 *
 * The database handle and the fixture actors exist only once the central
 * file's beforeAll has run setUpContext(): read them through `ctx` (ctx.h,
 * ctx.fx) inside inputs, checks and tests, never at module load.
 */

export const SECRET = 'unauthorized-suite-secret-0123456789-abcdef';
process.env.AUTH_SECRET = SECRET;

/*
 * The actions take their storage from getStorage(), which reads S3_* once: point
 * it at the suite's own S3 server (the configuration any S3-compatible service
 * uses) before anything reads the environment.
 */
export const s3server = await createTestStorage();
Object.assign(process.env, {
  S3_ENDPOINT: s3server.server.endpoint,
  S3_BUCKET: s3server.storage.bucket,
  S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey,
  S3_FORCE_PATH_STYLE: 'true',
});
const s3 = new S3Client({ endpoint: s3server.server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: EMBEDDED_S3_CREDENTIALS });

export type AnyDef = ActionDef<Access, z.ZodType, unknown>;

/** The discovered definitions by export name, handed over by the central file once it has walked the code. */
const discoveredDefs = new Map<string, AnyDef>();
export function registerDiscovered(list: ReadonlyArray<{ name: string; def: AnyDef }>): void {
  discoveredDefs.clear();
  for (const d of list) discoveredDefs.set(d.name, d.def);
}
export function defNamed(name: string): AnyDef {
  const d = discoveredDefs.get(name);
  if (!d) throw new Error(`${name} was not discovered`);
  return d;
}

// ---------------------------------------------------------------------------
// Actors: real rows, real sessions, resolved by loadActor on every call
// ---------------------------------------------------------------------------

export const ACTOR_KEYS = [
  'anonymous',
  'revokedSession', // an individual whose session was revoked
  'disabledAdmin', // an admin whose account was disabled while a session was open
  'individual',
  'targetOrgMain', // the main account of the organization the inputs aim at
  'otherOrgMain', // the main account of ANOTHER organization
  'subNoModules', // a sub-account of the target organization with no module
  'subAllModules', // a sub-account of the target organization with every organization module
  'staffFinance',
  'staffNonAdmin', // every staff role except admin (reviewer of every module included)
  'reviewerAccreditation', // a reviewer of module A only: the module the targets belong to
  'reviewerExam', // a reviewer of module D only: the right role, the wrong module
  'staffAdmin',
] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];
export type Refusal = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

export type Fx = {
  targetOrgId: string;
  otherOrgId: string;
  /** The user id and session id of each signed-in actor (anonymous has none). */
  ids: Record<Exclude<ActorKey, 'anonymous'>, { userId: string; sessionId: string }>;
};

let state: { h: DbHandle; fx: Fx } | undefined;
const notYet = (what: string) =>
  new Error(`the unauthorized suite's ${what} is read before setUpContext() ran: read ctx.${what} inside an input, a check or a test, never at module load`);
/** The suite's database handle (`ctx.h`) and fixture actors (`ctx.fx`), set by setUpContext() in the central file's beforeAll. */
export const ctx = {
  get h(): DbHandle {
    if (!state) throw notYet('h');
    return state.h;
  },
  get fx(): Fx {
    if (!state) throw notYet('fx');
    return state.fx;
  },
};

async function openSession(h: DbHandle, userId: string, revoked: boolean): Promise<string> {
  const [s] = await h.db
    .insert(sessions)
    .values({ userId, method: 'password', revokedAt: revoked ? new Date() : null })
    .returning({ id: sessions.id });
  return s.id;
}
/** A new session of `userId` (revoked if asked), as a sign-in opens one. */
export const sessionFor = (userId: string, revoked = false): Promise<string> => openSession(ctx.h, userId, revoked);

async function buildFixtures(h: DbHandle): Promise<Fx> {
  const target = await createOrgAccount(h.db, { email: `target_${crypto.randomBytes(4).toString('hex')}@example.com` });
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
    reviewerAccreditation: { user: await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }]), revoked: false },
    reviewerExam: { user: await createStaff(h.db, [{ role: 'reviewer', module: 'exam' }]), revoked: false },
    staffAdmin: { user: await createStaff(h.db, [{ role: 'admin' }]), revoked: false },
  };
  const ids = {} as Fx['ids'];
  for (const [key, r] of Object.entries(rows)) ids[key as keyof Fx['ids']] = { userId: r.user.id, sessionId: await openSession(h, r.user.id, r.revoked) };
  return { targetOrgId: target.org.id, otherOrgId: other.org.id, ids };
}

/** As the session layer does on every request: the actor is loaded from the session row. */
export const resolve = (key: ActorKey) => (): Promise<Actor> => (key === 'anonymous' ? Promise.resolve(ANONYMOUS) : loadActor(ctx.h.db, ctx.fx.ids[key].userId, ctx.fx.ids[key].sessionId));
export const actor = (key: ActorKey) => resolve(key)();
export const staffActor = async (key: ActorKey) => (await actor(key)) as StaffActor;

export const call = (def: AnyDef, who: ActorKey, input: unknown) => invokeAction(def, { db: ctx.h.db, actor: resolve(who), ip: '10.66.0.1', locale: 'zh-CN' }, input);

// ---------------------------------------------------------------------------
// Fingerprint: every table of the public schema, every sequence, every stored object
// ---------------------------------------------------------------------------

/**
 * Every table is included: the gate (invokeAction, loadActor) writes nothing on a
 * refusal, not even rate_limits or audit_log, so any difference is a leak.
 * Sequences are included too: a refused call must not even attempt an insert.
 * So is the object store: a refused call must neither delete an uploaded file
 * nor store one.
 */
export async function fingerprint(): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(await ctx.h.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.name);
  const parts = tables.map(
    (t) =>
      `select '${t.replace(/'/g, "''")}' as name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as value from public."${t.replace(/"/g, '""')}" x`,
  );
  parts.push(`select 'seq:' || sequencename as name, coalesce(last_value::text, '-') as value from pg_sequences where schemaname = 'public'`);
  const rows = rowsOf<{ name: string; value: string }>(await ctx.h.db.execute(sql.raw(parts.join(' union all '))));
  return { ...Object.fromEntries(rows.map((r) => [r.name, r.value])), 's3:objects': await objectStoreFingerprint() };
}

async function objectStoreFingerprint(): Promise<string> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: s3server.storage.bucket, ContinuationToken: token }));
    keys.push(...(out.Contents ?? []).map((o) => `${o.Key}:${o.Size}:${o.ETag}`));
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return `${keys.length}:${crypto.createHash('md5').update(keys.sort().join('\n')).digest('hex')}`;
}

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]).sort();
}

/** Calls the action as `who` and asserts the refusal code and that nothing changed. */
export async function expectRefused(def: AnyDef, who: ActorKey, input: unknown, code: Refusal) {
  const before = await fingerprint();
  const r = await call(def, who, input);
  const after = await fingerprint();
  expect(r, `${who} must be refused`).toMatchObject({ ok: false, code });
  expect(changedTables(before, after), `${who}'s refused call changed the database or the object store`).toEqual([]);
}

/** Calls the action as `who`, which must succeed and change something (a read: change nothing); returns the data. */
export async function expectAccepted(def: AnyDef, who: ActorKey, input: unknown, read = false): Promise<unknown> {
  const before = await fingerprint();
  const r = await call(def, who, input);
  expect(r, `${who} must be accepted`).toMatchObject({ ok: true });
  const changed = changedTables(before, await fingerprint());
  if (read) expect(changed, `${who}'s read changed something`).toEqual([]);
  else expect(changed, `${who}'s accepted call changed nothing`).not.toEqual([]);
  return (r as { data: unknown }).data;
}

/** The central file's beforeAll: this file's own database copy and the fixture actors. */
export async function setUpContext(): Promise<void> {
  const h = await createTestDb();
  state = { h, fx: await buildFixtures(h) };
}

/** The central file's afterAll. */
export async function tearDownContext(): Promise<void> {
  await state?.h.close();
  (await getStorage()).destroy();
  s3.destroy();
  await s3server.close();
}

// ---------------------------------------------------------------------------
// Coverage entries and the refusal sets the areas share
// ---------------------------------------------------------------------------

export type Extra = {
  actor: ActorKey;
  code: Refusal;
  why: string;
  input: () => Promise<unknown>;
  /** An actor whose identical call then succeeds and changes the database: the refusal was about the actor, not the target. */
  control?: ActorKey;
};
export type Check = (data: unknown) => void | Promise<void>;
export type Coverage = {
  /** The access the action must declare (a loosened access fails here first). */
  access: Access;
  /** A valid input aimed at an object that none of the refused actors owns. Built once; refusals must leave it usable. */
  input: () => Promise<unknown>;
  /** Who must be refused, and how. NOT_FOUND only where the handler scopes by object (the gate lets the actor through). */
  refused: Partial<Record<ActorKey, Refusal>>;
  /**
   * Who the action accepts but confines to their own objects (the gate lets them
   * through and the query does not reach the target): the call succeeds, changes
   * nothing, and `check` proves the answer does not carry the target.
   */
  scoped?: { actors: ActorKey[]; why: string; check: Check };
  /** Who the gate lets through; with `refused` and `scoped`, every actor is classified. */
  allowed: ActorKey[];
  /** The allowed actor whose identical call must succeed and change the database. */
  probe: ActorKey;
  /**
   * For a read: the probe's call changes nothing, and `check` proves it answered
   * with the target (so the refusals above withheld something real).
   */
  readOnly?: { check: Check };
  /** Further refusals with their own input: self-escalation, objects outside the actor's reach. */
  extra?: Extra[];
  /**
   * Work the probe's call leaves running after it returns (a refund paid to
   * the provider after the commit): awaited at the end of the probe's test,
   * so it cannot land inside a later test's fingerprint.
   */
  settle?: (data: unknown) => Promise<void>;
};

export const SIGNED_OUT = { anonymous: 'UNAUTHENTICATED', revokedSession: 'UNAUTHENTICATED', disabledAdmin: 'UNAUTHENTICATED' } as const;
export const SIGNED_IN: ActorKey[] = ACTOR_KEYS.filter((k) => !(k in SIGNED_OUT));
export const forbidden = (...keys: ActorKey[]) => Object.fromEntries(keys.map((k) => [k, 'FORBIDDEN'])) as Partial<Record<ActorKey, Refusal>>;
export const notFound = (...keys: ActorKey[]) => Object.fromEntries(keys.map((k) => [k, 'NOT_FOUND'])) as Partial<Record<ActorKey, Refusal>>;
export const APPLICANTS: ActorKey[] = ['individual', 'targetOrgMain', 'otherOrgMain', 'subNoModules', 'subAllModules'];
export const NON_ADMIN_STAFF: ActorKey[] = ['staffFinance', 'staffNonAdmin', 'reviewerAccreditation', 'reviewerExam'];
export const STAFF: ActorKey[] = [...NON_ADMIN_STAFF, 'staffAdmin'];
/** Staff who may act on module A: admins and module-A reviewers (staffNonAdmin reviews every module). */
export const MODULE_A_STAFF: ActorKey[] = ['staffNonAdmin', 'reviewerAccreditation', 'staffAdmin'];
export const extras = (keys: ActorKey[], x: Omit<Extra, 'actor'>): Extra[] => keys.map((k) => ({ ...x, actor: k }));

/** Admins only (staff administration, the legacy-account import). */
export const ADMIN_ONLY: Omit<Coverage, 'input' | 'extra'> = {
  access: { kind: 'staff', roles: ['admin'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, ...NON_ADMIN_STAFF) },
  allowed: ['staffAdmin'],
  probe: 'staffAdmin',
};

/** Staff holding the finance role (staffNonAdmin holds every role but admin). */
export const FINANCE_STAFF: ActorKey[] = ['staffFinance', 'staffNonAdmin'];
// ---------------------------------------------------------------------------
// Domain guards (what a guarded route handler calls)
// ---------------------------------------------------------------------------

/** Calls a domain guard as `who`: the refusal code, or 'ok' with the value. */
export async function guard<T>(fn: (a: Actor) => Promise<T>, who: ActorKey): Promise<{ code: string; value?: T }> {
  try {
    return { code: 'ok', value: await fn(await resolve(who)()) };
  } catch (e) {
    expect(e, who).toBeInstanceOf(AppError);
    return { code: (e as AppError).code };
  }
}

/** Every actor's outcome of a guard, compared with the expected one in one assertion (so a failure lists them all). */
export async function expectGuard(fn: (a: Actor) => Promise<unknown>, expected: Record<ActorKey, 'ok' | Refusal>) {
  const got: Record<string, string> = {};
  for (const who of ACTOR_KEYS) {
    const before = await fingerprint();
    got[who] = (await guard(fn, who)).code;
    // A read: neither the refusal nor the answer changes anything.
    expect(changedTables(before, await fingerprint()), who).toEqual([]);
  }
  expect(got).toEqual(expected);
}

export const outcomes = (ok: ActorKey[], otherwise: Refusal = 'NOT_FOUND') => Object.fromEntries(ACTOR_KEYS.map((k) => [k, ok.includes(k) ? 'ok' : otherwise])) as Record<ActorKey, 'ok' | Refusal>;

// ---------------------------------------------------------------------------
// Area files: what each one exports (./areas/<area>.ts: `export const area = defineArea({ … })`)
// ---------------------------------------------------------------------------

/** A test of its own: its name and body (run as an `it` in the group it is listed under). */
export type Checks = Record<string, () => Promise<void>>;

/** The groups of further checks, run after the coverage entries, in this order, each as one describe block. */
export const CHECK_GROUPS = {
  redirects: 'inputs cannot redirect an action to another account or organization',
  publicScoped: 'public actions that scope by object',
  routes: 'route handlers',
} as const;

export type CoverageArea = {
  /**
   * The folders this area owns (`lib/modules/<m>` or `lib/platform/<part>`, or a
   * subfolder of one): every action defined under them must be covered (or
   * listed as public) in this file, and in no other. Folders do not overlap
   * between areas, and every folder with an action is owned by one area.
   */
  owns: string[];
  /** Its non-public actions, by export name. */
  coverage: Record<string, Coverage>;
  /** Its public actions: each is safe for anyone by design (say why next to it). */
  publicActions?: string[];
  /** Its public route handlers (no session; some other credential, or none needed). */
  publicRoutes?: string[];
  /** Its guarded route handlers: the route file and the domain function that decides access, which the route must call. */
  guardedRoutes?: Record<string, string>;
  /** Its further checks (the guarded routes' domain functions with every actor, smuggled ids, public actions that scope by object). */
  checks?: Partial<Record<keyof typeof CHECK_GROUPS, Checks>>;
};

/** Types an area file's export. */
export const defineArea = (area: CoverageArea): CoverageArea => area;
