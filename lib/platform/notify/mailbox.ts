import { and, count, desc, eq, ilike, lt, or } from 'drizzle-orm';
import { mailboxMessages, outbox } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { hasForbiddenChars } from '../text-rules';

/** Messages the local transports delivered, newest first (keyset-paginated by id). */
export async function listMailbox(
  db: DbOrTx,
  opts: { recipient?: string; channel?: 'email' | 'sms'; beforeId?: number; limit?: number } = {},
) {
  const limit = Math.min(opts.limit ?? 50, 200);
  // A filter that no recipient can hold (too long, a control character) filters nothing rather than failing the query.
  const q = opts.recipient && opts.recipient.length <= 200 && !hasForbiddenChars(opts.recipient) ? opts.recipient.trim() : undefined;
  const rows = await db
    .select()
    .from(mailboxMessages)
    .where(
      and(
        q ? or(ilike(mailboxMessages.recipient, `%${q.replace(/[%_\\]/g, '\\$&')}%`)) : undefined,
        opts.channel ? eq(mailboxMessages.channel, opts.channel) : undefined,
        opts.beforeId ? lt(mailboxMessages.id, opts.beforeId) : undefined,
      ),
    )
    .orderBy(desc(mailboxMessages.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), nextBeforeId: rows.length > limit ? rows[limit - 1].id : undefined };
}

/** Outbox rows per delivery status, for the staff dashboard. */
export async function outboxStatusCounts(db: DbOrTx): Promise<Record<string, number>> {
  const rows = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
