import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** In-app notifications (the bell with the unread count). */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    body: text(),
    link: text(),
    // The same logical notification is written once.
    dedupeKey: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.id), uniqueIndex('notifications_dedupe_idx').on(t.dedupeKey)],
);

/**
 * Due dates that the reminder engine watches (application state deadlines,
 * payment deadlines, renewals, review invitations …). One row per subject and
 * purpose; the engine sends each scheduled reminder once (outbox dedupe keys).
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: uuid().primaryKey().defaultRandom(),
    // What the deadline is about, e.g. ('application', <id>) or ('order', <id>).
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    purpose: text().notNull(), // e.g. 'state:pending', 'payment', 'renewal'
    // Who is reminded: a user, or every staff member with a role.
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    role: text(),
    title: text().notNull(),
    link: text(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    // Extra template data.
    data: jsonb(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deadlines_subject_idx').on(t.subjectType, t.subjectId, t.purpose),
    index('deadlines_open_idx').on(t.closedAt, t.dueAt),
  ],
);
