import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { migrationsFolder, rowsOf } from '@/db/client';
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

export type ReadinessReport = {
  ready: boolean;
  /** Boot finished on this instance and it is not draining. */
  instance: { booted: boolean; draining: boolean };
  checks: { database: CheckResult; storage: CheckResult; migrations: CheckResult & { applied?: number; expected?: number } };
};

/** Migrations in db/migrations (the journal) that the database has applied. */
async function migrationCheck(db: Db): Promise<{ applied: number; expected: number }> {
  const journal = JSON.parse(await fs.promises.readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
  return { applied: Number(row?.n ?? 0), expected: journal.entries.length };
}

/**
 * Readiness (GET /api/ready): this instance has booted (migrations applied,
 * storage started or reached, loops running), is not draining, and its
 * database and storage answer now. A proxy or orchestrator sends traffic only
 * to a ready instance; liveness (/api/health) stays 200 meanwhile.
 */
export async function checkReadiness(
  deps: { db: () => Promise<Db>; storage: () => Promise<Storage>; booted: boolean; draining: boolean },
  timeoutMs = 3000,
): Promise<ReadinessReport> {
  const report = await checkHealth(deps, timeoutMs);
  let migrations: ReadinessReport['checks']['migrations'];
  const started = Date.now();
  try {
    const m = await migrationCheck(await deps.db());
    migrations = { ok: m.applied >= m.expected, latencyMs: Date.now() - started, ...m, ...(m.applied < m.expected ? { error: `${m.expected - m.applied} migration(s) not applied` } : {}) };
  } catch (e) {
    migrations = { ok: false, latencyMs: Date.now() - started, error: e instanceof Error ? e.message : String(e) };
  }
  const ready = deps.booted && !deps.draining && report.ok && migrations.ok;
  return { ready, instance: { booted: deps.booted, draining: deps.draining }, checks: { ...report.checks, migrations } };
}
