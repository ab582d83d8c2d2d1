import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { myApplications } from '@/lib/platform/workflow';
import { MEMBERSHIP_APPLICATION } from './kind';
import { membershipOf, type Membership } from './member';

/** States in which the enterprise's application is still open (drafting or in flight). */
export const OPEN_STATES = ['draft', 'submitted', 'returned', 'approved', 'paying'];

export type MembershipStatus = {
  member: Membership | null;
  /** The open application, if any (one per enterprise). */
  open: { id: string; number: string; status: string } | null;
  applications: Array<{ id: string; number: string; kind: string; status: string }>;
};

/** What the enterprise has in module B now: its membership and its membership applications (read model for pages). */
export async function membershipStatus(db: DbOrTx, actor: Actor): Promise<MembershipStatus> {
  if (actor.kind !== 'organization') return { member: null, open: null, applications: [] };
  const [member, apps] = await Promise.all([membershipOf(db, actor.orgId), myApplications(db, actor, { module: 'membership' })]);
  const mine = apps.filter((a) => a.kind === MEMBERSHIP_APPLICATION).map((a) => ({ id: a.id, number: a.number, kind: a.kind, status: a.status }));
  return { member, open: mine.find((a) => OPEN_STATES.includes(a.status)) ?? null, applications: mine };
}
