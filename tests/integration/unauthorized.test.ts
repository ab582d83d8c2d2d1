import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_MODULE_KEYS } from '@/lib/modules/account/sub-account-schemas';
import { allows } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { getStorage } from '@/lib/platform/storage';
import {
  ACTOR_KEYS,
  call,
  changedTables,
  CHECK_GROUPS,
  ctx,
  defNamed,
  expectAccepted,
  expectRefused,
  fingerprint,
  registerDiscovered,
  resolve,
  s3server,
  setUpContext,
  tearDownContext,
  type ActorKey,
  type AnyDef,
  type Checks,
  type Coverage,
  type CoverageArea,
  type Refusal,
} from './unauthorized/context';

/**
 * Unauthorized access to every non-public server action of the platform and
 * of the finished business areas: accounts, sub-accounts, staff
 * administration, platform notices, the workflow engine's actions, documents,
 * in-app notifications, module A (accreditation), module B (membership),
 * publications, module D (exam set-up, ID photos, candidate registration,
 * orders, refunds) and the payment layer (online payments, refunds, bank
 * transfers) and the certificates registry.
 *
 * The actions are discovered at test time, so a new action without an entry in
 * the area file owning its folder fails here with its name, and so does an
 * action that became public without being listed among its area's public
 * actions. Each covered action gets a valid input aimed at an object of
 * ANOTHER organization / another staff member (a real application, document,
 * notice, notification …), is called by every actor that must be refused, and
 * must answer { ok: false } with the expected code while the whole database
 * and the whole object store stay exactly the same. The same input from an
 * allowed actor then succeeds and changes the database (or, for a read,
 * returns the target and changes nothing), so the refusals are about the actor
 * and the fingerprint would see a change.
 *
 * Layout: this file is the one test file. It discovers the actions (under
 * lib/modules and lib/platform), the route handlers (under app) and the area
 * files (every file of ./unauthorized/areas/), merges the areas and runs every
 * case. Each area file exports `area = defineArea({ owns, coverage, … })`: the
 * folders it owns, and the coverage entries, public actions, route handlers
 * and further checks of the actions and routes there. An action must be
 * covered by the area owning its folder, and by no other; every folder with
 * an action is owned by exactly one area. The shared machinery (database,
 * object store, actors, fingerprint, refusal sets) is in
 * ./unauthorized/context.ts, the builders several areas share in
 * ./unauthorized/builders.ts.
 */

const ROOT = process.cwd();

// ---------------------------------------------------------------------------
// Discovery of the actions
// ---------------------------------------------------------------------------

/** Every business module and every platform part: a new folder under either lands here and must be covered. */
const ROOTS = ['lib/modules', 'lib/platform'];
/**
 * Being written right now by others; their suites come with them. Named one by
 * one (a folder, e.g. 'lib/modules/personnel'): its actions are not
 * discovered, so they need no coverage entry and no owning area yet. Once a
 * folder is removed from this list, its actions fail "every non-public action
 * has a coverage entry" until the area file owning the folder covers them.
 */
const PENDING_AREAS: string[] = [];

function walk(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(rel);
    return /\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [rel] : [];
  });
}

type Discovered = { name: string; file: string; def: AnyDef };

const isActionDef = (v: unknown): v is AnyDef => {
  const d = v as { access?: { kind?: unknown }; schema?: { safeParse?: unknown }; handler?: unknown } | null;
  return !!d && typeof d === 'object' && typeof d.access?.kind === 'string' && typeof d.schema?.safeParse === 'function' && typeof d.handler === 'function';
};

const coveredFiles = ROOTS.flatMap(walk)
  .filter((f) => !PENDING_AREAS.some((a) => f.startsWith(`${a}/`)))
  .sort();
