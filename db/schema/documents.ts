import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { applications } from './applications';

/**
 * Stored files (lib/platform/documents). A row exists only for a file whose
 * content passed its slot's checks; the object key is chosen by the server and
 * the database never stores a URL. Replacing a document keeps the old row
 * (status 'replaced') so the record shows every version.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid().references(() => applications.id, { onDelete: 'cascade' }),
    // Owner scope for files not (yet) tied to an application (ID photos, …).
    ownerUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    orgId: uuid().references(() => organizations.id, { onDelete: 'set null' }),
    slot: text().notNull(),
    storageKey: text().notNull().unique(),
    fileName: text().notNull(),
    contentType: text().notNull(), // from the content, not the name
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text(),
    version: integer().notNull().default(1),
    status: text().notNull().default('current'), // current | replaced | deleted
    // upload | phone | generated
    source: text().notNull().default('upload'),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    replacedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('documents_app_slot_idx').on(t.applicationId, t.slot, t.status), index('documents_owner_idx').on(t.ownerUserId, t.slot, t.status)],
);

/** Phone upload by QR code: short-lived, single-use hand-off to a phone. */
export const phoneUploads = pgTable(
  'phone_uploads',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    applicationId: uuid().references(() => applications.id, { onDelete: 'cascade' }),
    slot: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    documentId: uuid().references(() => documents.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('phone_uploads_user_idx').on(t.userId)],
);

export type DocumentRow = typeof documents.$inferSelect;
