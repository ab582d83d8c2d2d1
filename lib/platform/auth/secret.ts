import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import type { Db } from '@/db';
import { env } from '../env';
import { getSetting } from '../settings';

/**
 * The key that signs sessions and captcha challenges: AUTH_SECRET, or one
 * generated on first use and stored in the database (shared by all instances).
 */
// Kept per database: the secret is that database's row (a process has one database; a test process has one per file).
const g = globalThis as unknown as { __accreditSecrets?: WeakMap<Db, Promise<string>> };

export function authSecret(db: Db): Promise<string> {
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) return Promise.resolve(fromEnv);
  const secrets = (g.__accreditSecrets ??= new WeakMap());
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      await db
        .insert(siteSettings)
        .values({ key: 'auth.secret', value: sql`to_jsonb(${crypto.randomBytes(32).toString('base64url')}::text)` })
        .onConflictDoNothing();
      return getSetting<string>(db, 'auth.secret');
    })().catch((e) => {
      secrets.delete(db);
      throw e;
    });
    secrets.set(db, secret);
  }
  return secret;
}
