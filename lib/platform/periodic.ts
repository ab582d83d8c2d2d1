import { logger } from './logger';
import { countEvent } from './metrics';

export type PeriodicLoop = { stop: () => Promise<void>; runNow: () => Promise<void> };

/**
 * Runs `run` every `intervalSeconds`, first after `firstDelayMs`; one run at a
 * time, errors logged and the loop kept going. Every app instance may run one:
 * the jobs it drives claim their work in the database (conditional updates,
 * SKIP LOCKED, leases), so there is no leader to elect.
 *
 * `stop()` aborts the signal handed to the run in progress (a run that looks at
 * it stops after the item in hand and releases what it claimed) and waits for
 * it to end.
 */
export function startPeriodic(name: string, run: (signal: AbortSignal) => Promise<void>, opts: { intervalSeconds: number; firstDelayMs: number }): PeriodicLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const ctrl = new AbortController();

  const tick = async () => {
    if (ctrl.signal.aborted) return;
    try {
      await run(ctrl.signal);
      countEvent('accredit_periodic_runs_total', { loop: name, outcome: 'ok' });
    } catch (err) {
      countEvent('accredit_periodic_runs_total', { loop: name, outcome: 'failed' });
      logger.error(`${name} failed`, { err });
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
  schedule(opts.firstDelayMs);

  return {
    runNow: () => (running = running.then(tick)),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      ctrl.abort();
      await running;
    },
  };
}
