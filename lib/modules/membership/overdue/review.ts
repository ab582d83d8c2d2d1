import { and, eq, isNotNull, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { applications, organizations } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { findKind } from '@/lib/platform/workflow/registry';

/**
 * "The annual review was submitted for this cycle": an application of the
 * annual-review kind (资质年审, built beside this folder and found by its key
 * only) for the enterprise, submitted (its `submitted_at` set) and not a draft
 * or withdrawn, since the cycle opened (a year before its due date).
 *
 * Applications in a final state of the kind other than those do not count
 * either: an approved review has already moved the due date on (a new cycle,
 * which a late review of the last one must not stop), and a rejected one
 * means the enterprise still owes its review.
 */
export const ANNUAL_REVIEW_KIND = 'qualificationAnnualReview';

/** The states in which an annual review never counts as submitted. */
export function notCountingStates(): string[] {
  const kind = findKind(ANNUAL_REVIEW_KIND);
  const finals = kind ? Object.entries(kind.states).filter(([, s]) => s.final).map(([k]) => k) : [];
  return [...new Set(['draft', 'withdrawn', ...finals])];
}

/** SQL: a review counts for the cycle ending `dueOn` of the enterprise `orgId` (columns or values). */
export function reviewSubmittedSql(orgId: AnyPgColumn | string, dueOn: AnyPgColumn | string): SQL {
  const opened = sql`((${dueOn})::date - interval '1 year')::timestamp at time zone 'Asia/Shanghai'`;
  return sql`exists (select 1 from ${applications} where ${and(
    eq(applications.kind, ANNUAL_REVIEW_KIND),
    eq(applications.orgId, orgId as string),
    isNotNull(applications.submittedAt),
    notInArray(applications.status, notCountingStates()),
    sql`${applications.submittedAt} > ${opened}`,
  )})`;
}

export async function reviewSubmitted(db: DbOrTx, orgId: string, dueOn: string): Promise<boolean> {
  const [row] = await db
    .select({ yes: sql<boolean>`${reviewSubmittedSql(orgId, dueOn)}` })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return Boolean(row?.yes);
}
