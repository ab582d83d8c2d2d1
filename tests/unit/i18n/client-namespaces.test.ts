import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_NAMESPACES, pickMessages, type ClientScope } from '@/i18n/client-messages';
import { rawCatalogs } from '@/messages/catalog';

/**
 * Each layout hands the browser only the message namespaces its client components
 * use (i18n/client-messages.ts, i18n/scoped-provider.tsx). This follows the
 * imports from every page, layout, error, loading and not-found file under app/,
 * switches to "client" at a 'use client' file (everything it imports runs in the
 * browser too) and stops at a 'use server' file; in client code it reads the
 * namespaces of useTranslations('ns') and, for a translator without a namespace
 * (useTranslations()), the literal keys it is called with. A file is under the
 * nearest layout (itself or above) with a <ScopedIntlProvider scope="…"> or a
 * <NoIntlProvider scope="…"> (no provider: no client component under it may call
 * a next-intl hook at all).
 *
 * Keys that reach a client component at run time are declared here:
 * - DYNAMIC: files translating keys they receive at run time (none now: an
 *   upload slot's label and help are translated on the server, shownSlot);
 * - NAMESPACE_PROPS: components whose translator namespace is a prop; the
 *   namespace is read from each file that renders them (`namespace="…"`).
 * A client file with any other non-literal translator key or namespace fails.
 */

const ROOT = path.resolve(__dirname, '../../..');
const rel = (abs: string) => path.relative(ROOT, abs).split(path.sep).join('/');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Files translating keys they receive at run time, with those keys. None today: upload slots come translated (shownSlot). */
const DYNAMIC: Record<string, () => string[]> = {};
const NAMESPACE_PROPS: Record<string, string> = {
  'components/forms/spreadsheet-import.tsx': 'namespace',
};

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(tsx?|jsx?|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx'];
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.join(ROOT, path.dirname(from)), spec);
  else return null; // a package
  for (const ext of EXTENSIONS) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return /\.(tsx?|jsx?|mjs)$/.test(p) ? rel(p) : null;
  }
  return null;
}

