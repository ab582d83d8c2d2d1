import { env } from '@/lib/platform/env';
import { logger } from '@/lib/platform/logger';
import { openDb, type Db, type DbHandle } from './client';

export type { Db, DbOrTx, Tx, DbHandle } from './client';
export { rowsOf } from './client';

/**
 * The process-wide database. Kept on globalThis because Next.js may load this
 * module in several bundles (instrumentation, route handlers, server actions)
 * and an embedded PGlite directory must be opened exactly once per process.
 */
const g = globalThis as unknown as { __accreditDb?: Promise<DbHandle> };

export function dbHandle(): Promise<DbHandle> {
  g.__accreditDb ??= (async () => {
    const e = env();
    const started = Date.now();
    const handle = e.DATABASE_URL
      ? await openDb({ url: e.DATABASE_URL, poolMax: e.DB_POOL_MAX })
      : await openDb({ pgliteDir: e.PGLITE_DIR });
    logger.info('database ready', { driver: handle.driver, migratedInMs: Date.now() - started });
    return handle;
  })().catch((err) => {
    g.__accreditDb = undefined;
    throw err;
  });
  return g.__accreditDb;
}

export async function getDb(): Promise<Db> {
  return (await dbHandle()).db;
}
