import type { Db } from '@/db';
import { logger } from '../logger';
import { startPeriodic, type PeriodicLoop } from '../periodic';
import { runReminders } from './run';

export type ReminderLoop = PeriodicLoop;

/**
 * Runs the reminder engine every `intervalSeconds` (REMINDER_INTERVAL_SECONDS),
 * first shortly after start. Runs are idempotent and safe concurrently.
 */
export function startReminderLoop(db: Db, opts: { intervalSeconds: number; firstDelayMs?: number }): ReminderLoop {
  return startPeriodic(
    'reminder run',
    async () => {
      const r = await runReminders(db);
      if (r.reminders) logger.info('reminders sent', r);
    },
    { intervalSeconds: opts.intervalSeconds, firstDelayMs: opts.firstDelayMs ?? 5_000 },
  );
}
