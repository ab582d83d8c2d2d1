import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Accounts imported from the old system (老系统用户). An old user activates by
 * old account + password, then mobile + SMS code: that creates the
 * organization and its main account (the mobile becomes the login, the
 * password hash is kept) and marks the row activated.
 */
export const legacyAccounts = pgTable(
  'legacy_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    legacyUsername: text().notNull().unique(),
    // argon2 of the one-time password, or a hash migrated from the old system.
    passwordHash: text().notNull(),
    orgName: text().notNull(),
    creditCode: text(),
    contactName: text(),
    contactPhone: text(),
    regionCode: text(),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    importedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    activatedUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    activatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('legacy_accounts_activated_idx').on(t.activatedUserId)],
);

export type LegacyAccount = typeof legacyAccounts.$inferSelect;
