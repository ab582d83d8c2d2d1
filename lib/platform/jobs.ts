import type { z } from 'zod';
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
 *
 * Payloads are typed: a job type names its payload schema once
 * (`jobType('certificate-pdf', z.object({ … }))`); `enqueueJob` takes that
 * payload type, and `runJob` validates a stored payload against the schema
 * before the handler sees it (a malformed one is a permanent failure).
 */
export type JobType<P> = { type: string; payload: z.ZodType<P> };
/** `storage` is for tests; in the app a handler uses the process-wide storage. */
export type JobCtx = { outboxId: number; storage?: Storage };
export type JobHandler<P> = (db: Db, payload: P, ctx: JobCtx) => Promise<void>;
/** A job type with its handler, as a manifest lists it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JobDef<P = any> = JobType<P> & { run: JobHandler<P> };

export function jobType<P>(type: string, payload: z.ZodType<P>): JobType<P> {
  if (!/^[a-z][a-z0-9-]*$/.test(type)) throw new Error(`job type "${type}" must be kebab-case`);
  return { type, payload };
}

/** A job type and the handler that runs it (registered by a manifest's `jobs`). */
export function defineJob<P>(t: JobType<P>, run: JobHandler<P>): JobDef<P> {
  return { ...t, run };
}

const g = globalThis as unknown as { __accreditJobs?: Map<string, JobDef> };
const handlers = (g.__accreditJobs ??= new Map());

export function registerJob(job: JobDef): void {
  handlers.set(job.type, job);
}

export function enqueueJob<P>(tx: DbOrTx, t: JobType<P>, payload: P, opts: { dedupeKey?: string; availableAt?: Date } = {}) {
  return enqueue(tx, { channel: 'job', payload: { ...(payload as object), type: t.type } }, opts);
}

/** Runs a job row (called by the outbox worker). Handlers are registered at boot (the platform's own and each module manifest's `jobs`). */
export async function runJob(db: Db, payload: unknown, ctx: JobCtx): Promise<void> {
  const type = (payload as { type?: unknown } | null)?.type;
  const job = typeof type === 'string' ? handlers.get(type) : undefined;
  if (!job) throw new PermanentDeliveryError(`unknown job ${String(type)}`);
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) throw new PermanentDeliveryError(`malformed ${job.type} payload: ${parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => i.path.map(String).join('.') || i.message).join(', ')}`);
  await job.run(db, parsed.data, ctx);
}
