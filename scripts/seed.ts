/**
 * `npm run db:seed`: opens the configured database (DATABASE_URL, else the
 * embedded PGlite under PGLITE_DIR), runs the migrations, and inserts the demo
 * data (db/seed/demo.ts). Idempotent: a second run creates nothing.
 */
// The composition root: the demo goes through the modules' kinds.
import '@/lib/modules';
import { dbHandle } from '@/db';
import { DEMO_ACCOUNTS, DEMO_INDIVIDUAL, DEMO_ORG, seedDemo } from '@/db/seed/demo';
import { DEMO_PERSONNEL } from '@/db/seed/demo-personnel';
import { DEMO_FILING_ORG } from '@/db/seed/demo-membership-changes';
import { env } from '@/lib/platform/env';
import { storageHandle } from '@/lib/platform/storage';

async function main() {
  const e = env();
  const handle = await dbHandle();
  let store: ReturnType<typeof storageHandle> | undefined;
  try {
    // Demo files (module E's project materials) go to the configured object store, opened only when needed.
    const { created } = await seedDemo(handle.db, { storage: async () => (await (store ??= storageHandle())).storage });
    const where = e.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${e.PGLITE_DIR}`;
    process.stdout.write(`Demo seed on ${where}: ${created} row(s) created${created ? '' : ' (everything was already there)'}.\n`);
    process.stdout.write('Demo accounts (username / password):\n');
    for (const a of [...DEMO_ACCOUNTS, DEMO_INDIVIDUAL, DEMO_ORG, DEMO_ORG.sub, DEMO_FILING_ORG, ...DEMO_PERSONNEL]) process.stdout.write(`  ${a.username} / ${a.password}  ${a.name}\n`);
  } finally {
    await handle.close();
    if (store) {
      const { storage, embedded } = await store;
      storage.destroy();
      await embedded?.close();
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`db:seed failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
