import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { delegatorsOf, substituteFor } from '@/lib/platform/delegation';
import { MODULE } from './constants';
import { currentLeaderId } from './rounds';

/**
 * The leader check for pages (the engine and the documents gate check the
 * same on every act): the current round's assigned leader may conclude and
 * upload on-site materials, and so may their active substitute — on the
 * leader's behalf. An expired delegation gives nothing.
 */
export async function leaderAccess(db: DbOrTx, actor: Actor, applicationId: string, now: Date): Promise<{ leaderId: string | null; mayAct: boolean; onBehalfOf: { id: string; name: string } | null }> {
  const leaderId = await currentLeaderId(db, applicationId);
  if (!leaderId || actor.kind !== 'staff') return { leaderId, mayAct: false, onBehalfOf: null };
  if (leaderId === actor.id) return { leaderId, mayAct: can(actor, { action: 'staff.role', role: 'review_leader', module: MODULE }), onBehalfOf: null };
  const onBehalfOf = await substituteFor(db, actor, leaderId, ['review_leader'], MODULE, now);
  return { leaderId, mayAct: onBehalfOf !== null, onBehalfOf };
}

/** The staff members whose assigned projects are this actor's today: themselves and whoever they stand in for. */
export async function assigneesOf(db: DbOrTx, actor: Actor, now: Date): Promise<string[]> {
  if (actor.kind !== 'staff') return [];
  return [actor.id, ...(await delegatorsOf(db, actor, now))];
}