/** Value imports (not `import type`), re-exports and dynamic imports. */
function imports(file: string, src: string): string[] {
  const specs = new Set<string>();
  for (const m of src.matchAll(/^\s*import\s+(type\s+)?[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)) if (!m[1]) specs.add(m[2]);
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.add(m[1]);
  for (const m of src.matchAll(/^\s*export\s+(type\s+)?(?:\*|\{[^}]*\})[^'"]*?from\s+['"]([^'"]+)['"]/gm)) if (!m[1]) specs.add(m[2]);
  for (const m of src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.add(m[1]);
  return [...specs].map((s) => resolve(file, s)).filter((f): f is string => !!f);
}

const directive = (src: string, d: string) => new RegExp(`^\\s*(?:(?://[^\\n]*|/\\*[\\s\\S]*?\\*/)\\s*)*['"]${d}['"]`).test(src);

/** The message paths a key needs: its parent namespace ('a.b.c' → 'a.b'), or the key itself for a one-segment key. */
const keyPath = (key: string) => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : key);

/** `exact`: a run-time key (DYNAMIC), suggested as itself (or its `slots` / `slotHelp` group) rather than cut to two segments. */
type Use = { path: string; file: string; exact?: boolean };

/** A client file calling next-intl's hooks needs a provider above it (a layout whose list is not empty). */
const usesNextIntl = (src: string) => /from\s+['"]next-intl['"]/.test(src) && /\b(useTranslations|useLocale|useFormatter|useNow|useTimeZone|useMessages|useExtracted)\s*\(/.test(src);

/** The namespaces one client file uses, or the problems that make them unknowable. */
function usesOf(file: string, src: string): { uses: Use[]; problems: string[] } {
  const uses: Use[] = [];
  const problems: string[] = [];
  const dynamicOk = file in DYNAMIC;
  for (const m of src.matchAll(/useTranslations\(\s*([^)]*?)\s*\)/g)) {
    const arg = m[1];
    const lit = /^(['"])([\w.]+)\1$/.exec(arg);
    if (lit) uses.push({ path: lit[2], file });
    else if (arg === '') continue; // handled below through the variable
    else if (!(file in NAMESPACE_PROPS)) problems.push(`${file}: useTranslations(${arg}) with a namespace not known statically (declare it in NAMESPACE_PROPS)`);
  }
  for (const v of src.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*useTranslations\(\s*\)/g)) {
    const name = v[1];
    for (const c of src.matchAll(new RegExp(`\\b${name}(?:\\.(?:rich|markup|has|raw))?\\(\\s*([^,)]*)`, 'g'))) {
      const arg = c[1].trim();
      const lit = /^(['"])([\w.]+)\1$/.exec(arg);
      const tpl = /^`([\w.]*)\$\{/.exec(arg);
      if (lit) uses.push({ path: keyPath(lit[2]), file });
      else if (tpl && tpl[1].includes('.')) uses.push({ path: tpl[1].replace(/\.[^.]*$/, ''), file });
      else if (/^`[\w.]+`$/.test(arg)) uses.push({ path: keyPath(arg.slice(1, -1)), file });
      else if (!dynamicOk) problems.push(`${file}: ${name}(${arg}) translates a key not known statically (declare the file in DYNAMIC)`);
    }
  }
  if (dynamicOk) for (const k of DYNAMIC[file]()) uses.push({ path: k, file, exact: true });
  return { uses, problems };
}

const ENTRY = /\/(page|layout|error|loading|not-found|template|default|global-error)\.(tsx|ts|jsx|js)$/;
const entries = walk('app').filter((f) => ENTRY.test(f));

/** layout directory → scope, from each layout's <ScopedIntlProvider scope="…"> or <NoIntlProvider scope="…">. */
const scopeOfDir = new Map<string, ClientScope>();
const providerOf = new Map<ClientScope, string>();
for (const f of entries.filter((f) => /\/layout\.\w+$/.test(f))) {
  const m = /<(ScopedIntlProvider|NoIntlProvider)\s+scope="(\w+)"/.exec(read(f));
  if (m) {
    scopeOfDir.set(path.posix.dirname(f), m[2] as ClientScope);
    providerOf.set(m[2] as ClientScope, m[1]);
  }
}
function scopeOf(file: string): ClientScope {
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    const s = scopeOfDir.get(dir);
    if (s) return s;
    if (dir === '.' || dir === '/' || !dir.includes('/')) {
      const root = scopeOfDir.get('app');
      if (!root) throw new Error('app/layout.tsx has no <ScopedIntlProvider scope="…"> or <NoIntlProvider scope="…">');
      return root;
    }
  }
}

/** Follows the imports of every entry file; per scope, the message paths its client code uses. */
function scan() {
  const needed = new Map<ClientScope, Use[]>();
  const hooked = new Map<ClientScope, Set<string>>();
  const problems = new Set<string>();
  const sources = new Map<string, string>();
  const source = (f: string) => {
    let s = sources.get(f);
    if (s === undefined) sources.set(f, (s = read(f)));
    return s;
  };
  for (const entry of entries) {
    const scope = scopeOf(entry);
    const list = needed.get(scope) ?? [];
    needed.set(scope, list);
    const hooks = hooked.get(scope) ?? new Set<string>();
    hooked.set(scope, hooks);
    const seen = new Set<string>();
    const visit = (file: string, client: boolean) => {
      const src = source(file);
      if (directive(src, 'use server')) return;
      const isClient = client || directive(src, 'use client');
      const key = `${file}|${isClient}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (isClient) {
        if (usesNextIntl(src)) hooks.add(file);
        const { uses, problems: p } = usesOf(file, src);
        list.push(...uses);
        p.forEach((x) => problems.add(x));
      }
      for (const dep of imports(file, src)) {
        const prop = NAMESPACE_PROPS[dep];
        if (prop) {
          const found = [...src.matchAll(new RegExp(`\\b${prop}(?:=\\{?|\\s*:\\s*)(['"])([\\w.]+)\\1`, 'g'))].map((m) => m[2]);
          if (!found.length) problems.add(`${file} renders ${dep} without a literal ${prop}="…"`);
          list.push(...found.map((p) => ({ path: p, file })));
        }
        visit(dep, isClient);
      }
    };
    visit(entry, false);
  }
  return { needed, hooked, problems: [...problems] };
}

const covers = (declared: string, used: string) => used === declared || used.startsWith(`${declared}.`);
const exists = (messages: Record<string, unknown>, p: string) => Object.keys(pickMessages(messages, [p])).length > 0;

/** The smallest list covering the uses, each path cut to at most two segments but run-time keys (what the error message suggests). */
function suggestion(uses: Use[]): string[] {
  const cut = (u: Use) => (!u.exact ? u.path.split('.').slice(0, 2).join('.') : /\.(slots|slotHelp)\.[^.]+$/.test(u.path) ? keyPath(u.path) : u.path);
  const paths = [...new Set(uses.map(cut))].sort();
  return paths.filter((p) => !paths.some((q) => q !== p && covers(q, p)));
}

describe('each layout passes its client components exactly the namespaces they use (issue #17 point 7)', () => {
  const { needed, hooked, problems } = scan();

  it('every layout with client messages is known and every translator key is known statically', () => {
    expect(problems).toEqual([]);
    expect(scopeOfDir.get('app'), 'app/layout.tsx wraps the app in <ScopedIntlProvider scope="root">').toBe('root');
    expect([...new Set(scopeOfDir.values())].sort()).toEqual(Object.keys(CLIENT_NAMESPACES).sort());
  });

  it('no other NextIntlClientProvider (a second one would not merge with the layout’s)', () => {
    const users = [...walk('app'), ...walk('components'), ...walk('lib'), ...walk('i18n')].filter((f) => /NextIntlClientProvider/.test(read(f)));
    expect(users).toEqual(['i18n/scoped-provider.tsx']);
  });

  for (const scope of Object.keys(CLIENT_NAMESPACES) as ClientScope[]) {
    it(`${scope}: every namespace used is passed, and every one passed is used`, () => {
      const uses = needed.get(scope) ?? [];
      const declared: readonly string[] = CLIENT_NAMESPACES[scope];
      const hint = `\nthe client code under the ${scope} layout uses, e.g.: ${JSON.stringify(suggestion(uses))}`;
      const missing = uses.filter((u) => !declared.some((d) => covers(d, u.path))).map((u) => `${u.path} (${u.file})`);
      expect([...new Set(missing)], `namespaces used but not passed${hint}`).toEqual([]);
      const unused = declared.filter((d) => !uses.some((u) => covers(d, u.path)));
      expect(unused, `namespaces passed but not used${hint}`).toEqual([]);
      // <NoIntlProvider> (an empty list) renders no provider: nothing below may call next-intl in the browser;
      // <ScopedIntlProvider> with nothing to pass would only add next-intl to the scripts.
      if (providerOf.get(scope) === 'NoIntlProvider') {
        expect(declared, `the ${scope} layout renders <NoIntlProvider>: its list stays empty`).toEqual([]);
        expect([...(hooked.get(scope) ?? [])], `client code under the ${scope} layout uses next-intl: render <ScopedIntlProvider scope="${scope}"> there and list its namespaces${hint}`).toEqual([]);
      } else {
        expect(declared.length, `the ${scope} layout passes nothing: render <NoIntlProvider scope="${scope}"> instead`).toBeGreaterThan(0);
      }
      for (const d of declared) {
        expect(exists(rawCatalogs['zh-CN'] as never, d), `${d} in the zh-CN catalog`).toBe(true);
        expect(exists(rawCatalogs.en as never, d), `${d} in the en catalog`).toBe(true);
      }
    });
  }

  it('a page ships its own scope and at most a shell’s beside it (nested providers each send their messages)', () => {
    // The shells (app/portal, app/staff) pass only what their own client components use; everything else of theirs
    // sits in the `(main)` route groups beside the module areas, so an area's page does not carry the console's list too.
    const SHELLS: ClientScope[] = ['portalShell', 'staffShell'];
    const chains: string[] = [];
    for (const entry of entries) {
      const scopes: ClientScope[] = [];
      for (let dir = path.posix.dirname(entry); dir.startsWith('app'); dir = path.posix.dirname(dir)) {
        const s = scopeOfDir.get(dir);
        if (s && providerOf.get(s) === 'ScopedIntlProvider') scopes.unshift(s);
      }
      const ok = scopes.length <= 1 || (scopes.length === 2 && SHELLS.includes(scopes[0]));
      if (!ok) chains.push(`${entry}: ${scopes.join(' > ')}`);
    }
    expect(chains).toEqual([]);
    for (const shell of SHELLS) expect(CLIENT_NAMESPACES[shell], `${shell} stays the shell's own`).toEqual(['notifications']);
  });

  it('pickMessages copies exactly the listed sub-trees', () => {
    const m = { a: { b: { c: 'x', d: 'y' }, e: 'z' }, f: 'w' };
    expect(pickMessages(m, ['a.b.c', 'f', 'missing.path'])).toEqual({ a: { b: { c: 'x' } }, f: 'w' });
    expect(pickMessages(m, ['a'])).toEqual({ a: m.a });
  });
});
