import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { staffRoles, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/platform/errors';
import { MODULE } from './constants';

/**
 * The review team (评审组) comes from the staff: the leader holds
 * `review_leader`, the members hold `reviewer` of module E or `review_leader`
 * (a leader may serve as a member on another team). Only active accounts.
 */
export type StaffOption = { id: string; name: string; leader: boolean };

const inModule = or(eq(staffRoles.module, '*'), eq(staffRoles.module, MODULE));

/** Staff who may be named on a team, with whether each may lead (for the notice form). */
export async function teamCandidates(db: DbOrTx): Promise<StaffOption[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, role: staffRoles.role })
    .from(users)
    .innerJoin(staffRoles, eq(staffRoles.userId, users.id))
    .where(and(eq(users.kind, 'staff'), eq(users.status, 'active'), inModule, inArray(staffRoles.role, ['review_leader', 'reviewer'])))
    .orderBy(asc(users.name), asc(users.id));
  const out = new Map<string, StaffOption>();
  for (const r of rows) {
    const o = out.get(r.id) ?? { id: r.id, name: r.name, leader: false };
    if (r.role === 'review_leader') o.leader = true;
    out.set(r.id, o);
  }
  return [...out.values()];
}

/** Checks a planned team against the staff; refuses with a message next to the field. Returns the names as printed. */
export async function checkTeam(tx: DbOrTx, leaderId: string, reviewerIds: readonly string[]): Promise<{ leader: StaffOption; reviewers: StaffOption[] }> {
  const candidates = await teamCandidates(tx);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const leader = byId.get(leaderId);
  if (!leader?.leader) throw new AppError('BAD_INPUT', { fieldErrors: { leaderId: ['评审组长须为在职且具有评审组长角色的工作人员'] } });
  const reviewers = reviewerIds.map((id) => byId.get(id));
  if (reviewers.some((r) => !r)) throw new AppError('BAD_INPUT', { fieldErrors: { reviewerIds: ['评审组成员须为在职且具有鉴定评审评审员或评审组长角色的工作人员'] } });
  return { leader, reviewers: reviewers as StaffOption[] };
}
