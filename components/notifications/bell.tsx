import { getDb } from '@/db';
import { getActor } from '@/lib/platform/auth/server';
import { bellSnapshot } from '@/lib/platform/notify/in-app';
import { BellMenu } from './bell-menu';

/**
 * The notification bell of the console shells. Reads the unread count and the
 * latest notifications on the server for every request (the actor is cached
 * per request, so this costs one indexed query each); renders nothing when
 * signed out.
 */
export async function NotificationBell({ listHref }: { listHref: string }) {
  const actor = await getActor();
  if (actor.kind === 'anonymous') return null;
  const snapshot = await bellSnapshot(await getDb(), actor);
  return <BellMenu initial={snapshot} listHref={listHref} />;
}
