import { bigserial, bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Transactional outbox: side effects (email, SMS, …) are written here in the
 * same transaction as the change that causes them and delivered afterwards by
 * the worker in lib/platform/notify/worker.ts.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    channel: text().notNull(), // 'email' | 'sms'
    payload: jsonb().notNull(),
    status: text().notNull().default('pending'), // pending | processing | sent | dead
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(8),
    availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    lockedBy: text(),
    lastError: text(),
    // Enqueueing the same logical message twice (e.g. a reminder) is a no-op.
    dedupeKey: text().unique(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    // When the worker gave up (status dead): the dashboard counts a failure on this day.
    failedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.availableAt)],
);

/** What the local transports "sent": the mailbox page lists these. */
export const mailboxMessages = pgTable(
  'mailbox_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    // One delivery per outbox row, enforced here.
    outboxId: bigint({ mode: 'number' }).notNull().unique(),
    channel: text().notNull(),
    recipient: text().notNull(),
    subject: text(),
    body: text().notNull(),
    html: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mailbox_recipient_idx').on(t.recipient), index('mailbox_created_idx').on(t.createdAt)],
);

export type OutboxRow = typeof outbox.$inferSelect;
export type MailboxMessage = typeof mailboxMessages.$inferSelect;
