import crypto from 'node:crypto';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { outbox, type OutboxRow } from '@/db/schema';
import type { Db } from '@/db';
import { logger } from '../logger';
import { countEvent } from '../metrics';
import { PermanentDeliveryError, type EmailMessage, type SmsMessage, type Transports } from './types';

/**
 * Delivers outbox rows. Several workers (in several app instances) may run at
 * once: a row is claimed with FOR UPDATE SKIP LOCKED and a lease, so each
 * pending row goes to one worker; a lease that expires (the worker died) makes
 * the row claimable again. Providers receive the row id as idempotency key.
 */
const LEASE_SECONDS = 60;

export function backoffMs(attempt: number): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export async function claimBatch(db: Db, workerId: string, limit = 10): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      or(
        and(eq(outbox.status, 'pending'), lte(outbox.availableAt, sql`now()`)),
        and(eq(outbox.status, 'processing'), lt(outbox.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });

  return db
    .update(outbox)
    .set({
      status: 'processing',
      lockedBy: workerId,
      lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(inArray(outbox.id, due))
    .returning();
}

async function deliverOne(db: Db, transports: Transports, row: OutboxRow, workerId: string): Promise<'sent' | 'retry' | 'dead'> {
  const ctx = { idempotencyKey: `outbox-${row.id}`, outboxId: row.id };
  try {
    let result: { providerMessageId?: string };
    if (row.channel === 'email') result = await transports.email.send(row.payload as EmailMessage, ctx);
    else if (row.channel === 'sms') result = await transports.sms.send(row.payload as SmsMessage, ctx);
    else if (row.channel === 'job') result = await (await import('../jobs')).runJob(db, row.payload, ctx).then(() => ({}));
    else throw new PermanentDeliveryError(`unknown outbox channel ${row.channel}`);

    await db
      .update(outbox)
      .set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null, providerMessageId: result.providerMessageId })
      .where(and(eq(outbox.id, row.id), eq(outbox.lockedBy, workerId)));
    return 'sent';
  } catch (err) {
    const permanent = err instanceof PermanentDeliveryError;
    const dead = permanent || row.attempts >= row.maxAttempts;
    const message = err instanceof Error ? err.message : String(err);
    logger.warn('outbox delivery failed', { outboxId: row.id, channel: row.channel, attempt: row.attempts, dead, error: message });
    await db
      .update(outbox)
      .set({
        status: dead ? 'dead' : 'pending',
        failedAt: dead ? sql`now()` : undefined,
        lastError: message.slice(0, 2000),
        lockedUntil: null,
        availableAt: dead ? undefined : new Date(Date.now() + backoffMs(row.attempts)),
      })
      .where(and(eq(outbox.id, row.id), eq(outbox.lockedBy, workerId)));
    return dead ? 'dead' : 'retry';
  }
}

/**
 * Gives back rows this worker claimed but did not hand to a transport (it is
 * stopping): pending again at once, the attempt not counted, for another
 * worker's next claim instead of after the lease.
 */
export async function releaseClaims(db: Db, workerId: string, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const released = await db
    .update(outbox)
    .set({ status: 'pending', lockedUntil: null, lockedBy: null, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, 'processing'), eq(outbox.lockedBy, workerId)))
    .returning({ id: outbox.id });
  return released.length;
}

/** Claims and delivers one batch; returns how many rows it handled. With `signal` aborted midway, the rows not yet started are released. */
export async function runOnce(db: Db, transports: Transports, workerId: string, limit = 10, signal?: AbortSignal) {
  const rows = await claimBatch(db, workerId, limit);
  const results = { claimed: rows.length, sent: 0, retry: 0, dead: 0, released: 0 };
  for (let i = 0; i < rows.length; i++) {
    if (signal?.aborted) {
      results.released = await releaseClaims(db, workerId, rows.slice(i).map((r) => r.id));
      if (results.released) countEvent('accredit_outbox_deliveries_total', { channel: 'any', outcome: 'released' }, results.released);
      break;
    }
    const outcome = await deliverOne(db, transports, rows[i], workerId);
    results[outcome]++;
    countEvent('accredit_outbox_deliveries_total', { channel: rows[i].channel, outcome });
  }
  return results;
}

export type OutboxWorker = { id: string; stop: () => Promise<void>; kick: () => void };

/** Starts a polling worker; `kick()` wakes it early (called after enqueue). */
export function startWorker(db: Db, transports: Transports, opts: { pollMs: number; id?: string }): OutboxWorker {
  const id = opts.id ?? `w-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const ctrl = new AbortController();

  const main = async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        claimed = (await runOnce(db, transports, id, 10, ctrl.signal)).claimed;
      } catch (err) {
        logger.error('outbox worker error', { err });
      }
      // A full batch means more may be waiting: go again at once.
      if (claimed === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, opts.pollMs);
        });
      }
    }
  };
  const done = main();

  const kick = () => {
    clearTimeout(timer);
    wake?.();
  };
  return {
    id,
    kick,
    // Finishes the delivery in hand, releases the rest of its batch, and ends.
    stop: async () => {
      stopped = true;
      ctrl.abort();
      kick();
      await done;
    },
  };
}
