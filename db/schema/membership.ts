import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { applications } from './applications';
import { certificates } from './certificates';
import { documents } from './documents';

/**
 * Module B (SPEC §3, seed 001): the enterprise's technical staff roster (技术培训),
 * training courses and enrollments, qualification levels with their
 * requirements, the qualification each enterprise holds, and the overdue
 * stages of its annual review. Applications (membership, qualification
 * apply / annual review / upgrade / downgrade / renewal, info change,
 * certificate loss, filing) are engine applications; certificates live in the
 * platform's registry.
 */

/**
 * One person of an enterprise's technical staff. One ID number appears once per
 * enterprise (a unique index, not a prior SELECT). Removing a person keeps the
 * row (`removed_at`) so applications that attached them still read their
 * snapshot; the unique index covers current rows only.
 */
export const enterpriseStaff = pgTable(
  'enterprise_staff',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    // lib/reference ID types (resident, hk_macau, taiwan, passport …)
    idType: text().notNull(),
    idNumber: text().notNull(),
    gender: text(), // male | female
    birthDate: date(),
    // lib/reference education code
    education: text(),
    // 职称 (e.g. 工程师)
    title: text(),
    // 岗位 / 职务
    position: text(),
    // 技术等级: the grade the qualification levels' requirements count (senior | intermediate | junior)
    grade: text().notNull(),
    // Certificates held: [{ name, number, validUntil (YYYY-MM-DD) | null }]
    certificates: jsonb().notNull().default([]),
    photoDocumentId: uuid().references(() => documents.id, { onDelete: 'set null' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('enterprise_staff_person_idx').on(t.orgId, t.idType, t.idNumber).where(sql`${t.removedAt} is null`),
    index('enterprise_staff_org_idx').on(t.orgId, t.createdAt),
    check('enterprise_staff_grade_check', sql`${t.grade} in ('senior', 'intermediate', 'junior')`),
  ],
);

/** A training course the association runs (技术培训), with its enrollment window. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Short code used in the batch enrollment file (e.g. PX2026-01).
    code: text().notNull().unique(),
    name: text().notNull(),
    description: text().notNull().default(''),
    location: text().notNull().default(''),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    enrollOpensAt: timestamp({ withTimezone: true }).notNull(),
    enrollClosesAt: timestamp({ withTimezone: true }).notNull(),
    // null = no limit
    capacity: integer(),
    // draft | open | closed (open = published; enrollment also needs the window)
    status: text().notNull().default('draft'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('training_courses_status_check', sql`${t.status} in ('draft', 'open', 'closed')`),
    check('training_courses_window_check', sql`${t.enrollOpensAt} < ${t.enrollClosesAt} and ${t.startsOn} <= ${t.endsOn}`),
    check('training_courses_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** A person of the roster enrolled in a course: once per course (a unique index). */
export const trainingEnrollments = pgTable(
  'training_enrollments',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'restrict' }),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    staffId: uuid()
      .notNull()
      .references(() => enterpriseStaff.id, { onDelete: 'cascade' }),
    // The upload that created it (one batch = one file), for the report and the audit.
    batchId: uuid(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_enrollments_once_idx').on(t.courseId, t.staffId), index('training_enrollments_org_idx').on(t.orgId, t.createdAt)],
);

/**
 * A qualification level (资质等级) configured by staff. `rank` orders levels:
 * 1 is the highest (一级). `requirements` say how many technical staff of
 * which grade the level needs: [{ grade, count }] where a person of a higher
 * grade counts for a lower one. `materials` name the review-material slots
 * the level requires (keys of the qualification kinds' slots).
 */
export const qualificationLevels = pgTable(
  'qualification_levels',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    rank: integer().notNull().unique(),
    description: text().notNull().default(''),
    requirements: jsonb().notNull().default([]),
    materials: jsonb().notNull().default([]),
    // Validity of the qualification certificate, in months.
    validityMonths: integer().notNull().default(36),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('qualification_levels_rank_check', sql`${t.rank} > 0`), check('qualification_levels_validity_check', sql`${t.validityMonths} > 0`)],
);

/**
 * The qualification an enterprise holds (one row per enterprise): its level,
 * its certificate in the registry, and its annual-review cycle. `status`
 * 'suspended' is set by the last overdue stage (the certificate is suspended
 * in the registry too) and lifted by staff or by an approved annual review.
 */
export const qualifications = pgTable(
  'qualifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .unique()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    levelId: uuid()
      .notNull()
      .references(() => qualificationLevels.id, { onDelete: 'restrict' }),
    certificateId: uuid().references(() => certificates.id, { onDelete: 'set null' }),
    applicationId: uuid().references(() => applications.id, { onDelete: 'set null' }),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    // The date by which the next annual review (年审) must be submitted (China calendar day).
    reviewDueOn: date().notNull(),
    // active | suspended
    status: text().notNull().default('active'),
    suspendedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('qualifications_status_check', sql`${t.status} in ('active', 'suspended')`), index('qualifications_review_due_idx').on(t.reviewDueOn)],
);

/**
 * The overdue stages an annual-review cycle went through (reminders, warning,
 * suspension): one row per qualification, cycle (its `review_due_on`) and
 * stage, so each stage fires once across instances (a unique index). Staff
 * may reverse a stage (`reversed_at`); a reversed stage does not fire again
 * for that cycle.
 */
export const qualificationOverdueStages = pgTable(
  'qualification_overdue_stages',
  {
    id: uuid().primaryKey().defaultRandom(),
    qualificationId: uuid()
      .notNull()
      .references(() => qualifications.id, { onDelete: 'cascade' }),
    cycleDueOn: date().notNull(),
    // The stage key from the configured stages (e.g. remind-30, remind-7, warn, suspend).
    stage: text().notNull(),
    // remind | warn | suspend
    action: text().notNull(),
    firedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reversedAt: timestamp({ withTimezone: true }),
    reversedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reverseReason: text(),
  },
  (t) => [
    uniqueIndex('qualification_overdue_stages_once_idx').on(t.qualificationId, t.cycleDueOn, t.stage),
    check('qualification_overdue_stages_action_check', sql`${t.action} in ('remind', 'warn', 'suspend')`),
  ],
);

export type EnterpriseStaff = typeof enterpriseStaff.$inferSelect;
export type TrainingCourse = typeof trainingCourses.$inferSelect;
export type TrainingEnrollment = typeof trainingEnrollments.$inferSelect;
export type QualificationLevel = typeof qualificationLevels.$inferSelect;
export type Qualification = typeof qualifications.$inferSelect;
export type QualificationOverdueStage = typeof qualificationOverdueStages.$inferSelect;
