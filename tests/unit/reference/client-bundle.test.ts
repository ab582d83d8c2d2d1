import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue #17 (light pages): the region tree (lib/reference/regions.ts with its
 * 230 KB of JSON) never reaches the browser. Walks the imports of every
 * 'use client' module (type-only imports are erased; a 'use server' module is
 * a reference, not code, in a client bundle) and fails with the import chain
 * when one reaches the tree. `npm run build` + grep of .next/static proves the
 * same on the output; this catches it before a build.
 */

const ROOT = path.resolve(__dirname, '../../..');
const TREE = ['lib/reference/regions.ts', 'lib/reference/region-checks.ts', 'lib/reference/data/regions.json', 'lib/reference/data/regions-en.json'].map((f) => path.join(ROOT, f));

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

const source = new Map<string, string>();
const read = (f: string) => source.get(f) ?? (source.set(f, fs.readFileSync(f, 'utf8')), source.get(f)!);
const directive = (f: string, d: string) => new RegExp(`^\\s*(?:/\\*[\\s\\S]*?\\*/\\s*|//[^\\n]*\\n\\s*)*['"]${d}['"]`).test(read(f));

function imports(f: string): string[] {
  if (!/\.tsx?$/.test(f)) return [];
  const src = read(f);
  const out: string[] = [];
  const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
  for (const m of src.matchAll(statement)) if (!m[1]) out.push(m[2]);
  for (const m of src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out.map((s) => resolve(f, s)).filter((p): p is string => p !== null);
}

function walk(dir: string, acc: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, acc);
    else if (/\.tsx?$/.test(e.name)) acc.push(p);
  }
  return acc;
}

/** The import chain from `start` to a file of the tree, or null. */
function chainToTree(start: string): string[] | null {
  const prev = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift()!;
    if (TREE.includes(f)) {
      const chain: string[] = [];
      for (let x: string | null = f; x; x = prev.get(x) ?? null) chain.unshift(path.relative(ROOT, x));
      return chain;
    }
    for (const d of imports(f)) {
      if (prev.has(d) || (/\.tsx?$/.test(d) && directive(d, 'use server'))) continue;
      prev.set(d, f);
      queue.push(d);
    }
  }
  return null;
}

describe('client bundles', () => {
  const clients = ['app', 'components', 'lib'].flatMap((d) => walk(path.join(ROOT, d))).filter((f) => directive(f, 'use client'));

  it('finds the client modules, the region picker among them', () => {
    expect(clients.length).toBeGreaterThan(50);
    expect(clients.map((f) => path.relative(ROOT, f))).toContain('components/forms/region-picker.tsx');
  });

  it('no client module imports the region tree, directly or through a schema or helper', () => {
    const reaching = clients.map(chainToTree).filter((c): c is string[] => c !== null);
    expect(reaching.map((c) => c.join(' → '))).toEqual([]);
  });

  it('the walk does find the tree from server code that uses it (it is not vacuous)', () => {
    expect(chainToTree(path.join(ROOT, 'components/exam/registration-details.tsx'))).toEqual(['components/exam/registration-details.tsx', 'lib/reference/regions.ts']);
  });
});
