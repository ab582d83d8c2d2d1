import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';

/**
 * Every request a user submits is an application of some kind moving through
 * states (lib/platform/workflow). The kind's definition owns the meaning of
 * `status` and of the form `data`; this table only stores them.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(), // e.g. accreditation.pre_application
    module: text().notNull(), // module key, for queues and permissions
    // Human number shown everywhere (prefix + year + sequence), unique.
    number: text().notNull().unique(),
    status: text().notNull(),
    // Who applies: an individual or organization account; null while a public
    // applicant (e.g. a module-A pre-application) has no account yet.
    applicantUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    orgId: uuid().references(() => organizations.id, { onDelete: 'set null' }),
    // Denormalized for search and lists.
    applicantName: text().notNull(),
    contactEmail: text(),
    data: jsonb().notNull().default({}),
    // Staff member who claimed it (null = unassigned).
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    // Due date of the current state (from the kind's definition), if any.
    dueAt: timestamp({ withTimezone: true }),
    // Bumped on every change; lets edits detect a stale form.
    version: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Queue: filter by module/kind/status, newest first, keyset on (updated_at, id).
    index('applications_queue_idx').on(t.module, t.status, t.updatedAt, t.id),
    // The unfiltered queue (every module a reviewer holds): newest first without sorting the table
    // (at 1,000,000 applications a top-N sort over a sequential scan took 2.7 s; BENCHMARKS.md).
    index('applications_recent_idx').on(t.updatedAt, t.id),
    index('applications_kind_status_idx').on(t.kind, t.status),
    index('applications_applicant_idx').on(t.applicantUserId, t.updatedAt),
    index('applications_org_idx').on(t.orgId, t.updatedAt),
    index('applications_assignee_idx').on(t.assigneeId, t.status),
    index('applications_due_idx').on(t.dueAt),
  ],
);

/** The flow record (流转信息): one row per transition, never updated. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    event: text().notNull(), // transition name, or 'create'
    fromStatus: text(),
    toStatus: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    // applicant | system | a staff role (reviewer, finance …)
    actorRole: text().notNull(),
    actorName: text(),
    // Set when the actor acted as the active substitute of this staff member (lib/platform/delegation).
    onBehalfOfId: uuid().references(() => users.id, { onDelete: 'set null' }),
    onBehalfOfName: text(),
    opinion: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('application_events_app_idx').on(t.applicationId, t.id),
    // Decided per week and time in each state (the dashboard) read a period of events; 我的任务's done list reads one actor's.
    index('application_events_created_idx').on(t.createdAt),
    index('application_events_actor_idx').on(t.actorId, t.createdAt),
  ],
);

/** Per-kind, per-year sequences for application numbers. */
export const applicationCounters = pgTable(
  'application_counters',
  {
    prefix: text().notNull(),
    year: integer().notNull(),
    value: integer().notNull().default(0),
  },
  (t) => [uniqueIndex('application_counters_pk').on(t.prefix, t.year)],
);

export type Application = typeof applications.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
