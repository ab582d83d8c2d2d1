import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

/**
 * Per-request context, access log and in-flight tracking for every request the
 * process's HTTP servers receive (Next.js hands pages, actions and route
 * handlers no socket, so this hooks the server's `request` event, as the
 * client-address hook does):
 *
 * - a request id: the incoming `x-request-id` when it looks like one (nginx or
 *   another proxy in front may set it), else a fresh UUID, written back into
 *   the request headers so proxy.ts and the app see the same id;
 * - an AsyncLocalStorage context ({ requestId, route, actorId }) in which Next
 *   handles the request: the logger adds the request id to every line written
 *   meanwhile, and `getActor()` records the actor's id;
 * - one JSON access-log line when the response ends: request id, method,
 *   route (the path with ids, numbers and tokens replaced: no ID number,
 *   mobile or query string ever reaches the log), status, duration, actor id;
 * - the request counters and duration histogram of /api/metrics;
 * - the servers and the number of requests in flight, for graceful shutdown
 *   (lifecycle.ts): during a drain every response closes its connection, so a
 *   proxy's kept-alive connections move to the other instances.
 */
export type RequestContext = { requestId: string; method: string; route: string; actorId?: string; action?: string };

export type RequestObserver = (ctx: RequestContext, status: number, seconds: number) => void;

type State = {
  als: AsyncLocalStorage<RequestContext>;
  installed: boolean;
  servers: Set<http.Server>;
  inFlight: number;
  draining: boolean;
  observers: RequestObserver[];
  idle: Array<() => void>;
};
const g = globalThis as unknown as { __accreditRequests?: State };
const state: State = (g.__accreditRequests ??= { als: new AsyncLocalStorage(), installed: false, servers: new Set(), inFlight: 0, draining: false, observers: [], idle: [] });

/** The context of the request being handled, if any. */
export function requestContext(): RequestContext | undefined {
  return state.als.getStore();
}

/** Records who the current request acts for (called where the actor is resolved). */
export function setRequestActor(actorId: string | undefined): void {
  const ctx = state.als.getStore();
  if (ctx && actorId) ctx.actorId = actorId;
}

/** Runs `fn` in a request context (tests, scripts). */
export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return state.als.run(ctx, fn);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The route label of a path: query dropped, and every segment that names one
 * object rather than a page replaced — UUIDs (`:id`), numbers (`:n`), anything
 * with six digits or more (application, order and certificate numbers, ID
 * numbers, mobiles: `:ref`), long tokens (`:token`). Static assets collapse
 * into one label.
 */
export function routeOf(url: string): string {
  let p = url.split('?')[0].split('#')[0] || '/';
  if (p.startsWith('/_next/static/')) return '/_next/static/*';
  if (p.length > 512) p = p.slice(0, 512);
  return p
    .split('/')
    .map((seg) => {
      if (!seg) return seg;
      let s = seg;
      try {
        s = decodeURIComponent(seg);
      } catch {
        /* keep it encoded */
      }
      if (UUID.test(s)) return ':id';
      if (/^\d+$/.test(s)) return ':n';
      if (s.length > 32) return ':token';
      if ((s.match(/\d/g)?.length ?? 0) >= 6) return ':ref';
      return s;
    })
    .join('/');
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Installs the hook on every HTTP(S) server of the process (idempotent). */
export function installRequestHook(): void {
  if (state.installed) return;
  state.installed = true;
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const original = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event !== 'request') return original.call(this, event, ...args);
      const req = args[0] as http.IncomingMessage;
      const res = args[1] as http.ServerResponse;
      state.servers.add(this as http.Server);
      const incoming = req.headers['x-request-id'];
      const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
      req.headers['x-request-id'] = requestId;
      const action = req.headers['next-action'];
      const ctx: RequestContext = { requestId, method: req.method ?? 'GET', route: routeOf(req.url ?? '/'), ...(typeof action === 'string' && action ? { action: action.slice(0, 64) } : {}) };
      const started = process.hrtime.bigint();
      state.inFlight++;
      if (state.draining) res.setHeader('Connection', 'close');
      res.setHeader('x-request-id', requestId);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        state.inFlight--;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // A response cut off before its head was sent (the client went away) counts as 499, as nginx says.
        const status = res.headersSent ? res.statusCode : 499;
        for (const o of state.observers) {
          try {
            o(ctx, status, seconds);
          } catch {
            /* an observer never breaks a request */
          }
        }
        if (state.inFlight === 0) for (const w of state.idle.splice(0)) w();
      };
      res.once('finish', finish);
      res.once('close', finish);
      return state.als.run(ctx, () => original.call(this, event, ...args));
    };
  }
}

/** Called with every finished request (access log, metrics). */
export function onRequestFinished(o: RequestObserver): void {
  state.observers.push(o);
}

export function requestsInFlight(): number {
  return state.inFlight;
}

export function isDraining(): boolean {
  return state.draining;
}

/**
 * Stops accepting connections on every server that has served a request, lets
 * requests in flight finish (each response then closes its connection), and
 * resolves when none is left or after `graceMs` (then the remaining
 * connections are cut).
 */
export async function drainServers(graceMs: number): Promise<{ cut: number }> {
  state.draining = true;
  for (const s of state.servers) {
    s.close();
    // Idle kept-alive connections go at once; busy ones after their response.
    s.closeIdleConnections?.();
  }
  if (state.inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      timer.unref?.();
      state.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const cut = state.inFlight;
  for (const s of state.servers) s.closeAllConnections?.();
  return { cut };
}
