import type { Db, DbOrTx } from '@/db';
import { enqueue } from './notify/outbox';
import type { Storage } from './storage';
import { PermanentDeliveryError } from './notify/types';

/**
 * Background jobs ride the outbox (channel 'job'): written in the transaction
 * of the change that causes them, run by the same worker after commit, with
 * its retries, lease and backoff. A job may run twice (a worker dying between
 * running and marking), so handlers are idempotent — e.g. by a key derived
 * from the outbox id.
 */
export type JobPayload = { type: string } & Record<string, unknown>;
/** `storage` is for tests; in the app a handler uses the process-wide storage. */
export type JobCtx = { outboxId: number; storage?: Storage };
export type JobHandler = (db: Db, payload: JobPayload, ctx: JobCtx) => Promise<void>;

const g = globalThis as unknown as { __accreditJobs?: Map<string, JobHandler> };
const handlers = (g.__accreditJobs ??= new Map());

export function registerJob(type: string, handler: JobHandler) {
  handlers.set(type, handler);
}

export function enqueueJob(tx: DbOrTx, payload: JobPayload, opts: { dedupeKey?: string; availableAt?: Date } = {}) {
  return enqueue(tx, { channel: 'job', payload }, opts);
}

/** Runs a job row (called by the outbox worker). Handlers are registered at boot (the platform's own and each module manifest's `jobs`). */
export async function runJob(db: Db, payload: unknown, ctx: JobCtx): Promise<void> {
  const p = payload as JobPayload;
  const handler = handlers.get(p?.type);
  if (!handler) throw new PermanentDeliveryError(`unknown job ${String(p?.type)}`);
  await handler(db, p, ctx);
}
