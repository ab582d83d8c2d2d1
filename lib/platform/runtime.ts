import { dbHandle } from '@/db';
import type { Db } from '@/db';
import os from 'node:os';
import { env, EnvError, type Env } from './env';
import { startMismatch } from './http/origin';
import { installClientIpHook } from './http/client-ip';
import { installRequestHook, onRequestFinished } from './http/request-context';
import { installSignalHandlers, markReady, onShutdown } from './lifecycle';
import { logger } from './logger';
import { recordRequest, startProcessMetrics } from './metrics';
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
 * Server start: validate configuration, install the request hook (request
 * ids, access log, metrics, in-flight tracking) and the signal handlers, open
 * and migrate the database, seed demo data, start (or connect to) object
 * storage, the outbox worker, the reminder loop, the payment loop
 * (reconciliation, expiry, refunds) and the modules' periodic tasks (their
 * manifests' `periodic`); then the instance is ready (/api/ready). Every loop
 * is registered to stop at shutdown (lifecycle.ts), releasing its claims.
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
    const instance = instanceId(e);
    // Before the first request is handled: every request then carries its client address (see client-ip.ts).
    installClientIpHook(e.TRUSTED_PROXY_HOPS);
    installRequestHook();
    onRequestFinished(accessLog);
    startProcessMetrics();
    installSignalHandlers({ graceMs: e.SHUTDOWN_GRACE_SECONDS * 1000 });
    const { db, driver, close } = await dbHandle();
    onShutdown('database', close);
    if (e.SEED_DEMO && opts.seed) {
      const { created } = await opts.seed(db, { storage: async () => (await storageHandle()).storage });
      if (created) logger.info('demo data seeded', { created });
    }
    await storageHandle();
    if (e.OUTBOX_WORKER) {
      const worker = startWorker(db, createTransports(e, db), { pollMs: e.OUTBOX_POLL_MS, id: `${instance}-${Math.random().toString(36).slice(2, 8)}` });
      g.__accreditWorker = worker;
      g.__accreditOutboxKick = worker.kick;
      onShutdown('outbox worker', worker.stop);
    }
    if (e.REMINDER_INTERVAL_SECONDS > 0) {
      g.__accreditReminders = startReminderLoop(db, { intervalSeconds: e.REMINDER_INTERVAL_SECONDS });
      onShutdown('reminders', g.__accreditReminders.stop);
    }
    // Unreadable Alipay keys stop the start here rather than at the first payment.
    if (e.PAYMENT_PROVIDER === 'alipay') alipayFromEnv();
    if (e.PAYMENT_RECONCILE_SECONDS > 0) {
      g.__accreditPayments = startPaymentLoop(db, {
        intervalSeconds: e.PAYMENT_RECONCILE_SECONDS,
        firstDelayMs: Math.min(10_000, e.PAYMENT_RECONCILE_SECONDS * 1000),
        reconcileAfterSeconds: e.PAYMENT_RECONCILE_AFTER_SECONDS,
      });
      onShutdown('payment jobs', g.__accreditPayments.stop);
    }
    if (e.MODULE_TASKS) {
      g.__accreditModuleTasks = periodicTasks().map((task) =>
        startPeriodic(task.name, async () => void (await task.run(db, new Date())), { intervalSeconds: task.intervalSeconds, firstDelayMs: task.firstDelayMs ?? 30_000 }),
      );
      for (const [i, loop] of g.__accreditModuleTasks.entries()) onShutdown(`task ${i}`, loop.stop);
    }
    if (e.PRUNE_INTERVAL_SECONDS > 0) {
      g.__accreditPrune = startPruneLoop(db, { intervalSeconds: e.PRUNE_INTERVAL_SECONDS, storage: async () => (await storageHandle()).storage });
      onShutdown('prune', g.__accreditPrune.stop);
    }
    markReady();
    logger.info('accredit ready', { driver, instance, bootMs: Date.now() - started, url: e.APP_URL });
    const mismatch = startMismatch(e, Number(process.env.PORT) || undefined);
    if (mismatch) logger.warn('APP_URL mismatch', { problem: mismatch, appUrl: e.APP_URL });
  })();
  return g.__accreditBoot;
}

/** This instance's name: INSTANCE_ID, else host name and process id. */
export function instanceId(e: Env = env()): string {
  return e.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`;
}

/**
 * The access log: one JSON line per request (request id, actor id — never an
 * identifier a person typed —, method, route with ids replaced, status,
 * duration) and the request metrics. Static assets and the probes are counted
 * but logged at debug level only.
 */
function accessLog(ctx: { requestId: string; method: string; route: string; actorId?: string; action?: string }, status: number, seconds: number) {
  const kind = ctx.action ? 'action' : 'page';
  recordRequest(ctx.method, ctx.route, status, seconds, kind);
  const quiet = ctx.route === '/_next/static/*' || ctx.route === '/api/health' || ctx.route === '/api/ready' || ctx.route === '/api/metrics' || ctx.route === '/favicon.ico';
  const fields = { requestId: ctx.requestId, actorId: ctx.actorId ?? null, method: ctx.method, route: ctx.route, ...(ctx.action ? { action: ctx.action } : {}), status, durationMs: Math.round(seconds * 10_000) / 10 };
  if (status >= 500) logger.warn('request', fields);
  else if (quiet) logger.debug('request', fields);
  else logger.info('request', fields);
}
