import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * The integration files that change a platform registry (a test kind, module, payment provider, slot …), themselves
 * or through a local helper they import: they run in a process of their own each (vitest's default isolation), so
 * that what they register stays theirs. The rest share their worker's process one file after another
 * (`isolate: false`), which saves importing every module anew for each file; tests/setup-modules.ts gives each file
 * its own environment and storage.
 */
function changesRegistries(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const src = fs.readFileSync(file, 'utf8');
  if (/\bregister[A-Z]\w*\(/.test(src)) return true;
  for (const [, rel] of src.matchAll(/from '(\.\.?\/[^']+)'/g)) {
    const base = path.resolve(path.dirname(file), rel);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (target && changesRegistries(target, seen)) return true;
  }
  return false;
}
const integrationDir = path.resolve(__dirname, 'tests/integration');
const registering = (fs.readdirSync(integrationDir, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts') && changesRegistries(path.join(integrationDir, f)))
  .map((f) => `tests/integration/${f.split(path.sep).join('/')}`);

const integration = {
  environment: 'node' as const,
  // Migrates once (PGlite snapshot or a Postgres template database); each file then gets its own copy.
  globalSetup: ['tests/integration/global-setup.ts'],
  // Modules register with the platform at boot in the app (instrumentation.ts); here, before each file.
  setupFiles: ['tests/setup-modules.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${path.resolve(__dirname)}/` },
      // As in the app (next.config.ts): use-intl formats the precompiled catalogs (messages/catalog.ts) without a parser.
      { find: /^use-intl\/format-message$/, replacement: require.resolve('use-intl/format-message/format-only') },
    ],
  },
  test: {
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    // Vitest's default is one worker less than the CPUs: a single worker on a two-core machine (CI's), where the
    // integration files (each on its own PGlite copy) then ran one after the other. Two at least.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Processed by vitest rather than loaded by Node, so that their own import of `use-intl/format-message` takes the alias.
    server: { deps: { inline: ['next-intl', 'use-intl'] } },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { ...integration, name: 'integration', include: ['tests/integration/**/*.test.ts'], exclude: [...configDefaults.exclude, ...registering], isolate: false },
      },
      {
        extends: true,
        test: { ...integration, name: 'integration-isolated', include: registering },
      },
    ],
  },
});
