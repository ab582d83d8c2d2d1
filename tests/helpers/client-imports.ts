import fs from 'node:fs';
import path from 'node:path';

/**
 * What a page sends to the browser on first load, followed from the source:
 * the page and its route's layouts, loading, error and template files are
 * server code until a 'use client' module; from there every static import
 * (type-only imports are erased; a 'use server' module is a reference, not
 * code) is in the page's initial client chunks. A dynamic `import()` is a
 * separate chunk fetched later, so it is not followed. Package imports end
 * the walk as `pkg:<specifier>`.
 */

export const ROOT = path.resolve(__dirname, '../..');

const source = new Map<string, string>();
const read = (f: string) => source.get(f) ?? (source.set(f, fs.readFileSync(f, 'utf8')), source.get(f)!);
const directive = (f: string, d: string) => /\.tsx?$/.test(f) && new RegExp(`^\\s*(?:/\\*[\\s\\S]*?\\*/\\s*|//[^\\n]*\\n\\s*)*['"]${d}['"]`).test(read(f));

/** package.json `imports` (`#cn`): what the browser gets is the `default` target (the `react-server` one is for server components). */
const packageImports = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).imports ?? {}) as Record<string, string | Record<string, string>>;

function resolve(from: string, spec: string): string | null {
  let base: string;
  const mapped = packageImports[spec];
  if (mapped) return path.join(ROOT, typeof mapped === 'string' ? mapped : mapped.default);
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return `pkg:${spec}`;
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

/** The static, non-type imports of a module (`import { type A }` alone counts as a value import: conservative). */
export function staticImports(f: string): string[] {
  if (!/\.tsx?$/.test(f)) return [];
  const out: string[] = [];
  const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
  for (const m of read(f).matchAll(statement)) if (!m[1]) out.push(m[2]);
  return out.map((s) => resolve(f, s)).filter((p): p is string => p !== null);
}

/** The modules of the route segment files that wrap `page` (app/…/page.tsx), outermost first. */
export function routeFiles(page: string): string[] {
  const abs = path.join(ROOT, page);
  const files: string[] = [];
  for (let dir = path.dirname(abs); dir.startsWith(path.join(ROOT, 'app')); dir = path.dirname(dir)) {
    for (const name of ['layout', 'template', 'loading', 'error', 'not-found']) {
      const f = path.join(dir, `${name}.tsx`);
      if (fs.existsSync(f)) files.unshift(f);
    }
  }
  return [...files, abs];
}

/**
 * The import chain (paths relative to the root) from a route's files to the
 * first client-side module `matches` accepts, or null when its initial
 * client chunks hold none.
 */
export function clientChainTo(page: string, matches: (module: string) => boolean): string[] | null {
  type Node = { f: string; client: boolean };
  const key = (n: Node) => `${n.client ? 'c' : 's'}:${n.f}`;
  const prev = new Map<string, Node | null>();
  const queue: Node[] = [];
  for (const f of routeFiles(page)) {
    const n = { f, client: directive(f, 'use client') };
    prev.set(key(n), null);
    queue.push(n);
  }
  while (queue.length) {
    const n = queue.shift()!;
    if (n.client && matches(n.f)) {
      const chain: string[] = [];
      for (let x: Node | null = n; x; x = prev.get(key(x)) ?? null) chain.unshift(x.f.startsWith('pkg:') ? x.f : path.relative(ROOT, x.f));
      return chain;
    }
    if (n.f.startsWith('pkg:')) continue;
    for (const d of staticImports(n.f)) {
      if (!n.client && d.startsWith('pkg:')) continue;
      // A server action imported by a client module is a reference to the server, not code.
      if (n.client && directive(d, 'use server')) continue;
      const next = { f: d, client: n.client || directive(d, 'use client') };
      if (prev.has(key(next))) continue;
      prev.set(key(next), n);
      queue.push(next);
    }
  }
  return null;
}
