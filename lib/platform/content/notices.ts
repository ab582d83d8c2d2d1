import { and, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { notices } from '@/db/schema';
import type { DbOrTx } from '@/db';

/** Published notices, newest first, optionally for one module. */
export function listPublishedNotices(db: DbOrTx, opts: { module?: string; limit?: number } = {}) {
  return db
    .select({ id: notices.id, title: notices.title, module: notices.module, category: notices.category, publishedAt: notices.publishedAt })
    .from(notices)
    .where(and(isNotNull(notices.publishedAt), lte(notices.publishedAt, sql`now()`), opts.module ? eq(notices.module, opts.module) : undefined))
    .orderBy(desc(notices.publishedAt))
    .limit(opts.limit ?? 50);
}

/** One published notice, or undefined when it does not exist or is not yet published. */
export async function getPublishedNotice(db: DbOrTx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, id), isNotNull(notices.publishedAt), lte(notices.publishedAt, sql`now()`)));
  return row;
}
