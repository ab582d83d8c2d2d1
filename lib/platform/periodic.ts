import { logger } from './logger';

export type PeriodicLoop = { stop: () => Promise<void>; runNow: () => Promise<void> };

/**
 * Runs `run` every `intervalSeconds`, first after `firstDelayMs`; one run at a
 * time, errors logged and the loop kept going. Every app instance may run one:
 * the jobs it drives are safe concurrently, so there is no leader to elect.
 */
export function startPeriodic(name: string, run: () => Promise<void>, opts: { intervalSeconds: number; firstDelayMs: number }): PeriodicLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      await run();
    } catch (err) {
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
      await running;
    },
  };
}
