import { defaultAppUrl, env } from '../env';
import { logger } from '../logger';

/**
 * Two addresses of this instance:
 * - the public base (APP_URL; unset, http://localhost:<the port this server
 *   listens on>), used in every link a person follows: emails, QR codes, the
 *   payment platform's return address;
 * - its own origin, where the process itself listens, for the calls it makes
 *   to itself (the sandbox cashier's asynchronous notification), which must
 *   reach this instance whatever APP_URL says (behind a proxy, APP_URL may not
 *   even be reachable from the server).
 */

/** The public base URL without a trailing slash. */
export const appBase = (): string => env().APP_URL.replace(/\/+$/, '');

/** Where this process listens: next sets both when its server is listening. */
export function selfOrigin(source: Record<string, string | undefined> = process.env): string {
  const origin = source.__NEXT_PRIVATE_ORIGIN;
  if (origin && /^https?:\/\/[^/?#]+$/.test(origin)) return origin;
  const port = Number(source.PORT);
  return defaultAppUrl(Number.isInteger(port) && port > 0 ? port : undefined);
}

/** The same path and query on this instance's own origin. */
export function onSelf(url: string, source?: Record<string, string | undefined>): string {
  const u = new URL(url, 'http://self.invalid');
  return `${selfOrigin(source)}${u.pathname}${u.search}`;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * At start: an APP_URL naming this machine on another port than the one the
 * server listens on gives dead links in every email and QR code. Null when
 * nothing looks wrong.
 */
export function startMismatch(e: { APP_URL: string; APP_URL_SET: boolean }, listenPort: number | undefined): string | null {
  if (!e.APP_URL_SET || !listenPort) return null;
  const u = new URL(e.APP_URL);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  if (LOCAL_HOSTS.has(u.hostname) && port !== listenPort) return `APP_URL ${e.APP_URL} names this machine on port ${port}, but the server listens on ${listenPort}`;
  return null;
}

/** The host a request was addressed to, as `host[:port]` (lower case), and its protocol. */
export type RequestAddress = { host: string | null; proto?: string | null };

/**
 * The first request tells where people actually reach this instance: when it
 * is not APP_URL's host, every generated link points elsewhere. Compared once
 * per process (the first request), logged once.
 */
export function requestMismatch(appUrl: string, req: RequestAddress): string | null {
  if (!req.host) return null;
  const u = new URL(appUrl);
  const defaultPort = (proto: string) => (proto === 'https:' ? '443' : '80');
  const norm = (host: string, proto: string) => {
    const h = host.trim().toLowerCase();
    return /:\d+$/.test(h) && !h.endsWith(']') ? h : `${h}:${defaultPort(proto)}`;
  };
  const proto = req.proto ? `${req.proto.replace(/:$/, '')}:` : u.protocol;
  const appHost = norm(u.host, u.protocol);
  const reqHost = norm(req.host, proto);
  if (appHost === reqHost) return null;
  return `APP_URL is ${appUrl}, but requests arrive for ${proto}//${req.host}: links in emails and QR codes point to APP_URL`;
}

const g = globalThis as unknown as { __accreditOriginChecked?: boolean };

/** Logs, once per process, a mismatch between APP_URL and the address of the first request. */
export function noteRequestAddress(req: RequestAddress): void {
  if (g.__accreditOriginChecked || !req.host) return;
  g.__accreditOriginChecked = true;
  try {
    const problem = requestMismatch(env().APP_URL, req);
    if (problem) logger.warn('APP_URL mismatch', { problem, appUrl: env().APP_URL, requestHost: req.host });
  } catch {
    // A bad environment is reported by boot(); nothing to add here.
  }
}
