import { outbox } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { EmailMessage, OutboxMessage, SmsMessage } from './types';

/**
 * Writes side effects into the outbox. Call with the transaction of the change
 * that causes the message: if it rolls back, the message never existed.
 */
export async function enqueue(
  tx: DbOrTx,
  message: OutboxMessage,
  opts: { dedupeKey?: string; availableAt?: Date; maxAttempts?: number } = {},
): Promise<number | null> {
  const rows = await tx
    .insert(outbox)
    .values({
      channel: message.channel,
      payload: message.payload,
      dedupeKey: opts.dedupeKey,
      availableAt: opts.availableAt,
      maxAttempts: opts.maxAttempts,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  kickWorker();
  return rows[0]?.id ?? null;
}

export const enqueueEmail = (tx: DbOrTx, payload: EmailMessage, opts?: Parameters<typeof enqueue>[2]) =>
  enqueue(tx, { channel: 'email', payload }, opts);

export const enqueueSms = (tx: DbOrTx, payload: SmsMessage, opts?: Parameters<typeof enqueue>[2]) =>
  enqueue(tx, { channel: 'sms', payload }, opts);

/** Wakes an in-process worker early (it polls anyway; this only cuts latency). */
function kickWorker() {
  const g = globalThis as unknown as { __accreditOutboxKick?: () => void };
  g.__accreditOutboxKick?.();
}
