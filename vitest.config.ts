import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

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
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Migrates once (PGlite snapshot or a Postgres template database); each file then gets its own copy.
          globalSetup: ['tests/integration/global-setup.ts'],
          // Modules register with the platform at boot in the app (instrumentation.ts); here, before each file.
          setupFiles: ['tests/setup-modules.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
