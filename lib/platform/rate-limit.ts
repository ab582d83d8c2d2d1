import { eq, sql } from 'drizzle-orm';
import { rateLimits } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/client';

/**
 * Fixed-window counters in Postgres, so limits hold across app instances.
 * `hit` increments atomically (one upsert) and says whether the limit is exceeded.
 */
export type LimitState = { count: number; retryAfterSec: number };

export async function hit(db: DbOrTx, key: string, windowSec: number): Promise<LimitState> {
  const res = await db.execute(sql`
    insert into ${rateLimits} (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when ${rateLimits.windowStart} + make_interval(secs => ${windowSec}) <= now() then 1 else ${rateLimits.count} + 1 end,
      window_start = case when ${rateLimits.windowStart} + make_interval(secs => ${windowSec}) <= now() then now() else ${rateLimits.windowStart} end
    returning count, greatest(0, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSec}) - now()))))::int as retry_after`);
  const [row] = rowsOf<{ count: number; retry_after: number }>(res);
  return { count: Number(row.count), retryAfterSec: Number(row.retry_after) };
}

/** The current count of a window without changing it (0 when the window has passed). */
export async function peek(db: DbOrTx, key: string, windowSec: number): Promise<LimitState> {
  const res = await db.execute(sql`
    select count, greatest(0, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSec}) - now()))))::int as retry_after
    from ${rateLimits} where key = ${key} and window_start + make_interval(secs => ${windowSec}) > now()`);
  const [row] = rowsOf<{ count: number; retry_after: number }>(res);
  return row ? { count: Number(row.count), retryAfterSec: Number(row.retry_after) } : { count: 0, retryAfterSec: 0 };
}

export async function clear(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
