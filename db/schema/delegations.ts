import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Staff delegation (lib/platform/delegation): a staff member who is away
 * names a substitute — another active staff member holding the same role for
 * the same module — for a range of calendar days (Beijing). While it is
 * active the substitute acts on the items that belong to the delegator (the
 * applications assigned to them, the rounds they lead …), every act recorded
 * "by the substitute on behalf of the delegator". Outside its days, or once
 * revoked, it grants nothing. Rows are never deleted: they are the record.
 */
export const staffDelegations = pgTable(
  'staff_delegations',
  {
    id: uuid().primaryKey().defaultRandom(),
    delegatorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    substituteId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    // A module key, or '*' for a role held across modules.
    module: text().notNull().default('*'),
    // Inclusive calendar days in Beijing.
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    reason: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('staff_delegations_substitute_idx').on(t.substituteId, t.endsOn),
    index('staff_delegations_delegator_idx').on(t.delegatorId, t.endsOn),
    check('staff_delegations_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
    check('staff_delegations_other_check', sql`${t.delegatorId} <> ${t.substituteId}`),
  ],
);

export type StaffDelegation = typeof staffDelegations.$inferSelect;
