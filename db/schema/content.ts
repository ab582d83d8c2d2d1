import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type NoticeAttachment = { key: string; name: string; size: number; contentType: string };
import { users } from './accounts';

/** Site settings (support contacts, editable texts), one JSON value per key. */
export const siteSettings = pgTable('site_settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Published notices and documents (动态信息 / 鉴定评审文件). */
export const notices = pgTable(
  'notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    // null = platform-wide; else a module key (accreditation, membership, personnel, exam, review).
    module: text(),
    category: text().notNull().default('news'), // news | document
    title: text().notNull(),
    body: text().notNull(),
    // Files published with the notice (storage keys; downloads go through a route).
    attachments: jsonb().$type<NoticeAttachment[]>().notNull().default([]),
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notices_published_idx').on(t.publishedAt)],
);

export type Notice = typeof notices.$inferSelect;
