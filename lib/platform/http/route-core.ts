import type { z } from 'zod';
import type { Db } from '@/db';
import { LOCALE_COOKIE, toLocale, type AppLocale } from '@/i18n/config';
import { inZodLocale } from '@/i18n/zod-locale';
import { allows, type Access, type ActorFor } from '../auth/action-core';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { AppError, errorStatus, isAppError, toFailure } from '../errors';
import { logger } from '../logger';
import { clientIpOf } from './client-ip';
import { findForbiddenText } from '../text-rules';
import type { Storage } from '../storage/storage';

/**
 * Route handlers are declared once with `defineRoute` (lib/platform/http/route.ts),
 * like server actions with `defineAction`: who may call it, zod schemas for the
 * path params and the query, and a handler that gets everything it uses in
 * one context. `routeHandler` is the one gate; it imports nothing from Next so
 * tests build a handler with their own database, storage, actor and clock and
 * call it with a plain `Request`.
 *
 * In order: the actor (unless the route reads no session) → access (401 for
 * anonymous, 403 otherwise) → generated credentials (403: nothing but the
 * password change) → params (404: a path that names nothing) → query (400) →
 * the handler. Every failure is a JSON `{ ok: false, code, message, fieldErrors? }`
 * (or plain text) with the status of its code (errors.ts); unknown errors are
 * logged and answered 500 with the generic message.
 */

export type ParamsSchema = z.ZodType;
export type QuerySchema = z.ZodType;

export type RouteCtx<A extends Access, P, Q> = {
  req: Request;
  actor: ActorFor<A>;
  params: P;
  query: Q;
  db: Db;
  /** Opened on first use: most routes never touch storage. */
  storage: () => Promise<Storage>;
  now: () => Date;
  ip: string | null;
  locale: AppLocale;
};

export type RouteDef<A extends Access, PS extends ParamsSchema | undefined, QS extends QuerySchema | undefined> = {
  access: A;
  /**
   * false: the route never reads the session (machine callers: health probe,
   * payment notifications; a credential in the path or body instead). The actor
   * is anonymous; only `public` access makes sense.
   */
  session?: false;
  /** Accounts holding generated credentials may do nothing but change their password; such a route opts in here. */
  allowPendingPasswordChange?: boolean;
  params?: PS;
  query?: QS;
  /** A FORBIDDEN from the handler is answered 404, so an id gives nothing away. */
  hideForbidden?: boolean;
  /** How failures are written: JSON (default) or plain text (for links opened in the browser, e.g. exports). */
  errorBody?: 'json' | 'text';
  handler: (ctx: RouteCtx<A, Out<PS>, Out<QS>>) => Promise<Response>;
};

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export type RouteEnv = {
  db: () => Promise<Db>;
  storage: () => Promise<Storage>;
  actor: () => Promise<Actor>;
  now?: () => Date;
};

/** Next passes `{ params: Promise<…> }`; a route without dynamic segments gets nothing useful. */
export type RouteContext = { params?: Promise<Record<string, string | string[]>> };

export type RouteHandler = (req: Request, ctx?: RouteContext) => Promise<Response>;

/** The locale of a request: the NEXT_LOCALE cookie, as pages read it. */
export function requestLocale(req: Request): AppLocale {
  const cookie = req.headers.get('cookie') ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === LOCALE_COOKIE) {
      try {
        return toLocale(decodeURIComponent(v.join('=')));
      } catch {
        return toLocale(undefined);
      }
    }
  }
  return toLocale(undefined);
}

/** The client address (socket peer, or per TRUSTED_PROXY_HOPS: client-ip.ts); never the raw X-Forwarded-For. */
export function requestIp(req: Request): string | null {
  return clientIpOf(req.headers);
}

/** The one place an error becomes an HTTP answer. */
export function errorResponse(e: unknown, locale: AppLocale, opts: { body?: 'json' | 'text'; hideForbidden?: boolean; log?: Record<string, unknown> } = {}): Response {
  if (!isAppError(e)) logger.error('route failed', { ...opts.log, err: e });
  const failure = toFailure(isAppError(e) ? e : new AppError('INTERNAL', { cause: e }), locale);
  const status = opts.hideForbidden && failure.code === 'FORBIDDEN' ? errorStatus.NOT_FOUND : errorStatus[failure.code];
  const headers = { 'Cache-Control': 'no-store' };
  if (opts.body === 'text') return new Response(failure.message, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  return Response.json(failure, { status, headers });
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return out;
}

/** Opens a handle; a failure to open is the service being unavailable, not a bug of the route. */
async function open<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    logger.error(`${what} unavailable`, { err: e });
    throw new AppError('UNAVAILABLE', { cause: e });
  }
}

export function routeHandler<A extends Access, PS extends ParamsSchema | undefined = undefined, QS extends QuerySchema | undefined = undefined>(
  def: RouteDef<A, PS, QS>,
  env: RouteEnv,
): RouteHandler {
  return async (req, context) => {
    const locale = requestLocale(req);
    const url = new URL(req.url);
    let stage: 'gate' | 'handler' = 'gate';
    try {
      const actor: Actor = def.session === false ? ANONYMOUS : await env.actor();
      if (!allows(def.access, actor)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      if (actor.kind !== 'anonymous' && actor.mustChangePassword && !def.allowPendingPasswordChange) {
        throw new AppError('FORBIDDEN', { messageKey: 'mustChangePassword' });
      }
      const rawParams = (await context?.params) ?? {};
      const params = def.params ? def.params.safeParse(rawParams) : { success: true as const, data: {} };
      if (!params.success || findForbiddenText(rawParams) !== null) throw new AppError('NOT_FOUND');
      const badQuery = def.query ? findForbiddenText(Object.fromEntries(url.searchParams)) : null;
      if (badQuery !== null) throw new AppError('BAD_INPUT', { messageKey: 'textInvalidChars', fieldErrors: { [badQuery || '_']: ['textInvalidChars'] } });
      const query = def.query
        ? inZodLocale(locale, () => {
            const r = def.query!.safeParse(Object.fromEntries(url.searchParams));
            return r.success ? r : { success: false as const, fieldErrors: fieldErrorsOf(r.error) };
          })
        : { success: true as const, data: {} };
      if (!query.success) throw new AppError('BAD_INPUT', { fieldErrors: query.fieldErrors });
      const db = await open('database', env.db);
      let storage: Promise<Storage> | undefined;
      stage = 'handler';
      return await def.handler({
        req,
        actor: actor as ActorFor<A>,
        params: params.data as Out<PS>,
        query: query.data as Out<QS>,
        db,
        storage: () => (storage ??= open('storage', env.storage)),
        now: env.now ?? (() => new Date()),
        ip: requestIp(req),
        locale,
      });
    } catch (e) {
      return errorResponse(e, locale, {
        body: def.errorBody,
        // Only the handler's own refusals are hidden; the gate's 401/403 say what they are.
        hideForbidden: def.hideForbidden && stage === 'handler',
        log: { method: req.method, path: url.pathname },
      });
    }
  };
}
