import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';
import { documents } from './documents';

/**
 * Module C (SPEC §4, seed 002): inspection and testing personnel. The
 * person's module profile (photo, education, major, employer …), the exam
 * plans staff open per enrollment kind and item, and the seat each submitted
 * enrollment holds in its plan. Enrollments, certificate reissues and info
 * changes are engine applications; certificates live in the platform registry.
 */

/**
 * The personnel profile of an individual account (人员注册信息): what the
 * account's sign-up does not ask. One row per account; ID type, number and
 * birth date stay on `users` and are never edited here.
 */
export const personnelProfiles = pgTable(
  'personnel_profiles',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The checked photo (a document of the personal slot `personnel_photo`).
    photoDocumentId: uuid().references(() => documents.id, { onDelete: 'set null' }),
    // lib/reference education level code (GB/T 4658)
    education: text().notNull(),
    // science: 理工科, picked from the major catalog; other: typed
    majorType: text().notNull(),
    // The catalog code (2012 目录) of a science major; null for typed majors.
    majorCode: text(),
    majorName: text().notNull(),
    employer: text().notNull(),
    // 职称, e.g. 工程师 (may be empty: 无)
    title: text().notNull().default(''),
    yearsOfWork: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('personnel_profiles_major_type_check', sql`${t.majorType} in ('science', 'other')`),
    check('personnel_profiles_major_code_check', sql`(${t.majorType} = 'science') = (${t.majorCode} is not null)`),
    check('personnel_profiles_years_check', sql`${t.yearsOfWork} between 0 and 60`),
  ],
);

/**
 * An exam plan (考试计划) for one enrollment kind and item: when and where the
 * exam is held, how many may enroll, the enrollment window, the fee if any.
 * `taken` counts the seats held by submitted enrollments; a seat is taken by a
 * conditional UPDATE (… WHERE taken < capacity) and the check constraint
 * refuses anything beyond the capacity regardless.
 */
export const personnelExamPlans = pgTable(
  'personnel_exam_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    // inspection | testing | typeTest (lib/modules/personnel/catalog.ts)
    kind: text().notNull(),
    // The item code of the kind's catalog (e.g. RQY, UT-2, XS-DT).
    item: text().notNull(),
    name: text().notNull(),
    examStartsOn: date().notNull(),
    examEndsOn: date().notNull(),
    // 考试地点 (one or several, as text)
    site: text().notNull(),
    capacity: integer().notNull(),
    taken: integer().notNull().default(0),
    enrollOpensAt: timestamp({ withTimezone: true }).notNull(),
    enrollClosesAt: timestamp({ withTimezone: true }).notNull(),
    // null = no fee
    feeFen: integer(),
    // draft | open | closed (open = candidates see it; enrolling also needs the window)
    status: text().notNull().default('draft'),
    note: text().notNull().default(''),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('personnel_exam_plans_item_idx').on(t.kind, t.item, t.status),
    index('personnel_exam_plans_created_idx').on(t.createdAt),
    check('personnel_exam_plans_kind_check', sql`${t.kind} in ('inspection', 'testing', 'typeTest')`),
    check('personnel_exam_plans_status_check', sql`${t.status} in ('draft', 'open', 'closed')`),
    check('personnel_exam_plans_capacity_check', sql`${t.capacity} > 0 and ${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
    check('personnel_exam_plans_fee_check', sql`${t.feeFen} is null or ${t.feeFen} >= 0`),
    check('personnel_exam_plans_dates_check', sql`${t.examEndsOn} >= ${t.examStartsOn} and ${t.enrollClosesAt} > ${t.enrollOpensAt}`),
  ],
);

/**
 * The seat a submitted enrollment holds in its exam plan. One per enrollment,
 * and one per person per plan (two tabs or a double-click cannot enroll a
 * person twice in one plan). Released when the enrollment is deleted or
 * rejected, moved when a returned enrollment is resubmitted for another plan.
 */
export const personnelPlanSeats = pgTable(
  'personnel_plan_seats',
  {
    applicationId: uuid()
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    planId: uuid()
      .notNull()
      .references(() => personnelExamPlans.id, { onDelete: 'restrict' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('personnel_plan_seats_person_idx').on(t.planId, t.userId), index('personnel_plan_seats_plan_idx').on(t.planId, t.createdAt)],
);

export type PersonnelProfile = typeof personnelProfiles.$inferSelect;
export type PersonnelExamPlan = typeof personnelExamPlans.$inferSelect;
