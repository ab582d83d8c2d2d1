import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { applications } from './applications';
import { documents } from './documents';

/**
 * Module E (SPEC §6, seed 004): appraisal review projects. The project itself
 * is an engine application (kind `reviewProject`: its form, state, number,
 * flow record and files); what happens per review round lives here. A round
 * opens when the pre-review passes and again on every on-site re-review
 * (现场复审 → 确认约请), so earlier rounds — their invitations, letter,
 * notice, team, conclusion, rectifications and evaluation — stay as they were.
 */

/** One review round of a project (1, 2 …). */
export const reviewRounds = pgTable(
  'review_rounds',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('review_rounds_app_number_idx').on(t.applicationId, t.number), check('review_rounds_number_check', sql`${t.number} >= 1`)],
);

/**
 * 约请: the unit proposes an expected review date (never within 5 days of
 * today, Beijing time); the planner approves or rejects it with an opinion.
 * At most one pending and one approved invitation per round.
 */
export const reviewInvitations = pgTable(
  'review_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    expectedDate: date().notNull(),
    note: text(),
    // pending | approved | rejected
    status: text().notNull().default('pending'),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    opinion: text(),
  },
  (t) => [
    index('review_invitations_round_idx').on(t.roundId, t.createdAt),
    uniqueIndex('review_invitations_one_pending_idx').on(t.roundId).where(sql`${t.status} = 'pending'`),
    uniqueIndex('review_invitations_one_approved_idx').on(t.roundId).where(sql`${t.status} = 'approved'`),
    check('review_invitations_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/** 商洽函: the stamped scan of the negotiation letter the unit submitted, once per round. */
export const reviewLetters = pgTable('review_letters', {
  id: uuid().primaryKey().defaultRandom(),
  roundId: uuid()
    .notNull()
    .unique()
    .references(() => reviewRounds.id, { onDelete: 'cascade' }),
  applicationId: uuid()
    .notNull()
    .references(() => applications.id, { onDelete: 'cascade' }),
  documentId: uuid()
    .notNull()
    .references(() => documents.id, { onDelete: 'restrict' }),
  submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** 评审通知函: the planned review (dates, leader, team), issued by the planner and confirmed by the unit, once per round. */
export const reviewNotices = pgTable(
  'review_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .unique()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    startDate: date().notNull(),
    endDate: date().notNull(),
    location: text(),
    note: text(),
    leaderId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    issuedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('review_notices_leader_idx').on(t.leaderId), check('review_notices_dates_check', sql`${t.endDate} >= ${t.startDate}`)],
);

/** The review team of a notice: its leader and reviewers (names kept as printed on the notice). */
export const reviewTeamMembers = pgTable(
  'review_team_members',
  {
    noticeId: uuid()
      .notNull()
      .references(() => reviewNotices.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    // leader | reviewer
    role: text().notNull(),
    name: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.userId] }),
    index('review_team_members_user_idx').on(t.userId),
    uniqueIndex('review_team_members_one_leader_idx').on(t.noticeId).where(sql`${t.role} = 'leader'`),
    check('review_team_members_role_check', sql`${t.role} in ('leader', 'reviewer')`),
  ],
);

/**
 * 评审结论 of a round, by its leader (or the leader's active substitute, who
 * is then `actedBy` while `leaderId` stays the leader): 通过 / 材料整改后通过 /
 * 现场复审 / 不通过.
 */
export const reviewConclusions = pgTable(
  'review_conclusions',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .unique()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    // pass | rectify | reReview | fail
    outcome: text().notNull(),
    remarks: text().notNull(),
    leaderId: uuid().references(() => users.id, { onDelete: 'set null' }),
    actedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('review_conclusions_outcome_check', sql`${t.outcome} in ('pass', 'rectify', 'reReview', 'fail')`)],
);

/** 单位整改资料: each submission of rectification materials and its review (accepted / returned). One open submission per round. */
export const reviewRectifications = pgTable(
  'review_rectifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    note: text(),
    // submitted | accepted | returned
    status: text().notNull().default('submitted'),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    opinion: text(),
  },
  (t) => [
    index('review_rectifications_round_idx').on(t.roundId, t.submittedAt),
    uniqueIndex('review_rectifications_one_open_idx').on(t.roundId).where(sql`${t.status} = 'submitted'`),
    check('review_rectifications_status_check', sql`${t.status} in ('submitted', 'accepted', 'returned')`),
  ],
);

/** 评审评价: the unit's scores of a round's review team, once per round (the unique round is the rule). */
export const reviewEvaluations = pgTable('review_evaluations', {
  id: uuid().primaryKey().defaultRandom(),
  roundId: uuid()
    .notNull()
    .unique()
    .references(() => reviewRounds.id, { onDelete: 'cascade' }),
  applicationId: uuid()
    .notNull()
    .references(() => applications.id, { onDelete: 'cascade' }),
  comment: text(),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One score (1–5) of an evaluation per criterion (criteria are a site setting; the label is kept as scored). */
export const reviewEvaluationScores = pgTable(
  'review_evaluation_scores',
  {
    evaluationId: uuid()
      .notNull()
      .references(() => reviewEvaluations.id, { onDelete: 'cascade' }),
    criterion: text().notNull(),
    label: text().notNull(),
    score: smallint().notNull(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.criterion] }), check('review_evaluation_scores_score_check', sql`${t.score} between 1 and 5`)],
);

/**
 * 单位信息管理: what the seed's basic-info form holds beyond the organization
 * row (name, credit code, address, legal representative, contact, phones and
 * email live on `organizations`). One row per organization.
 */
export const reviewUnitProfiles = pgTable('review_unit_profiles', {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  postalCode: text(),
  fax: text(),
  bankName: text(),
  bankAccount: text(),
  website: text(),
  registrationAuthority: text(),
  registrationDate: date(),
  // 注册资本, in 10,000 yuan (万元)
  registeredCapital: numeric({ precision: 14, scale: 2 }),
  institutionType: text(),
  certificateIssuer: text(),
  parentApprovalDate: date(),
  parentApprovalNumber: text(),
  parentHead: text(),
  licenseDocumentId: uuid().references(() => documents.id, { onDelete: 'set null' }),
  updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type ReviewRound = typeof reviewRounds.$inferSelect;
export type ReviewInvitation = typeof reviewInvitations.$inferSelect;
export type ReviewNotice = typeof reviewNotices.$inferSelect;
export type ReviewConclusion = typeof reviewConclusions.$inferSelect;
export type ReviewRectification = typeof reviewRectifications.$inferSelect;
export type ReviewEvaluation = typeof reviewEvaluations.$inferSelect;
export type ReviewUnitProfile = typeof reviewUnitProfiles.$inferSelect;
