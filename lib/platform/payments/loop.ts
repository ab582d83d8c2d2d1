import type { Db } from '@/db';
import { logger } from '../logger';
import { startPeriodic, type PeriodicLoop } from '../periodic';
import { reconcileOrders } from './checkout';
import { expireOrders } from './orders';
import { processPendingRefunds } from './refunds';

export type PaymentLoop = PeriodicLoop;

/** One pass: settle what providers report paid, then expire what is still unpaid past its time, then pay back waiting refunds. */
export async function runPaymentJobs(db: Db, now = new Date(), opts: { reconcileAfterSeconds?: number; intervalSeconds?: number; signal?: AbortSignal } = {}) {
  // Reconcile before expiring: an order paid in its last minutes whose notification was lost is settled, not expired.
  const reconciled = await reconcileOrders(db, now, opts.reconcileAfterSeconds === undefined ? undefined : opts.reconcileAfterSeconds * 1000, { signal: opts.signal, recheckSeconds: opts.intervalSeconds });
  if (opts.signal?.aborted) return { ...reconciled, expired: 0, refunds: 0 };
  const { expired } = await expireOrders(db, now);
  const { processed } = await processPendingRefunds(db, opts.signal);
  return { ...reconciled, expired, refunds: processed };
}

/**
 * Runs the payment jobs every `intervalSeconds` (PAYMENT_RECONCILE_SECONDS),
 * first shortly after start. Each job is safe concurrently on every instance:
 * reconciliation claims each order in the database, expiry locks with SKIP
 * LOCKED, refunds are claimed by a conditional update; provider calls carry
 * idempotency keys.
 */
export function startPaymentLoop(db: Db, opts: { intervalSeconds: number; firstDelayMs?: number; reconcileAfterSeconds?: number }): PaymentLoop {
  return startPeriodic(
    'payment jobs',
    async (signal) => {
      const r = await runPaymentJobs(db, new Date(), { reconcileAfterSeconds: opts.reconcileAfterSeconds, intervalSeconds: opts.intervalSeconds, signal });
      if (r.settled || r.expired || r.refunds || r.failed) logger.info('payment jobs', r);
    },
    { intervalSeconds: opts.intervalSeconds, firstDelayMs: opts.firstDelayMs ?? 10_000 },
  );
}
