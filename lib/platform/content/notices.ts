import { and, count, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { notices } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { isUuid } from '@/lib/platform/schemas';

/**
 * The public side of notices. Only published ones (publish date reached)
 * ever leave here; a scheduled notice appears when its time comes, because
 * every query compares with the database's now().
 */
export type PublishedFilter = { module?: string; category?: string };

function publishedWhere(f: PublishedFilter = {}) {
  return and(
    isNotNull(notices.publishedAt),
    lte(notices.publishedAt, sql`now()`),
    f.module ? eq(notices.module, f.module) : undefined,
    f.category ? eq(notices.category, f.category) : undefined,
  );
}

/** Published notices, newest first, optionally for one module and/or one category. */
export function listPublishedNotices(db: DbOrTx, opts: PublishedFilter & { limit?: number; offset?: number } = {}) {
  return db
    .select({ id: notices.id, title: notices.title, module: notices.module, category: notices.category, publishedAt: notices.publishedAt })
    .from(notices)
    .where(publishedWhere(opts))
    .orderBy(desc(notices.publishedAt), desc(notices.id))
    .limit(opts.limit ?? 50)
    .offset(opts.offset ?? 0);
}

export async function countPublishedNotices(db: DbOrTx, f: PublishedFilter = {}): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(notices).where(publishedWhere(f));
  return n;
}

/** One published notice, or undefined when it does not exist or is not yet published. */
export async function getPublishedNotice(db: DbOrTx, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(notices).where(and(eq(notices.id, id), publishedWhere()));
  return row;
}
