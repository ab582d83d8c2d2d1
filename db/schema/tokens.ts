import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Single-purpose, single-use link tokens (password-reset links, email-change
 * confirmations, pre-application verify/view links). Only a hash of the token
 * is stored; the link carries the token itself.
 */
export const actionTokens = pgTable(
  'action_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    purpose: text().notNull(), // reset_password | change_email | …
    subjectId: text().notNull(), // what the token acts on (a user id, an application id)
    tokenHash: text().notNull().unique(),
    data: jsonb(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('action_tokens_subject_idx').on(t.purpose, t.subjectId)],
);
