import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Module D (SPEC §5): exams with their windows, sessions (场次) with subjects
 * and fees, areas (考区) with capacity, candidates' ID photos and registrations.
 * Capacity and "one subject per session" are constraints, not prior SELECTs.
 */
export const exams = pgTable('exams', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  // The exam period (dates the exam is held), Asia/Shanghai calendar dates.
  periodStart: date().notNull(),
  periodEnd: date().notNull(),
  registrationOpensAt: timestamp({ withTimezone: true }).notNull(),
  registrationClosesAt: timestamp({ withTimezone: true }).notNull(),
  refundOpensAt: timestamp({ withTimezone: true }),
  refundClosesAt: timestamp({ withTimezone: true }),
  areaChangeOpensAt: timestamp({ withTimezone: true }),
  areaChangeClosesAt: timestamp({ withTimezone: true }),
  // The candidate notice (考生须知) shown before registering, plain text.
  notice: text().notNull().default(''),
  status: text().notNull().default('draft'), // draft | published
  // Unpaid orders expire after this many minutes.
  orderTtlMinutes: integer().notNull().default(30),
  ticketsReleasedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('exams_open_idx').on(t.status, t.registrationOpensAt, t.registrationClosesAt)]);

export const examSessions = pgTable('exam_sessions', {
  id: uuid().primaryKey().defaultRandom(),
  examId: uuid().notNull().references(() => exams.id, { onDelete: 'cascade' }),
  name: text().notNull(), // e.g. 第一场
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }).notNull(),
  sortOrder: integer().notNull().default(0),
}, (t) => [index('exam_sessions_exam_idx').on(t.examId, t.sortOrder)]);

export const examSubjects = pgTable('exam_subjects', {
  id: uuid().primaryKey().defaultRandom(),
  examId: uuid().notNull().references(() => exams.id, { onDelete: 'cascade' }),
  sessionId: uuid().notNull().references(() => examSessions.id, { onDelete: 'cascade' }),
  code: text().notNull(),
  name: text().notNull(),
  feeFen: integer().notNull(),
}, (t) => [index('exam_subjects_session_idx').on(t.sessionId), uniqueIndex('exam_subjects_code_idx').on(t.examId, t.code), check('exam_subjects_fee_check', sql`${t.feeFen} >= 0`)]);

export const examAreas = pgTable('exam_areas', {
  id: uuid().primaryKey().defaultRandom(),
  examId: uuid().notNull().references(() => exams.id, { onDelete: 'cascade' }),
  name: text().notNull(), // city / 考区 name
  regionCode: text(),
  capacity: integer().notNull(),
  // Seats held by orders and paid registrations; only ever changed by a conditional UPDATE.
  taken: integer().notNull().default(0),
  sortOrder: integer().notNull().default(0),
}, (t) => [index('exam_areas_exam_idx').on(t.examId, t.sortOrder), check('exam_areas_capacity_check', sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`)]);

/** A candidate's standard ID photo (one per person, changeable during registration). */
export const candidatePhotos = pgTable('candidate_photos', {
  userId: uuid().primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  originalKey: text().notNull(),
  processedKey: text().notNull(),
  width: integer().notNull(),
  height: integer().notNull(),
  bytes: integer().notNull(),
  background: text().notNull(), // red | white | blue
  confirmedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The sequence of admission-ticket numbers (准考证号), one for every exam: two
 * exams held on the same day never hand out the same number.
 */
export const examTicketSeq = pgSequence('exam_ticket_seq', { startWith: 1, increment: 1 });

/**
 * A registration: the candidate's info for one exam, chosen subjects and area.
 * At most one live registration per candidate and exam (a refunded one may be
 * followed by a new one).
 */
export const examRegistrations = pgTable('exam_registrations', {
  id: uuid().primaryKey().defaultRandom(),
  examId: uuid().notNull().references(() => exams.id, { onDelete: 'cascade' }),
  userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
  // Registration info (nationality, ethnicity, residence, education, employer, contact, invoice …).
  info: jsonb().notNull().default({}),
  areaId: uuid().references(() => examAreas.id, { onDelete: 'restrict' }),
  // info | subjects | area | ordered | paid | refunded | cancelled
  status: text().notNull().default('info'),
  noticeAcceptedAt: timestamp({ withTimezone: true }),
  // 准考证号: given to a paid registration when its exam's tickets are released (exam_ticket_seq), unique across all exams.
  ticketNumber: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('exam_registrations_ticket_idx').on(t.ticketNumber),
  uniqueIndex('exam_registrations_live_idx').on(t.examId, t.userId).where(sql`${t.status} not in ('refunded', 'cancelled')`),
  index('exam_registrations_exam_idx').on(t.examId, t.status),
  index('exam_registrations_user_idx').on(t.userId),
]);

/** Chosen subjects: at most one per session, by the primary key. */
export const registrationSubjects = pgTable('registration_subjects', {
  registrationId: uuid().notNull().references(() => examRegistrations.id, { onDelete: 'cascade' }),
  sessionId: uuid().notNull().references(() => examSessions.id, { onDelete: 'cascade' }),
  subjectId: uuid().notNull().references(() => examSubjects.id, { onDelete: 'restrict' }),
}, (t) => [primaryKey({ columns: [t.registrationId, t.sessionId] })]);

export type Exam = typeof exams.$inferSelect;
export type ExamRegistration = typeof examRegistrations.$inferSelect;
