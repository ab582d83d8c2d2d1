import { dbHandle } from '@/db';
import type { Db } from '@/db';
import { env, EnvError } from './env';
import { startMismatch } from './http/origin';
import { installClientIpHook } from './http/client-ip';
import { logger } from './logger';
import { periodicTasks } from './manifest';
import { createTransports, startWorker, type OutboxWorker } from './notify';
import { startPaymentLoop, type PaymentLoop } from './payments/loop';
import { startPeriodic, type PeriodicLoop } from './periodic';
import { alipayFromEnv } from './payments/providers';
import { startPruneLoop } from './prune';
import { startReminderLoop, type ReminderLoop } from './reminders';
import { storageHandle } from './storage';
import type { Storage } from './storage/storage';

/**
 * Server start: validate configuration, open and migrate the database, seed
 * demo data, start (or connect to) object storage, the outbox worker, the
 * reminder loop, the payment loop (reconciliation, expiry, refunds) and the
 * modules' periodic tasks (their manifests' `periodic`).
 * Called once per process from instrumentation.ts.
 */
const g = globalThis as unknown as {
  __accreditBoot?: Promise<void>;
  __accreditWorker?: OutboxWorker;
  __accreditOutboxKick?: () => void;
  __accreditReminders?: ReminderLoop;
  __accreditPayments?: PaymentLoop;
  __accreditModuleTasks?: PeriodicLoop[];
  __accreditPrune?: PeriodicLoop;
};

export type BootOptions = {
  /** Demo data for SEED_DEMO (db/seed/demo.ts, passed in by instrumentation.ts: the platform imports no seed); demo files go to `storage`. */
  seed?: (db: Db, ctx: { storage: () => Promise<Storage> }) => Promise<{ created: number }>;
};

/** Modules must be registered first (the composition root, lib/modules/index.ts). */
export function boot(opts: BootOptions = {}): Promise<void> {
  g.__accreditBoot ??= (async () => {
    const started = Date.now();
    let e;
    try {
      e = env();
    } catch (err) {
      if (err instanceof EnvError) {
        // A readable list of every bad variable, then stop: running half-configured helps no one.
        process.stderr.write(`\n${err.message}\n\nSee the configuration table in README.md.\n\n`);
        process.exit(1);
      }
      throw err;
    }
    // Before the first request is handled: every request then carries its client address (see client-ip.ts).
    installClientIpHook(e.TRUSTED_PROXY_HOPS);
    const { db, driver } = await dbHandle();
    if (e.SEED_DEMO && opts.seed) {
      const { created } = await opts.seed(db, { storage: async () => (await storageHandle()).storage });
      if (created) logger.info('demo data seeded', { created });
    }
    await storageHandle();
    if (e.OUTBOX_WORKER) {
      const worker = startWorker(db, createTransports(e, db), { pollMs: e.OUTBOX_POLL_MS });
      g.__accreditWorker = worker;
      g.__accreditOutboxKick = worker.kick;
    }
    if (e.REMINDER_INTERVAL_SECONDS > 0) g.__accreditReminders = startReminderLoop(db, { intervalSeconds: e.REMINDER_INTERVAL_SECONDS });
    // Unreadable Alipay keys stop the start here rather than at the first payment.
    if (e.PAYMENT_PROVIDER === 'alipay') alipayFromEnv();
    if (e.PAYMENT_RECONCILE_SECONDS > 0)
      g.__accreditPayments = startPaymentLoop(db, {
        intervalSeconds: e.PAYMENT_RECONCILE_SECONDS,
        firstDelayMs: Math.min(10_000, e.PAYMENT_RECONCILE_SECONDS * 1000),
        reconcileAfterSeconds: e.PAYMENT_RECONCILE_AFTER_SECONDS,
      });
    if (e.MODULE_TASKS)
      g.__accreditModuleTasks = periodicTasks().map((task) =>
        startPeriodic(task.name, async () => void (await task.run(db, new Date())), { intervalSeconds: task.intervalSeconds, firstDelayMs: task.firstDelayMs ?? 30_000 }),
      );
    if (e.PRUNE_INTERVAL_SECONDS > 0) g.__accreditPrune = startPruneLoop(db, { intervalSeconds: e.PRUNE_INTERVAL_SECONDS, storage: async () => (await storageHandle()).storage });
    logger.info('accredit ready', { driver, bootMs: Date.now() - started, url: e.APP_URL });
    const mismatch = startMismatch(e, Number(process.env.PORT) || undefined);
    if (mismatch) logger.warn('APP_URL mismatch', { problem: mismatch, appUrl: e.APP_URL });
  })();
  return g.__accreditBoot;
}
