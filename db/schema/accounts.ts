import { sql } from 'drizzle-orm';
import { boolean, date, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** People and organizations that sign in; staff roles. */
export const accountKind = pgEnum('account_kind', ['individual', 'organization', 'staff']);
export const accountStatus = pgEnum('account_status', ['active', 'disabled', 'pending_activation']);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    // Unified social credit code (GB 32100) or, for old registrations, the 9-char organization code.
    creditCode: text().unique(),
    regionCode: text(),
    address: text(),
    legalRepresentative: text(),
    contactName: text(),
    contactPhone: text(),
    landline: text(),
    email: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organizations_name_idx').on(t.name)],
);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: accountKind().notNull(),
    status: accountStatus().notNull().default('active'),
    // Login names: any of username / ID number / mobile identifies an account.
    username: text().unique(),
    idType: text(),
    idNumber: text().unique(),
    mobile: text().unique(),
    email: text(),
    name: text().notNull(),
    gender: text(),
    birthDate: date(),
    passwordHash: text(),
    mustChangePassword: boolean().notNull().default(false),
    // Sessions issued before this instant are no longer valid.
    sessionsValidAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    orgId: uuid().references(() => organizations.id, { onDelete: 'cascade' }),
    isOrgMain: boolean().notNull().default(false),
    // For sub-accounts: the modules the main account granted (A..E keys).
    modules: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_org_idx').on(t.orgId), index('users_kind_idx').on(t.kind)],
);

export const staffRoles = pgTable(
  'staff_roles',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    // '*' for roles that span modules; a module key for per-module roles such as reviewer.
    module: text().notNull().default('*'),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role, t.module] })],
);

export type User = typeof users.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
