import crypto from 'node:crypto';
import fs from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { withDatabase } from '../integration/global-setup';

/**
 * A fresh, migrated database for one test file: a PGlite instance loaded from
 * the migrated snapshot, or a new Postgres database cloned from the migrated
 * template. Real SQL, real constraints, no mocks.
 */
export async function createTestDb(): Promise<DbHandle> {
  const templateUrl = inject('postgresTemplateUrl');
  if (templateUrl) {
    const name = `accredit_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = postgres(withDatabase(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${new URL(templateUrl).pathname.slice(1)}`);
    await admin.end();
    const h = await openDb({ url: withDatabase(templateUrl, name), poolMax: 10, migrate: false });
    return {
      ...h,
      close: async () => {
        await h.close();
        const a = postgres(withDatabase(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
  return openDb({ loadDataDir: new Blob([snapshot]), migrate: false });
}

/** Opens a second connection pool to the same test database (Postgres only), e.g. for a second worker. */
export function isPostgres(): boolean {
  return Boolean(inject('postgresTemplateUrl'));
}
