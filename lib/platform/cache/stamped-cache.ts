import type { DbOrTx } from '@/db';
import { env } from '@/lib/platform/env';

/**
 * Per-instance caches of public read models (the public pages' notices, open
 * exams, support contacts), revalidated by a stamp.
 *
 * The pages stay rendered per request (the CSP nonce, the signed-in header,
 * the locale cookie: BENCHMARKS.md "Public pages revalidated"); what is kept
 * is the data behind them. A value is served while
 *
 * - the **stamp** it was read under is still the stamp of the data: a cheap
 *   query (one scan of a small table, or one index step) whose result changes
 *   whenever anything the values are computed from changes. The stamp itself
 *   is re-read at most every `recheckMs`, so a change made on another instance
 *   shows here within `recheckMs`;
 * - it is younger than `maxAgeMs` (a safety net for a change the stamp
 *   cannot see), and not past its own `until` (a time-bound value: an exam
 *   whose registration window opens or closes);
 * - no `invalidate()` ran since it was read: the instance that makes a change
 *   calls it after its transaction, so its own pages show the change at once.
 *   For `eagerMs` after an invalidation every read re-reads the stamp, so a
 *   writer that invalidates before its transaction commits (`setSetting` runs
 *   inside the caller's transaction) is still seen at once once it commits.
 *
 * Keys are the public filter of the read model (module, category, page, id),
 * never who asks: a read model kept here takes no actor and returns only what
 * anyone may see. State is per database handle (a WeakMap), so two databases
 * in one process (the integration tests) never see each other's values, and
 * the caches are registered on globalThis, so every bundle Next.js loads this
 * file in shares one cache and one invalidation.
 */
export type StampedCacheOptions = {
  name: string;
  /** The stamp: any string that changes whenever the cached values' sources change. */
  stamp: (db: DbOrTx) => Promise<string>;
  /** How long a stamp read is trusted: the bound for a change made on another instance. */
  recheckMs: number;
  /** The longest a value is kept whatever the stamp says. */
  maxAgeMs: number;
  /** Values kept per database (least recently used evicted first). */
  maxEntries: number;
  /** After invalidate(), every read re-reads the stamp for this long. */
  eagerMs?: number;
  /** The clock (ms): tests pass their own. */
  now?: () => number;
  /** Keep nothing: every read fills (PUBLIC_CACHE=false). */
  disabled?: boolean;
};

type Entry = { value: unknown; stamp: string; generation: number; at: number; until: number };
type State = {
  entries: Map<string, Entry>;
  stamp: { value: string; at: number; generation: number } | null;
  stampInFlight: { promise: Promise<string>; generation: number } | null;
  fills: Map<string, Promise<unknown>>;
};

export class StampedCache {
  readonly name: string;
  private readonly opts: Required<Omit<StampedCacheOptions, 'name'>>;
  private states = new WeakMap<object, State>();
  private generation = 0;
  private eagerUntil = Number.NEGATIVE_INFINITY;

  constructor(opts: StampedCacheOptions) {
    this.name = opts.name;
    this.opts = { eagerMs: 10_000, now: Date.now, disabled: false, ...opts };
  }

  private state(db: DbOrTx): State {
    let s = this.states.get(db);
    if (!s) this.states.set(db, (s = { entries: new Map(), stamp: null, stampInFlight: null, fills: new Map() }));
    return s;
  }

  /** The stamp as of at most `recheckMs` ago (now, while eager); concurrent readers share one query. */
  private async currentStamp(db: DbOrTx, s: State, now: number): Promise<string> {
    const gen = this.generation;
    const eager = now < this.eagerUntil;
    if (!eager && s.stamp && s.stamp.generation === gen && now - s.stamp.at < this.opts.recheckMs) return s.stamp.value;
    if (s.stampInFlight && s.stampInFlight.generation === gen && !eager) return s.stampInFlight.promise;
    const promise = this.opts.stamp(db);
    s.stampInFlight = { promise, generation: gen };
    try {
      const value = await promise;
      if (this.generation === gen) s.stamp = { value, at: now, generation: gen };
      return value;
    } finally {
      if (s.stampInFlight?.promise === promise) s.stampInFlight = null;
    }
  }

  /**
   * The value under `key`, read by `fill` when nothing valid is kept.
   * `until(value)`: an instant (ms) after which the value is stale whatever
   * the stamp says (null: none). `keep(value)`: false to return a value
   * without keeping it (a lookup that found nothing: random ids must not
   * evict what is worth keeping).
   */
  async read<T>(db: DbOrTx, key: string, fill: () => Promise<T>, opts: { until?: (value: T) => number | null; keep?: (value: T) => boolean } = {}): Promise<T> {
    const { until, keep } = opts;
    if (this.opts.disabled) return fill();
    const s = this.state(db);
    const now = this.opts.now();
    const gen = this.generation;
    // The stamp is read before the value, so a value is never older than the stamp it is kept under.
    const stamp = await this.currentStamp(db, s, now);
    const hit = s.entries.get(key);
    if (hit && hit.generation === gen && hit.stamp === stamp && now - hit.at < this.opts.maxAgeMs && now < hit.until) {
      s.entries.delete(key);
      s.entries.set(key, hit);
      return hit.value as T;
    }
    // One fill per key, stamp and generation at a time: a burst of requests after a change reads once.
    const fillKey = `${gen}\u0000${stamp}\u0000${key}`;
    let pending = s.fills.get(fillKey) as Promise<T> | undefined;
    if (!pending) {
      pending = fill();
      s.fills.set(fillKey, pending);
      pending.then(
        (value) => {
          s.fills.delete(fillKey);
          // Invalidated meanwhile: the value may predate the change, so it is returned but not kept.
          if (this.generation !== gen || (keep && !keep(value))) return;
          s.entries.delete(key);
          s.entries.set(key, { value, stamp, generation: gen, at: now, until: until?.(value) ?? Number.POSITIVE_INFINITY });
          while (s.entries.size > this.opts.maxEntries) s.entries.delete(s.entries.keys().next().value!);
        },
        () => s.fills.delete(fillKey),
      );
    }
    return pending;
  }

  /** Forgets every kept value and stamp of this cache (every database): called by the instance that changed the data. */
  invalidate(): void {
    this.generation++;
    this.eagerUntil = this.opts.now() + this.opts.eagerMs;
  }

  /** This cache's clock (ms). */
  now(): number {
    return this.opts.now();
  }

  /** What is kept for `db` (tests check that nothing private is). */
  entries(db: DbOrTx): Array<[string, unknown]> {
    return [...this.state(db).entries].map(([k, e]) => [k, e.value]);
  }
}

const g = globalThis as unknown as { __accreditStampedCaches?: Map<string, StampedCache> };

/** The process's one cache of this name (created on first use; shared by every bundle). */
export function sharedStampedCache(opts: StampedCacheOptions): StampedCache {
  const all = (g.__accreditStampedCaches ??= new Map());
  let c = all.get(opts.name);
  if (!c) all.set(opts.name, (c = new StampedCache({ ...opts, disabled: !env().PUBLIC_CACHE })));
  return c;
}
