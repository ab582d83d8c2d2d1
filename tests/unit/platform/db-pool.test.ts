import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { HealingPool, isConnectionError } from '@/db/pool';

/** A stand-in for a postgres-js pool: each query answers `ok` or fails with `code`; it counts what it was asked. */
function fakePool(name: string, fail: { code?: string }) {
  const state = { name, queries: 0, ended: false, prepared: false };
  const sql = {
    options: { parsers: {}, serializers: {} },
    unsafe: () => {
      state.queries++;
      const q = {
        values: () => q,
        then: (res: (v: unknown) => unknown, rej: (e: unknown) => unknown) =>
          (fail.code ? Promise.reject(Object.assign(new Error(`write ${fail.code} 127.0.0.1:5432`), { code: fail.code })) : Promise.resolve([{ from: name }])).then(res, rej),
      };
      return q;
    },
    begin: async (fn: (tx: unknown) => unknown) => {
      state.queries++;
      if (fail.code) throw Object.assign(new Error(fail.code), { code: fail.code });
      return fn({});
    },
    end: async () => void (state.ended = true),
  };
  return { sql: sql as unknown as postgres.Sql, state };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('the self-replacing Postgres pool (db/pool.ts)', () => {
  it('replaces a pool whose connections keep failing while the database answers; later queries go to the new one', async () => {
    const made: ReturnType<typeof fakePool>[] = [];
    const broken = { code: 'CONNECT_TIMEOUT' };
    let replaced = 0;
    const pool = new HealingPool({
      make: () => {
        const p = fakePool(`pool${made.length + 1}`, made.length === 0 ? broken : {});
        made.push(p);
        return p.sql;
      },
      prepare: (sql) => void (made.find((p) => p.sql === sql)!.state.prepared = true),
      probe: async () => true,
      onReplace: () => void replaced++,
    });
    for (let i = 0; i < 2; i++) await expect(pool.unsafe('select 1')).rejects.toMatchObject({ code: 'CONNECT_TIMEOUT' });
    await settle();
    expect(made).toHaveLength(1);
    await expect(pool.begin(async () => 1)).rejects.toMatchObject({ code: 'CONNECT_TIMEOUT' });
    await settle();
    expect(made).toHaveLength(2);
    expect(replaced).toBe(1);
    expect(pool.replacements()).toBe(1);
    expect(made[1].state.prepared).toBe(true);
    expect(made[0].state.ended).toBe(true);
    await expect(pool.unsafe('select 1').values()).resolves.toEqual([{ from: 'pool2' }]);
    await expect(pool.begin(async () => 'tx')).resolves.toBe('tx');
  });

  it('keeps its pool while the database is down (the probe fails), and for errors that are not about the connection', async () => {
    const made: ReturnType<typeof fakePool>[] = [];
    const pool = new HealingPool({
      make: () => {
        const p = fakePool(`pool${made.length + 1}`, { code: 'ECONNREFUSED' });
        made.push(p);
        return p.sql;
      },
      prepare: () => {},
      probe: async () => false,
    });
    for (let i = 0; i < 6; i++) await expect(pool.unsafe('select 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await settle();
    expect(made).toHaveLength(1);
    expect(isConnectionError(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isConnectionError(Object.assign(new Error('admin shutdown'), { code: '57P01' }))).toBe(true);
  });
});
