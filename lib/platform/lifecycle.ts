import { drainServers, isDraining } from './http/request-context';
import { logger } from './logger';

/**
 * The instance's life: starting → ready (boot finished: migrations applied,
 * storage reached, loops started) → draining (a SIGTERM or SIGINT: readiness
 * answers 503, no new connection is accepted, requests in flight finish, the
 * background loops stop and release what they claimed) → exit.
 *
 * `next start` has its own signal handling (close the server, exit), which
 * would exit before the loops release their claims; with
 * NEXT_MANUAL_SIG_HANDLE=true (scripts/start.mjs and scripts/cluster.sh set it)
 * Next leaves the signals to us and this file does the whole shutdown.
 */
type Stopper = { name: string; stop: () => Promise<unknown> };
type State = { ready: boolean; stoppers: Stopper[]; shuttingDown?: Promise<void>; installed: boolean };
const g = globalThis as unknown as { __accreditLifecycle?: State };
const state: State = (g.__accreditLifecycle ??= { ready: false, stoppers: [], installed: false });

export function markReady(): void {
  state.ready = true;
}

/** Boot has finished (whatever happened since). */
export function isBooted(): boolean {
  return state.ready;
}

/** Booted and not draining. */
export function isReady(): boolean {
  return state.ready && !isDraining() && !state.shuttingDown;
}

export function isShuttingDown(): boolean {
  return !!state.shuttingDown;
}

/** Registers something to stop at shutdown (a loop, the outbox worker, the database pool: in the order registered, pools last). */
export function onShutdown(name: string, stop: () => Promise<unknown>): void {
  state.stoppers.push({ name, stop });
}

/**
 * Drains and stops: requests in flight get up to `graceMs` to finish while the
 * loops stop (each finishes the item in hand and releases the rest of its
 * claims); then whatever was registered last (the database) closes.
 */
export function shutdown(reason: string, opts: { graceMs?: number } = {}): Promise<void> {
  state.shuttingDown ??= (async () => {
    const started = Date.now();
    const graceMs = opts.graceMs ?? 25_000;
    logger.info('shutting down: draining', { reason, graceMs });
    const loops = state.stoppers.filter((s) => s.name !== 'database');
    const [drained] = await Promise.all([
      drainServers(graceMs),
      Promise.all(
        loops.map(async (s) => {
          try {
            await s.stop();
          } catch (err) {
            logger.error(`stopping ${s.name} failed`, { err });
          }
        }),
      ),
    ]);
    for (const s of state.stoppers.filter((x) => x.name === 'database')) await s.stop().catch(() => {});
    logger.info('shut down', { reason, ms: Date.now() - started, requestsCut: drained.cut });
  })();
  return state.shuttingDown;
}

/** SIGTERM / SIGINT run `shutdown` and exit; a second signal exits at once. Only when Next leaves the signals to us (NEXT_MANUAL_SIG_HANDLE). */
export function installSignalHandlers(opts: { graceMs?: number } = {}): boolean {
  if (state.installed || !process.env.NEXT_MANUAL_SIG_HANDLE) return false;
  state.installed = true;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      if (state.shuttingDown) {
        logger.warn('second signal: exiting now', { signal: sig });
        process.exit(1);
      }
      void shutdown(sig, opts).finally(() => process.exit(0));
    });
  }
  return true;
}
