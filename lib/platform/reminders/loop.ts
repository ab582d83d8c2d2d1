import type { Db } from '@/db';
import { logger } from '../logger';
import { runReminders } from './run';

export type ReminderLoop = { stop: () => Promise<void>; runNow: () => Promise<void> };

/**
 * Runs the reminder engine every `intervalSeconds` (REMINDER_INTERVAL_SECONDS),
 * first shortly after start. Every instance may run one: runs are idempotent and
 * safe concurrently, so there is no leader to elect.
 */
export function startReminderLoop(db: Db, opts: { intervalSeconds: number; firstDelayMs?: number }): ReminderLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const r = await runReminders(db);
      if (r.reminders) logger.info('reminders sent', r);
    } catch (err) {
      logger.error('reminder run failed', { err });
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
  schedule(opts.firstDelayMs ?? 5_000);

  return {
    runNow: () => (running = running.then(tick)),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
