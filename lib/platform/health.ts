import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Storage } from './storage';

export type CheckResult = { ok: boolean; latencyMs: number; error?: string };
export type HealthReport = { ok: boolean; checks: { database: CheckResult; storage: CheckResult } };

/** Runs `fn` but gives up after `ms`, so a dead dependency reports instead of hanging. */
async function timed(fn: (signal: AbortSignal) => Promise<unknown>, ms: number): Promise<CheckResult> {
  const started = Date.now();
  const ctrl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(ctrl.signal),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          ctrl.abort();
          reject(new Error(`timed out after ${ms} ms`));
        }, ms);
      }),
    ]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (e) {
    return { ok: false, latencyMs: Date.now() - started, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(deps: { db: () => Promise<Db>; storage: () => Promise<Storage> }, timeoutMs = 3000): Promise<HealthReport> {
  const [database, storage] = await Promise.all([
    timed(async () => (await deps.db()).execute(sql`select 1`), timeoutMs),
    timed(async (signal) => (await deps.storage()).ping(signal), timeoutMs),
  ]);
  return { ok: database.ok && storage.ok, checks: { database, storage } };
}
