import { sessions } from '@/db/schema';
import type { Db } from '@/db';
import { invokeAction } from '@/lib/platform/auth/action-core';
import { loadActor, type Actor } from '@/lib/platform/auth/actor';

/** An actor with a real session row, as the session layer would resolve it. */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const [s] = await db.insert(sessions).values({ userId, method: 'password' }).returning();
  return loadActor(db, userId, s.id);
}

/** Calls an action through the one gate (validation, actor, access), as a request would. */
export function callAs(db: Db, ip = '127.0.0.1') {
  return (def: Parameters<typeof invokeAction>[0], actor: Actor, input: unknown) => invokeAction(def, { db, actor: async () => actor, ip, locale: 'zh-CN' }, input);
}
