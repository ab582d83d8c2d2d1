import fs from 'node:fs';
import path from 'node:path';
import { encodeSolution, solveChallenge, type Challenge } from '../lib/platform/auth/captcha';

/**
 * An HTTP client that uses the site as a browser does, for the benches: a
 * cookie jar per user, page loads (full HTML documents), next-auth's password
 * sign-in with the proof-of-work captcha solved here, and server actions
 * called the way Next's client calls them — a POST to the page the form is on,
 * with the action's id in the `Next-Action` header and the arguments encoded
 * by React's own `encodeReply` (JSON text, or multipart when a FormData is
 * passed), the result read from the RSC response.
 *
 * Action ids come from the build (.next/server/server-reference-manifest.json),
 * by the file and export name of the `'use server'` function.
 */

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

export class ActionIds {
  private byName = new Map<string, string>();
  constructor(root = process.cwd()) {
    const file = path.join(root, '.next', 'server', 'server-reference-manifest.json');
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { node: Record<string, ManifestEntry> };
    for (const [id, e] of Object.entries(m.node)) if (e.filename && e.exportedName) this.byName.set(`${e.filename}#${e.exportedName}`, id);
  }
  /** `lib/modules/exam/registration/actions/accept-notice.ts#acceptNoticeAction` → its id in this build. */
  get(fileAndExport: string): string {
    const id = this.byName.get(fileAndExport);
    if (!id) throw new Error(`no server action ${fileAndExport} in this build (rebuild?)`);
    return id;
  }
}

// React's reply encoder, as the browser bundle uses it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node') as { encodeReply: (v: unknown) => Promise<string | FormData> };

export type Timing = { step: string; kind: 'page' | 'action' | 'auth' | 'api'; status: number; ms: number; ok: boolean; error?: string; upstream?: string | null };

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** One browser: its cookies and what it did. */
export class Browser {
  private jar = new Map<string, string>();
  readonly timings: Timing[] = [];
  constructor(
    readonly base: string,
    private readonly ids: ActionIds,
    opts: { pin?: string } = {},
  ) {
    if (opts.pin) this.jar.set('accredit_instance', opts.pin);
  }

  private cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const name = kv.slice(0, i).trim();
      const value = kv.slice(i + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private async request(step: string, kind: Timing['kind'], url: string, init: RequestInit & { expect?: (res: Response) => boolean } = {}): Promise<{ res: Response; body: string }> {
    const t0 = performance.now();
    let status = 0;
    try {
      const res = await fetch(new URL(url, this.base), { ...init, redirect: 'manual', headers: { cookie: this.cookie(), 'accept-language': 'zh-CN', 'user-agent': 'accredit-bench', ...(init.headers as Record<string, string>) } });
      status = res.status;
      this.keep(res);
      const body = await res.text();
      const ok = init.expect ? init.expect(res) : res.status < 400;
      this.timings.push({ step, kind, status, ms: performance.now() - t0, ok, upstream: res.headers.get('x-upstream'), ...(ok ? {} : { error: `${res.status} ${body.slice(0, 200)}` }) });
      if (!ok) throw new HttpError(`${step}: ${kind} ${url} answered ${res.status}: ${body.slice(0, 300)}`, res.status);
      return { res, body };
    } catch (e) {
      if (!(e instanceof HttpError)) this.timings.push({ step, kind, status, ms: performance.now() - t0, ok: false, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  /** A full page load (HTML); redirects are followed like a browser would (each counted as its own load). */
  async page(step: string, url: string): Promise<string> {
    let current = url;
    for (let hops = 0; hops < 5; hops++) {
      const { res, body } = await this.request(step, 'page', current, { headers: { accept: 'text/html' }, expect: (r) => r.status < 400 });
      const loc = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && loc) {
        current = loc;
        continue;
      }
      return body;
    }
    throw new Error(`${step}: too many redirects from ${url}`);
  }

  /** Calls a server action as the browser does, from the page `pagePath`; returns the action's return value. */
  async action<T = unknown>(step: string, pagePath: string, action: string, args: unknown[]): Promise<T> {
    const encoded = await encodeReply(args);
    const headers: Record<string, string> = {
      accept: 'text/x-component',
      'next-action': this.ids.get(action),
      origin: new URL(this.base).origin,
    };
    if (typeof encoded === 'string') headers['content-type'] = 'text/plain;charset=UTF-8';
    const { res, body } = await this.request(step, 'action', pagePath, { method: 'POST', headers, body: encoded as BodyInit });
    const redirect = res.headers.get('x-action-redirect');
    return decodeActionResult<T>(body, redirect);
  }

  /** A JSON API call (route handlers: captcha, next-auth). */
  async api(step: string, url: string, init: RequestInit = {}, kind: Timing['kind'] = 'api'): Promise<{ res: Response; body: string }> {
    return this.request(step, kind, url, init);
  }

  /** Password sign-in through next-auth, captcha solved here (as the browser's widget does). */
  async signIn(identifier: string, password: string, audience: 'applicant' | 'staff' = 'applicant'): Promise<void> {
    const ch = JSON.parse((await this.api('signin', '/api/captcha', {}, 'auth')).body) as Challenge;
    const solution = solveChallenge(ch);
    if (!solution) throw new Error('signin: the captcha could not be solved');
    const { csrfToken } = JSON.parse((await this.api('signin', '/api/auth/csrf', {}, 'auth')).body) as { csrfToken: string };
    const { body } = await this.api(
      'signin',
      '/api/auth/callback/password',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ identifier, password, captcha: encodeSolution(solution), audience, csrfToken, json: 'true' }) },
      'auth',
    );
    const url = (JSON.parse(body) as { url?: string }).url ?? '';
    const error = new URL(url, this.base).searchParams.get('error');
    if (error || !this.jar.has('next-auth.session-token')) throw new Error(`signin: refused (${error ?? 'no session cookie'})`);
  }
}

/**
 * The return value of a server action from its RSC response: row 0 holds
 * `{ a: <value or "$@<row>"> }`; a value in another row is read from it. A
 * redirect (x-action-redirect) is returned as `{ redirect }`.
 */
export function decodeActionResult<T>(body: string, redirectHeader: string | null): T {
  const rows = new Map<string, string>();
  for (const line of body.split('\n')) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  const head = rows.get('0');
  if (!head) {
    if (redirectHeader) return { redirect: redirectHeader.split(';')[0] } as T;
    throw new Error(`unreadable action response: ${body.slice(0, 200)}`);
  }
  const root = JSON.parse(head) as { a?: unknown };
  let v = root.a;
  if (typeof v === 'string' && v.startsWith('$@')) {
    const row = rows.get(v.slice(2));
    if (row === undefined) throw new Error(`action result row ${v} missing: ${body.slice(0, 200)}`);
    v = JSON.parse(row);
  }
  if (v === undefined && redirectHeader) return { redirect: redirectHeader.split(';')[0] } as T;
  return v as T;
}
