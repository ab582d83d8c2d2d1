import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';

/**
 * Module A: the registry of accredited institutions (imported by staff from
 * Excel). "已获认可机构获取密码" finds a row by certificate number and sends a
 * reset link to its contact email; the row is linked to the institution's
 * organization account once one exists.
 */
export const accreditedInstitutions = pgTable(
  'accredited_institutions',
  {
    id: uuid().primaryKey().defaultRandom(),
    certificateNumber: text().notNull().unique(),
    name: text().notNull(),
    contactEmail: text().notNull(),
    orgId: uuid().references(() => organizations.id, { onDelete: 'set null' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accredited_institutions_name_idx').on(t.name)],
);

export type AccreditedInstitution = typeof accreditedInstitutions.$inferSelect;
