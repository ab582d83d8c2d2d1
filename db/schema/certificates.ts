import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { applications } from './applications';

/**
 * The platform's certificates registry (lib/platform/certificates): every
 * certificate any module issues — member, qualification, filing, personnel
 * certificates, review conclusions — is one row.
 *
 * `number` is the printed, sequential number; `token` is the unguessable
 * value the QR code carries (/verify/<token>). `status` is what was done to
 * the row (valid | void | replaced); "expired" is derived from `valid_until`.
 * A renewal keeps the row (number and token) and bumps `version`; a
 * replacement is a new row, the old one 'replaced' pointing at it.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid().primaryKey().defaultRandom(),
    type: text().notNull(),
    number: text().notNull().unique(),
    token: text().notNull().unique(),
    module: text().notNull(),
    holderUserId: uuid().references(() => users.id, { onDelete: 'restrict' }),
    holderOrgId: uuid().references(() => organizations.id, { onDelete: 'restrict' }),
    holderName: text().notNull(),
    // What the certificate attests: { level?, scope?, items?: string[], … }
    subject: jsonb().notNull().default({}),
    applicationId: uuid().references(() => applications.id, { onDelete: 'set null' }),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp({ withTimezone: true }),
    // valid | suspended | void | replaced
    status: text().notNull().default('valid'),
    replacedById: uuid().references((): AnyPgColumn => certificates.id, { onDelete: 'restrict' }),
    voidReason: text(),
    // Why a certificate is suspended (暂停: a qualification whose annual review is overdue); lifted by reinstating.
    suspendReason: text(),
    // 1 when issued, + 1 per renewal; the stored PDF is the one of `pdf_version`.
    version: integer().notNull().default(1),
    renewedAt: timestamp({ withTimezone: true }),
    // Object key of the stored PDF (null until the job stored it).
    pdfKey: text(),
    pdfVersion: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('certificates_holder_user_idx').on(t.holderUserId, t.issuedAt),
    index('certificates_holder_org_idx').on(t.holderOrgId, t.issuedAt),
    index('certificates_module_idx').on(t.module, t.createdAt),
    index('certificates_application_idx').on(t.applicationId),
    check('certificates_status_check', sql`${t.status} in ('valid', 'suspended', 'void', 'replaced')`),
    check('certificates_replaced_check', sql`(${t.status} = 'replaced') = (${t.replacedById} is not null)`),
    check('certificates_void_check', sql`${t.status} <> 'void' or ${t.voidReason} is not null`),
    check('certificates_suspend_check', sql`(${t.status} = 'suspended') = (${t.suspendReason} is not null)`),
  ],
);

export type Certificate = typeof certificates.$inferSelect;
export type CertificateInsert = typeof certificates.$inferInsert;
