import { and, count, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { notices } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { isUuid } from '@/lib/platform/schemas';
import { sharedStampedCache, type StampedCache, type StampedCacheOptions } from '@/lib/platform/cache/stamped-cache';

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

// ---- The public pages' read models, kept per instance ----------------------------

/** A notice as a list shows it: public fields only. */
export type PublicNoticeItem = { id: string; title: string; module: string | null; category: string; publishedAt: Date | null };
/** A published notice as its page shows it: no storage keys, no author. */
export type PublicNotice = PublicNoticeItem & { body: string; attachments: Array<{ name: string; size: number }> };
export type PublicNoticesPage = { items: PublicNoticeItem[]; total: number; page: number; pages: number };

/**
 * The stamp of everything the public notice pages show: how many notices are
 * visible now (a scheduled one reaching its time changes it) and a hash of
 * every row's identity, place, title and publication and change instants
 * (every write of a notice sets updated_at: an edit of its text or files, a
 * publish, an unpublish; a deletion drops its row from the sum). One scan of
 * the notices table, read at most every `recheckMs` per instance.
 */
async function noticesStamp(db: DbOrTx): Promise<string> {
  const [r] = await db
    .select({
      visible: sql<string>`count(*) filter (where ${notices.publishedAt} <= now())::text`,
      hash: sql<string>`coalesce(sum(hashtext(concat_ws('|', ${notices.id}, ${notices.module}, ${notices.category}, ${notices.title}, ${notices.publishedAt}, ${notices.updatedAt}))), 0)::text`,
    })
    .from(notices);
  return `${r.visible}:${r.hash}`;
}

/** A change on another instance shows within `recheckMs` (2 s); on the instance that made it, at once. */
export const PUBLIC_NOTICES_CACHE: StampedCacheOptions = { name: 'publicNotices', stamp: noticesStamp, recheckMs: 2_000, maxAgeMs: 30_000, maxEntries: 500 };

const toItem = (n: PublicNoticeItem): PublicNoticeItem => ({ id: n.id, title: n.title, module: n.module, category: n.category, publishedAt: n.publishedAt });

/** The public notice read models over one cache (the process's shared one, or a test's own). */
export function publicNoticeReads(cache: StampedCache) {
  const count = (db: DbOrTx, f: PublishedFilter) => cache.read(db, JSON.stringify(['count', f.module ?? null, f.category ?? null]), () => countPublishedNotices(db, f));
  const list = (db: DbOrTx, f: PublishedFilter & { limit: number; offset: number }) =>
    cache.read(db, JSON.stringify(['list', f.module ?? null, f.category ?? null, f.limit, f.offset]), async () => (await listPublishedNotices(db, f)).map(toItem));
  return {
    /** The newest `limit` published notices (home page, a module's page). */
    latest: (db: DbOrTx, opts: { module?: string; limit: number }): Promise<PublicNoticeItem[]> => list(db, { module: opts.module, limit: opts.limit, offset: 0 }),
    /** One page of 动态信息; a page past the last is the last. */
    page: async (db: DbOrTx, q: PublishedFilter & { page: number; pageSize: number }): Promise<PublicNoticesPage> => {
      const f = { module: q.module, category: q.category };
      const total = await count(db, f);
      const pages = Math.max(1, Math.ceil(total / q.pageSize));
      const page = Math.min(Number.isSafeInteger(q.page) && q.page > 0 ? q.page : 1, pages);
      const items = await list(db, { ...f, limit: q.pageSize, offset: (page - 1) * q.pageSize });
      return { items, total, page, pages };
    },
    /** A published notice, or undefined (an unknown id is not kept). */
    notice: (db: DbOrTx, id: string): Promise<PublicNotice | undefined> =>
      isUuid(id)
        ? cache.read(
            db,
            JSON.stringify(['notice', id.toLowerCase()]),
            async () => {
              const n = await getPublishedNotice(db, id);
              return n ? { ...toItem(n), body: n.body, attachments: n.attachments.map((a) => ({ name: a.name, size: a.size })) } : undefined;
            },
            { keep: (n) => n !== undefined },
          )
        : Promise.resolve(undefined),
  };
}

const shared = () => publicNoticeReads(sharedStampedCache(PUBLIC_NOTICES_CACHE));
export const latestPublishedNotices = (db: DbOrTx, opts: { module?: string; limit: number }) => shared().latest(db, opts);
export const publishedNoticesPage = (db: DbOrTx, q: PublishedFilter & { page: number; pageSize: number }) => shared().page(db, q);
export const publicNotice = (db: DbOrTx, id: string) => shared().notice(db, id);

/** Called by whatever changed notices, after its transaction: this instance's public pages show the change at once. */
export function invalidatePublicNotices(): void {
  sharedStampedCache(PUBLIC_NOTICES_CACHE).invalidate();
}
