import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import postgres from 'postgres';
import { HealingPool } from './pool';
import * as schema from './schema';

/**
 * The one database module. Postgres (postgres-js) when a URL is given,
 * otherwise embedded PGlite persisted in a directory. Both run the same
 * drizzle-kit migrations from db/migrations.
 */
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Domain functions accept either a database or an open transaction. */
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  driver: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** The underlying PGlite instance (tests dump/clone it). */
  pglite?: PGlite;
  /** The connection URL (Postgres only): lets a test open a second, independent pool. */
  url?: string;
};

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Serializes concurrent `migrate` runs of several app instances on one Postgres.
const MIGRATION_LOCK_ID = 720_101;

/**
 * Seconds before a pool connection that closed with an error connects again
 * (`retries`: errors in a row across the pool, reset by a successful connect).
 * postgres-js's default grows as 3^retries to 20 s, so after a PostgreSQL
 * restart of a few seconds the pool sat out up to 20 s more per connection
 * (the restart drill saw requests fail ~30 s after PostgreSQL was back); this
 * grows from 0.1 s to at most 2 s, with jitter.
 */
export function reconnectBackoff(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** retries, 2);
}

export type OpenDbOptions =
  | { url: string; poolMax?: number; migrate?: boolean }
  | { pgliteDir?: string; loadDataDir?: Blob; migrate?: boolean };

export async function openDb(opts: OpenDbOptions): Promise<DbHandle> {
  if ('url' in opts) {
    if (opts.migrate !== false) await migratePostgresUrl(opts.url);
    const url = opts.url;
    const make = () => postgres(url, { max: opts.poolMax ?? 10, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30, backoff: reconnectBackoff });
    const config = { schema, casing: 'snake_case' } as const;
    // The pool replaces itself when it stops connecting to a database that answers (db/pool.ts).
    const pool = new HealingPool({
      make,
      prepare: (sql) => void drizzlePostgres(sql, config),
      probe: async () => {
        const one = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
        try {
          await one`select 1`;
          return true;
        } catch {
          return false;
        } finally {
          await one.end({ timeout: 1 }).catch(() => {});
        }
      },
      onReplace: (info) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: 'database pool replaced', app: 'accredit', ...(process.env.INSTANCE_ID ? { instance: process.env.INSTANCE_ID } : {}), ...info })}\n`),
    });
    const db = drizzlePostgres(pool as unknown as postgres.Sql, config) as unknown as Db;
    return { db, driver: 'postgres', url, close: () => pool.end({ timeout: 5 }) };
  }

  if (opts.pgliteDir) fs.mkdirSync(opts.pgliteDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(opts.pgliteDir ? { dataDir: opts.pgliteDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const pdb = drizzlePglite(pglite, { schema, casing: 'snake_case' });
  if (opts.migrate !== false) await migratePglite(pdb, { migrationsFolder });
  return { db: pdb as unknown as Db, driver: 'pglite', pglite, close: () => pglite.close() };
}

async function migratePostgresUrl(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(client, { casing: 'snake_case' }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Rows of a raw `db.execute(sql)` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const r = result as { rows?: T[] };
  return r.rows ?? [];
}
