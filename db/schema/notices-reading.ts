import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Forced-reading notices (SPEC §1.1): each time a notice is shown, a serving
 * row records when; acceptance is refused until the notice's seconds have
 * passed since `served_at` (measured with the database clock).
 */
export const noticeServings = pgTable(
  'notice_servings',
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeKey: text().notNull(), // the site setting key without "notice.", e.g. accreditation.login
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }), // null when served to an anonymous visitor
    servedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('notice_servings_user_idx').on(t.userId, t.noticeKey)],
);

export type NoticeServing = typeof noticeServings.$inferSelect;
