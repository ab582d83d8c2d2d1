import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/client';
import { redactText } from './logger';

/**
 * How the background work stands, across every instance (it is read from the
 * database): the outbox backlog and its failures, payments waiting for
 * reconciliation, refunds waiting or failed. /api/metrics exports it and the
 * staff dashboard shows it.
 */
export type OperationsStatus = {
  outbox: {
    /** Rows by channel and status, sent rows excepted (they only grow). */
    byChannel: Array<{ channel: string; status: string; n: number }>;
    /** Pending rows whose time has come: what the workers have yet to pick up. */
    due: number;
    /** Age in seconds of the oldest due row (0 when none). */
    oldestDueSeconds: number;
    /** Pending rows that failed at least once and wait for their retry. */
    retrying: number;
    dead: number;
    deadLastDay: number;
    /** Rows claimed by a worker whose lease has run out (a worker died): picked up again by the next claim. */
    expiredLeases: number;
    /** The latest failures (dead or retrying), the error text redacted. */
    recentFailures: Array<{ id: number; channel: string; status: string; attempts: number; lastError: string; type: string | null; at: Date }>;
    /** The workers that delivered in the last 10 minutes (one per instance), among the newest 20,000 rows. */
    workers: Array<{ id: string; delivered: number; lastAt: Date }>;
  };
  payments: {
    /** Orders sent to a provider, unpaid, past the wait for their notification: the reconciliation's work. */
    awaitingReconciliation: number;
    /** How far past that wait the oldest of them is, in seconds (the reconciliation lag). */
    reconciliationLagSeconds: number;
    refundsWaiting: number;
    refundsFailed: number;
  };
};

const num = (v: unknown) => Number(v ?? 0);

export async function operationsStatus(db: DbOrTx, opts: { reconcileAfterSeconds: number }): Promise<OperationsStatus> {
  const [byChannel, [o], failures, workers, [p]] = await Promise.all([
    db.execute(sql`select channel, status, count(*)::int as n from outbox where status in ('pending', 'processing', 'dead') group by 1, 2 order by 1, 2`).then((r) => rowsOf<{ channel: string; status: string; n: number }>(r)),
    db
      .execute(
        sql`select
          count(*) filter (where status = 'pending' and available_at <= now())::int as due,
          coalesce(extract(epoch from now() - min(available_at) filter (where status = 'pending' and available_at <= now())), 0)::float as oldest,
          count(*) filter (where status = 'pending' and attempts > 0)::int as retrying,
          count(*) filter (where status = 'dead')::int as dead,
          count(*) filter (where status = 'dead' and created_at > now() - interval '1 day')::int as dead_day,
          count(*) filter (where status = 'processing' and locked_until < now())::int as expired
        from outbox where status in ('pending', 'processing', 'dead')`,
      )
      .then((r) => rowsOf<{ due: number; oldest: number; retrying: number; dead: number; dead_day: number; expired: number }>(r)),
    db
      .execute(
        sql`select id, channel, status, attempts, coalesce(last_error, '') as last_error, payload ->> 'type' as type, coalesce(available_at, created_at) as at
        from outbox where status = 'dead' or (status = 'pending' and attempts > 0) order by id desc limit 5`,
      )
      .then((r) => rowsOf<{ id: number; channel: string; status: string; attempts: number; last_error: string; type: string | null; at: Date | string }>(r)),
    db
      .execute(sql`select locked_by as id, count(*)::int as delivered, max(sent_at) as last_at from outbox
        where id > (select coalesce(max(id), 0) - 20000 from outbox) and status = 'sent' and sent_at > now() - interval '10 minutes' and locked_by is not null
        group by 1 order by 1`)
      .then((r) => rowsOf<{ id: string; delivered: number; last_at: Date | string }>(r)),
    db
      .execute(
        sql`select
          (select count(*)::int from orders o where o.status = 'unpaid' and o.provider is not null
             and o.created_at <= now() - make_interval(secs => ${opts.reconcileAfterSeconds})
             and not exists (select 1 from payments p where p.order_id = o.id)) as awaiting,
          (select coalesce(extract(epoch from now() - min(o.created_at)) - ${opts.reconcileAfterSeconds}, 0)::float from orders o where o.status = 'unpaid' and o.provider is not null
             and o.created_at <= now() - make_interval(secs => ${opts.reconcileAfterSeconds})
             and not exists (select 1 from payments p where p.order_id = o.id)) as lag,
          (select count(*)::int from refunds where status in ('requested', 'processing')) as refunds_waiting,
          (select count(*)::int from refunds where status = 'failed') as refunds_failed`,
      )
      .then((r) => rowsOf<{ awaiting: number; lag: number; refunds_waiting: number; refunds_failed: number }>(r)),
  ]);
  return {
    outbox: {
      byChannel: byChannel.map((r) => ({ channel: r.channel, status: r.status, n: num(r.n) })),
      due: num(o?.due),
      oldestDueSeconds: Math.max(0, num(o?.oldest)),
      retrying: num(o?.retrying),
      dead: num(o?.dead),
      deadLastDay: num(o?.dead_day),
      expiredLeases: num(o?.expired),
      recentFailures: failures.map((f) => ({ id: num(f.id), channel: f.channel, status: f.status, attempts: num(f.attempts), lastError: redactText(f.last_error).slice(0, 300), type: f.type, at: new Date(f.at) })),
      workers: workers.map((w) => ({ id: w.id, delivered: num(w.delivered), lastAt: new Date(w.last_at) })),
    },
    payments: {
      awaitingReconciliation: num(p?.awaiting),
      reconciliationLagSeconds: Math.max(0, num(p?.lag)),
      refundsWaiting: num(p?.refunds_waiting),
      refundsFailed: num(p?.refunds_failed),
    },
  };
}