// Every services file (the convention), and any other file that declares an action.
const candidateFiles = coveredFiles.filter(
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

registerDiscovered(discovered);

// ---------------------------------------------------------------------------
// Discovery of the area files, merged (each name from one file only)
// ---------------------------------------------------------------------------

/** Every file here is an area: a new module adds its own, nothing else to edit. */
const AREAS_DIR = 'tests/integration/unauthorized/areas';
const AREAS: Record<string, CoverageArea> = {};
/** Files of the folder that do not export an area. */
const notAreas: string[] = [];
for (const file of fs.readdirSync(path.join(ROOT, AREAS_DIR)).sort()) {
  if (!/\.ts$/.test(file)) {
    notAreas.push(`${file}: not a .ts file`);
    continue;
  }
  const { area } = (await import(path.join(ROOT, AREAS_DIR, file))) as { area?: CoverageArea };
  if (!area || !Array.isArray(area.owns) || !area.coverage || typeof area.coverage !== 'object') notAreas.push(`${file}: no \`export const area = defineArea({ owns, coverage })\``);
  else AREAS[file.replace(/\.ts$/, '')] = area;
}

/** Every name listed by more than one area file (entries, public actions, routes, checks, folders), with the files. */
const duplicates: string[] = [];
/** One part of every area file, merged in file-name order; `owner` names the area each key came from. */
function merge<T>(kind: string, pick: (area: CoverageArea) => Record<string, T> | undefined): { all: Record<string, T>; owner: Record<string, string> } {
  const all: Record<string, T> = {};
  const owner: Record<string, string> = {};
  for (const [areaName, area] of Object.entries(AREAS)) {
    for (const [key, value] of Object.entries(pick(area) ?? {})) {
      if (key in owner) {
        duplicates.push(`${kind} ${key}: in areas/${owner[key]}.ts and areas/${areaName}.ts`);
        continue;
      }
      all[key] = value;
      owner[key] = areaName;
    }
  }
  return { all, owner };
}
const listed = (list: string[] | undefined) => Object.fromEntries((list ?? []).map((k) => [k, true] as const));

const coverage = merge<Coverage>('coverage entry', (a) => a.coverage);
const COVERAGE = coverage.all;
const publicActions = merge('public action', (a) => listed(a.publicActions));
/** The public actions: each is safe for anyone by design (sign-up, recovery, activation, notices, tokens); each area says why. */
const PUBLIC_DEFS = Object.keys(publicActions.all).sort();
const areaPublicRoutes = merge('public route', (a) => listed(a.publicRoutes));
const GUARDED_ROUTES = merge('guarded route', (a) => a.guardedRoutes).all;
const CHECKS = Object.fromEntries(
  (Object.keys(CHECK_GROUPS) as Array<keyof typeof CHECK_GROUPS>).map((g) => [g, merge(`check "${CHECK_GROUPS[g]}" /`, (a) => a.checks?.[g]).all]),
) as Record<keyof typeof CHECK_GROUPS, Checks>;
/** Each folder an area owns, and that area. */
const FOLDER_OWNER = merge('owned folder', (a) => listed(a.owns)).owner;

/** The area owning `file`: the one with a folder containing it (folders do not overlap, checked below). */
const areaOf = (file: string): string | undefined => Object.entries(FOLDER_OWNER).find(([folder]) => file.startsWith(`${folder}/`))?.[1];
const fileOf = (name: string) => discovered.find((d) => d.name === name)?.file;
const isPending = (folder: string) => PENDING_AREAS.some((a) => folder === a || folder.startsWith(`${a}/`));

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

beforeAll(async () => {
  await setUpContext();
});
afterAll(async () => {
  await tearDownContext();
});

describe('discovery', () => {
  it('finds the action definitions of every covered area', () => {
    // Guards the discovery itself: an empty or short list would make every other check vacuous.
    expect(discovered.length).toBeGreaterThanOrEqual(88);
    expect(misnamed, 'action definitions must be exported as *Def').toEqual([]);
    const names = discovered.map((d) => d.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), 'two actions share an export name').toEqual([]);
    // Each area named in this file's header is really walked.
    for (const area of [
      'lib/modules/account',
      'lib/modules/staff-admin',
      'lib/modules/accreditation',
      'lib/modules/membership',
      'lib/modules/publications',
      'lib/modules/exam/admin',
      'lib/modules/exam/photo',
      'lib/modules/exam/registration',
      'lib/platform/workflow',
      'lib/platform/documents',
      'lib/platform/notify',
      'lib/platform/notices',
      'lib/platform/payments',
      'lib/platform/certificates',
    ]) {
      expect(discovered.some((d) => d.file.startsWith(`${area}/`)), area).toBe(true);
    }
  });

  it('leaves out only the pending areas, which still exist (remove an entry once its area is covered)', () => {
    for (const a of PENDING_AREAS) expect(fs.existsSync(path.join(ROOT, a)), a).toBe(true);
    expect(discovered.filter((d) => PENDING_AREAS.some((a) => d.file.startsWith(`${a}/`)))).toEqual([]);
  });

  it('every file of unauthorized/areas/ is an area, and each owns existing folders of lib/modules or lib/platform, with actions, overlapping no other area’s', () => {
    expect(notAreas).toEqual([]);
    expect(Object.keys(AREAS).length).toBeGreaterThanOrEqual(9);
    for (const [name, area] of Object.entries(AREAS)) expect(area.owns.length, `areas/${name}.ts owns no folder`).toBeGreaterThan(0);
    const folders = Object.keys(FOLDER_OWNER);
    for (const folder of folders) {
      const who = `${folder} (areas/${FOLDER_OWNER[folder]}.ts)`;
      expect(folder, who).toMatch(/^lib\/(modules|platform)\/[\w-]+(\/[\w-]+)*$/);
      expect(fs.statSync(path.join(ROOT, folder), { throwIfNoEntry: false })?.isDirectory(), `${who} is not a folder`).toBe(true);
      // A pending folder's actions are not discovered yet: its area may own it ahead of time.
      if (!isPending(folder)) expect(discovered.some((d) => d.file.startsWith(`${folder}/`)), `${who} defines no action`).toBe(true);
    }
    const overlapping = folders.flatMap((a) => folders.filter((b) => a !== b && b.startsWith(`${a}/`)).map((b) => `${a} (areas/${FOLDER_OWNER[a]}.ts) contains ${b} (areas/${FOLDER_OWNER[b]}.ts)`));
    expect(overlapping).toEqual([]);
  });

  it('every action lies in a folder owned by an area (a new module adds its file to unauthorized/areas/)', () => {
    expect(discovered.filter((d) => !areaOf(d.file)).map((d) => `${d.name} (${d.file}): no file of unauthorized/areas/ owns its folder`)).toEqual([]);
  });

  it('no action, public action, route, check or folder is listed by two area files', () => {
    expect(duplicates).toEqual([]);
  });

  it('every non-public action has a coverage entry (in the area file owning its folder)', () => {
    const missing = discovered
      .filter((d) => d.def.access.kind !== 'public' && !COVERAGE[d.name])
      .map((d) => `${d.name} (${d.file}, access ${JSON.stringify(d.def.access)}): add it to areas/${areaOf(d.file) ?? '<the area owning its folder>'}.ts`);
    expect(missing).toEqual([]);
  });

  it('each coverage entry and each public action is listed by the area file owning its folder, never another’s', () => {
    const misplaced = [...Object.entries(coverage.owner), ...Object.entries(publicActions.owner)]
      .filter(([name]) => fileOf(name)) // a stale name fails below
      .filter(([name, owner]) => areaOf(fileOf(name)!) !== owner)
      .map(([name, owner]) => `${name} (${fileOf(name)}) is listed in areas/${owner}.ts, not areas/${areaOf(fileOf(name)!) ?? '<no area owns its folder>'}.ts`);
    expect(misplaced).toEqual([]);
  });

  it('the public actions are exactly the expected ones', () => {
    expect(discovered.filter((d) => d.def.access.kind === 'public').map((d) => d.name).sort()).toEqual(PUBLIC_DEFS);
  });

  it('no coverage entry is stale', () => {
    const names = new Set(discovered.map((d) => d.name));
    expect(Object.keys(COVERAGE).filter((n) => !names.has(n)).map((n) => `${n} (areas/${coverage.owner[n]}.ts)`)).toEqual([]);
  });

  it('every exported server action of the covered areas goes through the gate (bindAction of a discovered definition)', () => {
    const defNames = new Set(discovered.map((d) => d.name));
    const problems: string[] = [];
    let serverFiles = 0;
    for (const file of coveredFiles) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      if (!/^\s*['"]use server['"]/.test(text)) continue;
      serverFiles++;
      const exports = [...text.matchAll(/^export\s+(?:async\s+function|function|const|let)\s+(\w+)/gm)];
      if (/^export\s+(default|\{|\*)/m.test(text)) problems.push(`${file}: only named function exports are checked here`);
      exports.forEach((m, i) => {
        const body = text.slice(m.index, exports[i + 1]?.index ?? text.length);
        const bound = /bindAction\((\w+)\)/.exec(body)?.[1];
        if (!bound || !defNames.has(bound)) problems.push(`${file}#${m[1]} (${bound ? `binds ${bound}, not a discovered definition` : 'does not call bindAction'})`);
      });
    }
    expect(serverFiles).toBeGreaterThanOrEqual(70);
    expect(problems).toEqual([]);
  });

  it('the actions store files in this suite’s own object store', async () => {
    const storage = await getStorage();
    expect(storage.bucket).toBe(s3server.storage.bucket);
    await storage.put('probe/hello.txt', new TextEncoder().encode('hi'), 'text/plain');
    expect(await s3server.storage.get('probe/hello.txt')).toEqual(new TextEncoder().encode('hi'));
    await storage.delete('probe/hello.txt');
  });
});

describe('the actors are what they claim to be', () => {
  it('each fixture actor resolves through its session as intended', async () => {
    const a = Object.fromEntries(await Promise.all(ACTOR_KEYS.map(async (k) => [k, await resolve(k)()] as const))) as Record<ActorKey, Actor>;
    expect(a.anonymous.kind).toBe('anonymous');
    expect(a.revokedSession.kind).toBe('anonymous');
    expect(a.disabledAdmin.kind).toBe('anonymous');
    expect(a.individual.kind).toBe('individual');
    expect(a.targetOrgMain).toMatchObject({ kind: 'organization', isMain: true, orgId: ctx.fx.targetOrgId });
    expect(a.otherOrgMain).toMatchObject({ kind: 'organization', isMain: true, orgId: ctx.fx.otherOrgId });
    expect(ctx.fx.otherOrgId).not.toBe(ctx.fx.targetOrgId);
    expect(a.subNoModules).toMatchObject({ kind: 'organization', isMain: false, orgId: ctx.fx.targetOrgId, modules: [] });
    expect(a.subAllModules).toMatchObject({ kind: 'organization', isMain: false, orgId: ctx.fx.targetOrgId, modules: [...ORG_MODULE_KEYS] });
    expect(ORG_MODULE_KEYS).toContain('accreditation');
    expect(a.staffFinance).toMatchObject({ kind: 'staff', roles: [{ role: 'finance', module: '*' }] });
    expect(a.staffNonAdmin.kind === 'staff' && a.staffNonAdmin.roles.length).toBe(10);
    expect(a.staffNonAdmin.kind === 'staff' && a.staffNonAdmin.roles.some((r) => r.role === 'admin')).toBe(false);
    expect(a.reviewerAccreditation).toMatchObject({ kind: 'staff', roles: [{ role: 'reviewer', module: 'accreditation' }] });
    expect(a.reviewerExam).toMatchObject({ kind: 'staff', roles: [{ role: 'reviewer', module: 'exam' }] });
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
      expect([...refused, ...(cov.scoped?.actors ?? []), ...cov.allowed].sort(), 'each actor is either refused, scoped or allowed, once').toEqual([...ACTOR_KEYS].sort());
      expect(cov.allowed).toContain(cov.probe);
      // The gate validates before it looks at the actor: an invalid sample would be refused for the wrong reason.
      const parsed = def().schema.safeParse(input);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });

    for (const [who, code] of Object.entries(cov.refused) as Array<[ActorKey, Refusal]>) {
      it(`refuses ${who} with ${code}, changing nothing`, async () => {
        if (code === 'NOT_FOUND') {
          // NOT_FOUND is only acceptable where the gate admits the actor and the handler scopes by object.
          expect(allows(def().access, await resolve(who)())).toBe(true);
        }
        await expectRefused(def(), who, input, code);
      });
    }

    for (const who of cov.scoped?.actors ?? []) {
      it(`confines ${who} to its own objects (${cov.scoped!.why}), changing nothing`, async () => {
        expect(allows(def().access, await resolve(who)())).toBe(true);
        const before = await fingerprint();
        const r = await call(def(), who, input);
        expect(r).toMatchObject({ ok: true });
        expect(changedTables(before, await fingerprint())).toEqual([]);
        await cov.scoped!.check((r as { data: unknown }).data);
      });
    }

    for (const x of cov.extra ?? []) {
      it(`refuses ${x.why} (${x.actor}, ${x.code}), changing nothing${x.control ? `; ${x.control} may` : ''}`, async () => {
        const extraInput = await x.input();
        expect(def().schema.safeParse(extraInput).success).toBe(true);
        if (x.code === 'NOT_FOUND') expect(allows(def().access, await resolve(x.actor)())).toBe(true);
        await expectRefused(def(), x.actor, extraInput, x.code);
        if (x.control) await expectAccepted(def(), x.control, extraInput, Boolean(cov.readOnly));
      });
    }

    it(`accepts the same input from ${cov.probe}, which ${cov.readOnly ? 'reads the target and changes nothing' : 'changes the database'}`, async () => {
      const before = await fingerprint();
      const r = await call(def(), cov.probe, input);
      expect(r).toMatchObject({ ok: true });
      if (cov.settle) await cov.settle((r as { data: unknown }).data);
      const changed = changedTables(before, await fingerprint());
      if (cov.readOnly) {
        expect(changed).toEqual([]);
        await cov.readOnly.check((r as { data: unknown }).data);
      } else {
        expect(changed).not.toEqual([]);
      }
    });
  });
}

// ---------------------------------------------------------------------------
// Route handlers
// ---------------------------------------------------------------------------

/**
 * Route handlers are bound to the session with getServerSession (next/headers),
 * which needs Next's request scope, so a route file cannot be called as a plain
 * function here; the gate in front of every one (defineRoute → routeHandler) is
 * tested in route-handler.test.ts. Each guarded route (listed by the area file
 * that owns it) names the domain function that decides access; the route
 * must call it (checked in its source), and that function is tested with every
 * actor by a check of the same area file.
 */
const PUBLIC_ROUTES = [
  'app/api/auth/[...nextauth]/route.ts',
  'app/api/captcha/route.ts',
  'app/api/health/route.ts',
  // The areas' own (a payment platform's notification, the phone-upload link …).
  ...Object.keys(areaPublicRoutes.all),
];

/** The areas' further checks, in the order of CHECK_GROUPS; the route handlers' group starts with the classification of every route. */
for (const group of Object.keys(CHECK_GROUPS) as Array<keyof typeof CHECK_GROUPS>) {
  describe(CHECK_GROUPS[group], () => {
    if (group === 'routes') {
      it('every route handler is classified as public or guarded', () => {
        const routes = walk('app').filter((f) => /\/route\.tsx?$/.test(f));
        const known = [...PUBLIC_ROUTES, ...Object.keys(GUARDED_ROUTES)];
        // Guards the guard: the known routes are where this check looks.
        expect(known.filter((f) => !routes.includes(f))).toEqual([]);
        expect(known.filter((f, i) => known.indexOf(f) !== i), 'a route handler classified twice').toEqual([]);
        expect(routes.filter((f) => !known.includes(f)), 'classify the new route handler in the area file of its module (publicRoutes or guardedRoutes)').toEqual([]);
      });

      it('each guarded route calls the domain function that decides access', () => {
        for (const [file, fn] of Object.entries(GUARDED_ROUTES)) expect(fs.readFileSync(path.join(ROOT, file), 'utf8'), file).toContain(fn);
      });
    }

    for (const [name, check] of Object.entries(CHECKS[group])) it(name, check);
  });
}
