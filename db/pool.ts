import type postgres from 'postgres';

type Sql = postgres.Sql;

/** Error codes of a connection that failed or went away (postgres-js's own, the socket's, PostgreSQL's shutdown/startup states). */
const CONNECTION_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
]);

export function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_CODES.has(code);
}

export type HealingPoolOptions = {
  /** A new postgres-js pool. */
  make: () => Sql;
  /** Prepares a new pool as the first one was (drizzle sets its type parsers on `options`). */
  prepare: (sql: Sql) => void;
  /** One fresh connection outside the pool: true when the database answers it. */
  probe: () => Promise<boolean>;
  /** Connection errors within `windowMs` before the database is probed (3 in 10 s). */
  threshold?: number;
  windowMs?: number;
  /** At most one replacement per this many ms (10 s). */
  minIntervalMs?: number;
  onReplace?: (info: { errors: number; replacements: number }) => void;
};

/**
 * A postgres-js pool that replaces itself when it stops connecting to a
 * database that answers.
 *
 * postgres-js 3.4 reconnects each connection on its next query, but after a
 * PostgreSQL restart some connections of a pool can stay broken for good —
 * every query given to them fails with CONNECT_TIMEOUT against a healthy
 * server (porsager/postgres#1193; the restart drill in BENCHMARKS.md saw one
 * instance fail requests 7 minutes later until it was restarted). So the
 * client drizzle holds is this facade: queries go to the current pool, and
 * when `threshold` connection errors come within `windowMs` while one fresh
 * connection outside the pool succeeds, a new pool takes over (transactions
 * in progress finish on the old one, which is then ended). While the database
 * is down the probe fails and nothing is replaced.
 */
export class HealingPool {
  private current: Sql;
  private errors: number[] = [];
  private probing = false;
  private lastReplace = 0;
  private replaced = 0;
  private readonly o: Required<Omit<HealingPoolOptions, 'onReplace'>> & Pick<HealingPoolOptions, 'onReplace'>;

  constructor(opts: HealingPoolOptions) {
    this.o = { threshold: 3, windowMs: 10_000, minIntervalMs: 10_000, ...opts };
    this.current = opts.make();
  }

  /** What drizzle's postgres-js session calls. */
  get options(): Sql['options'] {
    return this.current.options;
  }

  unsafe(...args: Parameters<Sql['unsafe']>): ReturnType<Sql['unsafe']> {
    const q = this.current.unsafe(...args);
    // The query runs when awaited (postgres-js's `then`): only its rejection is observed, its result and
    // `.values()` are left alone.
    const then = q.then;
    q.then = ((onFulfilled, onRejected) =>
      then.call(q, onFulfilled, (e: unknown) => {
        this.noteError(e);
        if (onRejected) return onRejected(e);
        throw e;
      })) as typeof q.then;
    return q;
  }

  begin<T>(fn: (sql: postgres.TransactionSql) => T | Promise<T>): Promise<Awaited<T>> {
    return (this.current.begin(fn) as Promise<Awaited<T>>).catch((e: unknown) => {
      this.noteError(e);
      throw e;
    });
  }

  end(opts?: { timeout?: number }): Promise<void> {
    return this.current.end(opts);
  }

  replacements(): number {
    return this.replaced;
  }

  private noteError(e: unknown): void {
    if (!isConnectionError(e)) return;
    const now = Date.now();
    this.errors = this.errors.filter((t) => now - t < this.o.windowMs);
    this.errors.push(now);
    if (this.errors.length < this.o.threshold || this.probing || now - this.lastReplace < this.o.minIntervalMs) return;
    this.probing = true;
    void this.o
      .probe()
      .then((up) => {
        if (!up) return;
        const old = this.current;
        const fresh = this.o.make();
        this.o.prepare(fresh);
        this.current = fresh;
        this.lastReplace = Date.now();
        this.replaced++;
        const errors = this.errors.length;
        this.errors = [];
        this.o.onReplace?.({ errors, replacements: this.replaced });
        void old.end({ timeout: 30 }).catch(() => {});
      })
      .catch(() => {})
      .finally(() => {
        this.probing = false;
      });
  }
}
