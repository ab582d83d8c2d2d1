import { describe, expect, it } from 'vitest';
import type { DbOrTx } from '@/db';
import { sharedStampedCache, StampedCache } from '@/lib/platform/cache/stamped-cache';

/** A fake database handle: only its identity matters to the cache; the stamp and values come from `data`. */
function setup(over: { recheckMs?: number; maxAgeMs?: number; maxEntries?: number; eagerMs?: number } = {}) {
  const clock = { now: 1_000 };
  const data = { version: 1, stampReads: 0, fills: 0 };
  const db = {} as DbOrTx;
  const cache = new StampedCache({
    name: 'test',
    stamp: async () => {
      data.stampReads++;
      return `v${data.version}`;
    },
    recheckMs: over.recheckMs ?? 2_000,
    maxAgeMs: over.maxAgeMs ?? 30_000,
    maxEntries: over.maxEntries ?? 10,
    eagerMs: over.eagerMs ?? 10_000,
    now: () => clock.now,
  });
  const fill = (key = 'k') => async () => {
    data.fills++;
    return `${key}@${data.version}`;
  };
  return { clock, data, db, cache, fill };
}

describe('StampedCache', () => {
  it('reads the stamp at most once per recheck interval and keeps values while it is unchanged', async () => {
    const { clock, data, db, cache, fill } = setup();
    expect(await cache.read(db, 'k', fill())).toBe('k@1');
    expect(await cache.read(db, 'k', fill())).toBe('k@1');
    expect([data.stampReads, data.fills]).toEqual([1, 1]);
    data.version = 2; // changed by another instance
    clock.now += 1_999;
    expect(await cache.read(db, 'k', fill())).toBe('k@1');
    clock.now += 1;
    expect(await cache.read(db, 'k', fill())).toBe('k@2');
    expect([data.stampReads, data.fills]).toEqual([2, 2]);
  });

  it('drops a value older than maxAgeMs or past its own until, whatever the stamp', async () => {
    const { clock, data, db, cache, fill } = setup({ recheckMs: 1_000_000, maxAgeMs: 5_000 });
    await cache.read(db, 'k', fill());
    clock.now += 4_999;
    await cache.read(db, 'k', fill());
    expect(data.fills).toBe(1);
    clock.now += 1;
    await cache.read(db, 'k', fill());
    expect(data.fills).toBe(2);
    await cache.read(db, 'u', fill('u'), { until: () => clock.now + 10 });
    clock.now += 9;
    await cache.read(db, 'u', fill('u'), { until: () => clock.now + 10 });
    expect(data.fills).toBe(3);
    clock.now += 1;
    await cache.read(db, 'u', fill('u'));
    expect(data.fills).toBe(4);
  });

  it('invalidate() drops everything at once and re-reads the stamp on every read for eagerMs', async () => {
    const { clock, data, db, cache, fill } = setup();
    await cache.read(db, 'k', fill());
    cache.invalidate();
    await cache.read(db, 'k', fill());
    expect(data.fills).toBe(2);
    // A writer that invalidated before its transaction committed: a read in between keeps the old value …
    cache.invalidate();
    expect(await cache.read(db, 'k', fill())).toBe('k@1');
    // … the commit lands; the very next read re-reads the stamp (eager) and sees it.
    data.version = 2;
    expect(await cache.read(db, 'k', fill())).toBe('k@2');
    // After the eager window the recheck interval applies again.
    clock.now += 10_000;
    await cache.read(db, 'k', fill());
    const reads = data.stampReads;
    await cache.read(db, 'k', fill());
    expect(data.stampReads).toBe(reads);
  });

  it('does not keep a value read before an invalidation that happened during its read', async () => {
    const { data, db, cache } = setup();
    let release!: () => void;
    const slow = cache.read(db, 'k', async () => {
      await new Promise<void>((r) => (release = r));
      return 'old';
    });
    await Promise.resolve();
    await Promise.resolve();
    data.version = 2;
    cache.invalidate();
    release();
    expect(await slow).toBe('old');
    expect(await cache.read(db, 'k', async () => 'new')).toBe('new');
  });

  it('one read per key for a burst of concurrent requests; values not worth keeping are returned, not kept', async () => {
    const { data, db, cache, fill } = setup();
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.read(db, 'k', fill())));
    expect(new Set(all)).toEqual(new Set(['k@1']));
    expect([data.stampReads, data.fills]).toEqual([1, 1]);
    let misses = 0;
    const miss = async () => {
      misses++;
      return undefined;
    };
    await cache.read(db, 'missing', miss, { keep: (v) => v !== undefined });
    await cache.read(db, 'missing', miss, { keep: (v) => v !== undefined });
    expect(misses).toBe(2);
    expect(cache.entries(db).map(([k]) => k)).toEqual(['k']);
  });

  it('evicts the least recently used beyond maxEntries, and keeps each database apart', async () => {
    const { db, cache, fill } = setup({ maxEntries: 2 });
    await cache.read(db, 'a', fill('a'));
    await cache.read(db, 'b', fill('b'));
    await cache.read(db, 'a', fill('a'));
    await cache.read(db, 'c', fill('c'));
    expect(cache.entries(db).map(([k]) => k)).toEqual(['a', 'c']);
    const otherDb = {} as DbOrTx;
    expect(await cache.read(otherDb, 'a', async () => 'other')).toBe('other');
    expect(cache.entries(db).map(([k]) => k)).toEqual(['a', 'c']);
  });

  it('a read that fails keeps nothing and the next read tries again', async () => {
    const { db, cache } = setup();
    await expect(cache.read(db, 'k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.read(db, 'k', async () => 'ok')).toBe('ok');
  });

  it('is one cache per name in the process', () => {
    const opts = { name: 'unit-shared', stamp: async () => '', recheckMs: 1, maxAgeMs: 1, maxEntries: 1 };
    expect(sharedStampedCache(opts)).toBe(sharedStampedCache(opts));
  });
});
