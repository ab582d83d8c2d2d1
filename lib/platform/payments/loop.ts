import type { Db } from '@/db';
import { logger } from '../logger';
import { reconcileOrders } from './checkout';
import { expireOrders } from './orders';
import { processPendingRefunds } from './refunds';

export type PaymentLoop = { stop: () => Promise<void>; runNow: () => Promise<void> };

/** One pass: settle what providers report paid, then expire what is still unpaid past its time, then pay back waiting refunds. */
export async function runPaymentJobs(db: Db, now = new Date()) {
  // Reconcile before expiring: an order paid in its last minutes whose notification was lost is settled, not expired.
  const reconciled = await reconcileOrders(db, now);
  const { expired } = await expireOrders(db, now);
  const { processed } = await processPendingRefunds(db);
  return { ...reconciled, expired, refunds: processed };
}

/**
 * Runs the payment jobs every `intervalSeconds` (PAYMENT_RECONCILE_SECONDS),
 * first shortly after start. Every instance may run one: each job is safe
 * concurrently (row locks, SKIP LOCKED, conditional updates, idempotent
 * provider calls), so there is no leader to elect.
 */
export function startPaymentLoop(db: Db, opts: { intervalSeconds: number; firstDelayMs?: number }): PaymentLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const r = await runPaymentJobs(db);
      if (r.settled || r.expired || r.refunds || r.failed) logger.info('payment jobs', r);
    } catch (err) {
      logger.error('payment jobs failed', { err });
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => schedule(opts.intervalSeconds * 1000));
    }, ms);
    // The loop alone never keeps a process alive (scripts, tests).
    timer.unref?.();
  };
  schedule(opts.firstDelayMs ?? 10_000);

  return {
    runNow: () => (running = running.then(tick)),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
