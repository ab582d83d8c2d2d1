import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db';
import { clientIpOf } from '../http/client-ip';
import { setRequestActor } from '../http/request-context';
import { ANONYMOUS, loadActor, type Actor, type SignedInActor } from './actor';
import { authOptions } from './next-auth';

/** The actor of the current request (cached per request; its id goes into the request's log line). */
export const getActor = cache(async (): Promise<Actor> => {
  const session = (await getServerSession(await authOptions())) as { uid?: string; sid?: string } | null;
  if (!session?.uid || !session.sid) return ANONYMOUS;
  const actor = await loadActor(await getDb(), session.uid, session.sid);
  if (actor.kind !== 'anonymous') setRequestActor(actor.id);
  return actor;
});

/** The client address of this request (socket peer, or per TRUSTED_PROXY_HOPS: lib/platform/http/client-ip.ts). */
export async function clientIp(): Promise<string | null> {
  return clientIpOf(await headers());
}

/** For pages: the signed-in actor, or a redirect to the right login entry. */
export async function requireActor(opts: { staff?: boolean; next?: string } = {}): Promise<SignedInActor> {
  const actor = await getActor();
  const loginPath = `/login${opts.staff ? '?as=staff' : ''}`;
  const withNext = opts.next ? `${loginPath}${opts.staff ? '&' : '?'}next=${encodeURIComponent(opts.next)}` : loginPath;
  if (actor.kind === 'anonymous') redirect(withNext);
  if (opts.staff && actor.kind !== 'staff') redirect(withNext);
  if (!opts.staff && actor.kind === 'staff') redirect('/staff');
  // Generated or reset credentials: nothing else until the password is changed.
  const passwordPage = opts.staff ? '/staff/account/password' : '/portal/account/password';
  if (actor.mustChangePassword && (await headers()).get('x-pathname') !== passwordPage) redirect(passwordPage);
  return actor;
}
