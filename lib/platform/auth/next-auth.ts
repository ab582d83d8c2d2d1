import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { toLocale } from '@/i18n/config';
import { env } from '../env';
import { toFailure } from '../errors';
import { clientIpOf } from '../http/client-ip';
import { safeRedirectPath } from '../safe-redirect';
import { authenticateWithPassword, authenticateWithSms, revokeSession, type Audience } from './authenticate';
import { authSecret } from './secret';

/**
 * next-auth (v4) configuration: two Credentials providers (password + captcha,
 * mobile + SMS code), JWT sessions that carry our session id, and sign-out that
 * revokes it. Built lazily because the secret may live in the database.
 */
type Req = { headers?: Record<string, string | undefined> };

const clientIp = (req: Req): string | null => clientIpOf(req.headers);

function localeOf(req: Req) {
  const m = /(?:^|;\s*)NEXT_LOCALE=([^;]+)/.exec(req.headers?.cookie ?? '');
  return toLocale(m?.[1]);
}

const audienceOf = (v: unknown): Audience => (v === 'staff' ? 'staff' : 'applicant');

/** next-auth hands `authorize` errors to the client as a string: ours is JSON with a translated message. */
function authError(e: unknown, req: Req): Error {
  const f = toFailure(e, localeOf(req));
  return new Error(JSON.stringify({ code: f.code, message: f.message, fieldErrors: f.fieldErrors }));
}

const g = globalThis as unknown as { __accreditAuthOptions?: Promise<NextAuthOptions> };

export function authOptions(): Promise<NextAuthOptions> {
  g.__accreditAuthOptions ??= (async () => {
    const db = await getDb();
    const secret = await authSecret(db);
    process.env.NEXTAUTH_URL ??= env().APP_URL;
    return {
      secret,
      session: { strategy: 'jwt', maxAge: env().SESSION_MAX_AGE_HOURS * 3600 },
      pages: { signIn: '/login', error: '/login' },
      providers: [
        CredentialsProvider({
          id: 'password',
          name: 'password',
          credentials: { identifier: {}, password: {}, captcha: {}, audience: {} },
          async authorize(c, req) {
            try {
              const r = await authenticateWithPassword(
                db,
                { identifier: String(c?.identifier ?? ''), password: String(c?.password ?? ''), captcha: String(c?.captcha ?? ''), audience: audienceOf(c?.audience) },
                { ip: clientIp(req), userAgent: req.headers?.['user-agent'], secret },
              );
              return { id: r.userId, sid: r.sessionId };
            } catch (e) {
              throw authError(e, req);
            }
          },
        }),
        CredentialsProvider({
          id: 'sms',
          name: 'sms',
          credentials: { identifier: {}, mobile: {}, code: {}, audience: {} },
          async authorize(c, req) {
            try {
              const r = await authenticateWithSms(
                db,
                { identifier: String(c?.identifier ?? ''), mobile: String(c?.mobile ?? ''), code: String(c?.code ?? ''), audience: audienceOf(c?.audience) },
                { ip: clientIp(req), userAgent: req.headers?.['user-agent'], secret },
              );
              return { id: r.userId, sid: r.sessionId };
            } catch (e) {
              throw authError(e, req);
            }
          },
        }),
      ],
      callbacks: {
        // Sign-in and sign-out callback URLs: a path on this site only (the one safe-redirect rule).
        redirect({ url, baseUrl }) {
          const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : url;
          return `${baseUrl}${safeRedirectPath(path, '/')}`;
        },
        jwt({ token, user }) {
          if (user) {
            token.uid = user.id;
            token.sid = (user as { sid?: string }).sid;
          }
          return token;
        },
        session({ session, token }) {
          return { ...session, uid: token.uid as string, sid: token.sid as string };
        },
      },
      events: {
        async signOut({ token }) {
          if (token?.sid) await revokeSession(db, token.sid as string);
        },
      },
    } satisfies NextAuthOptions;
  })().catch((e) => {
    g.__accreditAuthOptions = undefined;
    throw e;
  });
  return g.__accreditAuthOptions;
}
