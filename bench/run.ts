/**
 * Benchmark runner: `npm run bench -- <name>…` runs the scenarios whose file
 * name (bench/<file>.ts, this runner excepted) starts with a given name, e.g.
 * `npm run bench -- pdf` runs bench/pdf-render.ts; no name runs them all.
 * A scenario's default export is `{ title, run(): Promise<BenchTable> }`; the
 * runner prints each table as Markdown for BENCHMARKS.md.
 *
 * Runs with NODE_ENV=production (unless set) so React and libraries take
 * their production paths, as under `next start`.
 */
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';

export type BenchRow = Record<string, string | number>;
export type BenchTable = { rows: BenchRow[]; notes?: string[] };
export type BenchScenario = { title: string; run: () => Promise<BenchTable> };

/** Summary statistics of durations in ms. */
export function stats(ms: number[]): { n: number; mean: number; p50: number; p95: number; p99: number; min: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: q(50), p95: q(95), p99: q(99), min: s[0], max: s[s.length - 1] };
}

export const fmtMs = (v: number) => v.toFixed(v < 10 ? 2 : 1);

/**
 * tsx runs this CommonJS package's TypeScript as CommonJS and compiles ESM
 * dependencies to require() calls, which resolve package exports with the
 * "require" condition. @react-pdf/hyphenate exports its subpaths for "import"
 * only, so its subpath requests are resolved by hand to the same files
 * (Next.js and vitest load it as ESM and need none of this).
 */
function allowImportOnlySubpaths(): void {
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    try {
      return original.call(this, request, ...rest);
    } catch (e) {
      const m = /^(@react-pdf\/hyphenate)\/([\w-]+)$/.exec(request);
      if (m && (e as { code?: string }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
        return path.join(process.cwd(), 'node_modules', m[1], 'lib', `${m[2]}.js`);
      }
      throw e;
    }
  };
}

function table(rows: BenchRow[]): string {
  if (!rows.length) return '(no rows)';
  const cols = Object.keys(rows[0]);
  return [`| ${cols.join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${cols.map((c) => String(r[c] ?? '')).join(' | ')} |`)].join('\n');
}

async function main() {
  (process.env as Record<string, string>).NODE_ENV ??= 'production';
  process.env.LOG_LEVEL ??= 'silent';
  allowImportOnlySubpaths();

  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  const chosen = names.length ? files.filter((f) => names.some((n) => f.startsWith(n))) : files;
  if (!chosen.length) {
    console.error(`No benchmark matches ${names.join(', ')}. Available: ${files.join(', ') || '(none)'}`);
    process.exit(1);
  }
  console.log(`Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}; NODE_ENV=${process.env.NODE_ENV}\n`);
  for (const f of chosen) {
    const scenario = ((await import(path.join(__dirname, f))) as { default: BenchScenario }).default;
    console.log(`## ${scenario.title} (bench/${f}.ts)\n`);
    const result = await scenario.run();
    console.log(table(result.rows));
    for (const n of result.notes ?? []) console.log(`\n${n}`);
    console.log('');
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
