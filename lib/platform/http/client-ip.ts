import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * The client address every per-IP limit, audit entry and session row uses.
 *
 * `X-Forwarded-For` is written by whoever sends the request, so it is believed
 * only as far as trusted proxies wrote it: with `TRUSTED_PROXY_HOPS` = n, the
 * address is the one the n-th proxy (counting back from this server) saw
 * connecting to it; with 0 (the default) it is the socket's peer address and
 * the header is ignored. Next.js hands pages, actions and route handlers no
 * socket, so `installClientIpHook` (run by instrumentation.ts before the server
 * handles requests) reads it where the request arrives — the HTTP server's
 * `request` event — and passes the result on in a request header whose name is
 * random per process: a client cannot send it, and a request that did not pass
 * through the hook has no address (null) rather than a forged one.
 */
const g = globalThis as unknown as { __accreditClientIpHeader?: string; __accreditClientIpHops?: number };

/** The per-process header name the hook writes (set when the hook is installed). */
export function clientIpHeader(): string | undefined {
  return g.__accreditClientIpHeader;
}

const normalize = (a: string): string => {
  const v = a.trim().replace(/^\[(.*)\]$/, '$1');
  return v.startsWith('::ffff:') && net.isIPv4(v.slice(7)) ? v.slice(7) : v;
};

/**
 * The client address from the forwarded chain and the socket peer: the peer is
 * the last hop; each trusted hop moves one entry back along X-Forwarded-For.
 * An entry that is not an IP address (only a client can have written it when
 * the hop count is right) falls back to the nearest trusted one.
 */
export function resolveClientIp(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string | null {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map(normalize)
    .filter(Boolean);
  const chain = [...forwarded, ...(socketAddress ? [normalize(socketAddress)] : [])];
  if (chain.length === 0) return null;
  for (let i = Math.max(0, chain.length - 1 - trustedHops); i < chain.length; i++) {
    if (net.isIP(chain[i])) return chain[i];
  }
  return null;
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Stamps every request the process's HTTP(S) servers receive with the client
 * address (idempotent; the hop count is read once). Returns the header name.
 */
export function installClientIpHook(trustedHops: number): string {
  if (g.__accreditClientIpHeader) return g.__accreditClientIpHeader;
  const header = `x-accredit-client-ip-${crypto.randomBytes(8).toString('hex')}`;
  g.__accreditClientIpHops = trustedHops;
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const original = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') {
        const req = args[0] as http.IncomingMessage;
        const ip = resolveClientIp(req.headers['x-forwarded-for'], req.socket?.remoteAddress, trustedHops);
        if (ip) req.headers[header] = ip;
        else delete req.headers[header];
      }
      return original.call(this, event, ...args);
    };
  }
  g.__accreditClientIpHeader = header;
  return header;
}

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** The client address of a request the hook stamped; null when it did not pass through the hook. */
export function clientIpOf(headers: HeaderSource | undefined | null): string | null {
  const name = g.__accreditClientIpHeader;
  if (!name || !headers) return null;
  const raw = typeof (headers as { get?: unknown }).get === 'function' ? (headers as { get(n: string): string | null }).get(name) : (headers as Record<string, string | string[] | undefined>)[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && net.isIP(v) ? v : null;
}
