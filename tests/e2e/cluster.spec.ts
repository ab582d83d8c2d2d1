import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import postgres from 'postgres';
import { encodeSolution, solveChallenge, type Challenge } from '@/lib/platform/auth/captcha';
import { passCaptcha } from './helpers';

/**
 * The cluster smoke test (playwright.cluster.config.ts; .ci/run starts the
 * cluster with scripts/cluster.sh): nginx on CLUSTER_URL in front of two
 * instances (app1, app2) on one PostgreSQL and one storage. The cookie
 * `accredit_instance` makes nginx send a request to the instance it names, so
 * each step knows where it ran (nginx also answers with X-Upstream).
 */
const APP1 = process.env.CLUSTER_APP1 ?? '127.0.0.1:3211';
const APP2 = process.env.CLUSTER_APP2 ?? '127.0.0.1:3212';
const DATABASE_URL = process.env.DATABASE_URL;

async function pin(context: BrowserContext, baseURL: string, instance: 'app1' | 'app2') {
  await context.addCookies([{ name: 'accredit_instance', value: instance, url: baseURL }]);
}

/** The instances (X-Upstream) that answered the page's documents and server actions while `fn` ran. */
async function upstreamsDuring(page: Page, fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onResponse = async (r: import('@playwright/test').Response) => {
    const req = r.request();
    if (req.resourceType() === 'document' || (req.method() === 'POST' && (req.headers()['next-action'] || req.url().includes('/api/auth/')))) {
      const u = (await r.allHeaders())['x-upstream'];
      if (u) seen.push(u);
    }
  };
  page.on('response', onResponse);
  try {
    await fn();
  } finally {
    page.off('response', onResponse);
  }
  return seen;
}

test.describe('two instances behind nginx', () => {
  test('signs in on one instance and goes on on the other: captcha, session and a server action', async ({ page, context, baseURL }) => {
    test.skip(!DATABASE_URL, 'DATABASE_URL of the cluster is needed');
    const sql = postgres(DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [candidate] = await sql<{ id: string }[]>`select id from users where username = 'candidate'`;
      const title = `集群冒烟测试 ${crypto.randomBytes(3).toString('hex')}`;

      // The sign-in page and its captcha challenge come from app1 …
      await pin(context, baseURL!, 'app1');
      const onApp1 = await upstreamsDuring(page, async () => {
        await page.goto('/login?as=individual');
        await page.getByLabel('账号').fill('candidate');
        await page.getByLabel('密码').fill('Demo1234');
        await passCaptcha(page);
      });
      expect(onApp1.length).toBeGreaterThan(0);
      expect(new Set(onApp1)).toEqual(new Set([APP1]));

      // … the sign-in itself (captcha checked, session row written) and the portal from app2.
      await pin(context, baseURL!, 'app2');
      const onApp2 = await upstreamsDuring(page, async () => {
        await page.getByRole('button', { name: '登录', exact: true }).click();
        await expect(page).toHaveURL(/\/portal/);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      });
      expect(onApp2.length).toBeGreaterThan(0);
      expect(new Set(onApp2)).toEqual(new Set([APP2]));

      // A notification arrives; app1 shows it to the session app2 opened, and its server action marks it read.
      await sql`insert into notifications (user_id, title, body) values (${candidate.id}, ${title}, '两个实例共用一个数据库')`;
      await pin(context, baseURL!, 'app1');
      const back = await upstreamsDuring(page, async () => {
        await page.goto('/portal/notifications');
        await expect(page.getByText(title)).toBeVisible();
        await page.getByTestId('mark-all-read').click();
        await expect(page.getByRole('status').filter({ hasText: '已全部标为已读' })).toBeVisible();
      });
      expect(new Set(back)).toEqual(new Set([APP1]));
      const [row] = await sql<{ read_at: Date | null }[]>`select read_at from notifications where user_id = ${candidate.id} and title = ${title}`;
      expect(row.read_at).not.toBeNull();

      // Signing out on app2 ends the session on app1 too (the session row is revoked).
      await pin(context, baseURL!, 'app2');
      await page.goto('/portal');
      await page.evaluate(async () => {
        const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
        await fetch('/api/auth/signout', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrfToken, json: 'true' }) });
      });
      await pin(context, baseURL!, 'app1');
      await page.goto('/portal');
      await expect(page).toHaveURL(/\/login/);
    } finally {
      await sql.end();
    }
  });

  test('the build’s scripts and stylesheets come from nginx itself, typed and immutable; a missing one still gets the instance’s 404', async ({ page, request }) => {
    // scripts/cluster.sh leaves them to the instances when nginx's worker cannot read the build (a checkout under a
    // private directory): then they must still arrive typed and immutable, from an instance.
    const conf = fs.readFileSync(path.resolve(process.env.CLUSTER_DIR ?? 'data/cluster', 'nginx/nginx.conf'), 'utf8');
    const fromNginx = conf.includes('location /_next/static/');
    const assets: { url: string; type: string; headers: Record<string, string> }[] = [];
    page.on('response', async (r) => {
      const type = r.request().resourceType();
      if (r.url().includes('/_next/static/') && (type === 'script' || type === 'stylesheet')) assets.push({ url: r.url(), type, headers: await r.allHeaders() });
    });
    await page.goto('/login');
    await expect(page.getByLabel('账号')).toBeVisible();
    await expect.poll(() => assets.filter((a) => a.type === 'stylesheet').length).toBeGreaterThan(0);
    expect(assets.filter((a) => a.type === 'script').length).toBeGreaterThan(0);
    for (const a of assets) {
      if (fromNginx) expect(a.headers['x-upstream'], a.url).toBeUndefined();
      else expect([APP1, APP2], a.url).toContain(a.headers['x-upstream']);
      expect(a.headers['cache-control'], a.url).toBe('public, max-age=31536000, immutable');
      expect(a.headers['content-type'], a.url).toMatch(a.type === 'stylesheet' ? /^text\/css\b/ : /^application\/javascript\b/);
      if (fromNginx) expect(a.headers['x-content-type-options'], a.url).toBe('nosniff');
    }
    // The page is styled by them: the sign-in button has the primary colour, not the browser's grey.
    expect(await page.getByRole('button', { name: '登录', exact: true }).evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe('rgb(239, 239, 239)');
    const missing = await request.get('/_next/static/chunks/no-such-chunk.js');
    expect(missing.status()).toBe(404);
    expect(missing.headers()['x-upstream']).toBeTruthy();
  });

  test('a captcha solution is spent on both instances, and failed sign-ins count across them', async ({ baseURL }) => {
    const signIn = async (instance: 'app1' | 'app2', identifier: string, captcha: string) => {
      const jar = new Map<string, string>([['accredit_instance', instance]]);
      const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const keep = (res: Response) => {
        for (const c of res.headers.getSetCookie()) {
          const [kv] = c.split(';');
          const i = kv.indexOf('=');
          jar.set(kv.slice(0, i), kv.slice(i + 1));
        }
      };
      const csrfRes = await fetch(`${baseURL}/api/auth/csrf`, { headers: { cookie: cookie() } });
      keep(csrfRes);
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const res = await fetch(`${baseURL}/api/auth/callback/password`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookie(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ identifier, password: 'Wrong-password-1', captcha, audience: 'applicant', csrfToken, json: 'true' }),
      });
      const upstream = res.headers.get('x-upstream');
      const body = (await res.json().catch(() => ({}))) as { url?: string };
      const error = new URL(body.url ?? '/', baseURL).searchParams.get('error');
      return { upstream, error: error ? (JSON.parse(error) as { code: string; message: string }) : null };
    };
    const challenge = async (instance: 'app1' | 'app2') => {
      const res = await fetch(`${baseURL}/api/captcha`, { headers: { cookie: `accredit_instance=${instance}` } });
      expect(res.headers.get('x-upstream')).toBe(instance === 'app1' ? APP1 : APP2);
      return encodeSolution(solveChallenge((await res.json()) as Challenge)!);
    };

    // A challenge from app1, solved, is accepted by app2 (a wrong password, but not a captcha error) …
    const who = `cluster-${crypto.randomBytes(4).toString('hex')}`;
    const solution = await challenge('app1');
    const first = await signIn('app2', who, solution);
    expect(first.upstream).toBe(APP2);
    expect(first.error?.code).toBe('UNAUTHENTICATED');
    // … and then refused on app1: one use, whichever instance.
    const replay = await signIn('app1', who, solution);
    expect(replay.upstream).toBe(APP1);
    expect(replay.error?.code).toBe('BAD_INPUT');

    // Failures alternate between the instances and count across them: once an identifier has 3
    // (LOGIN_LIMITS.paceAfter), it gets one try per 10 s — the 4th failure goes through on app1, the
    // next try at once is refused on app2 (the captcha refusal above is not a counted failure).
    for (let i = 0; i < 3; i++) {
      const at = i % 2 ? 'app2' : 'app1';
      expect((await signIn(at, who, await challenge(at))).error?.code).toBe('UNAUTHENTICATED');
    }
    const paced = await signIn('app2', who, await challenge('app2'));
    expect(paced.upstream).toBe(APP2);
    expect(paced.error?.code).toBe('RATE_LIMITED');
  });

  test('200 outbox messages enqueued while both instances run are each delivered exactly once', async () => {
    test.skip(!DATABASE_URL, 'DATABASE_URL of the cluster is needed');
    test.setTimeout(120_000);
    const sql = postgres(DATABASE_URL!, { max: 2, onnotice: () => {} });
    try {
      const tag = `cluster-${crypto.randomBytes(4).toString('hex')}`;
      // Enqueued as the app does (one row each, in its own transaction), in waves while both workers poll.
      const ids: number[] = [];
      for (let wave = 0; wave < 4; wave++) {
        await Promise.all(
          Array.from({ length: 50 }, async (_, k) => {
            const i = wave * 50 + k;
            const payload = { to: `${tag}-${i}@example.com`, subject: `集群投递 ${i}`, text: `第 ${i} 条` };
            const [r] = await sql<{ id: number }[]>`insert into outbox (channel, payload, dedupe_key) values ('email', ${sql.json(payload)}, ${`${tag}:${i}`}) returning id`;
            ids.push(Number(r.id));
          }),
        );
        await new Promise((r) => setTimeout(r, 150));
      }
      expect(ids).toHaveLength(200);
      await expect(async () => {
        const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where id = any(${ids}) and status = 'sent'`;
        expect(n).toBe(200);
      }).toPass({ timeout: 90_000, intervals: [500] });

      const delivered = await sql<{ outbox_id: number; n: number }[]>`select outbox_id, count(*)::int as n from mailbox_messages where outbox_id = any(${ids}) group by 1`;
      expect(delivered).toHaveLength(200);
      expect(delivered.every((d) => d.n === 1)).toBe(true);
      const [{ attempts }] = await sql<{ attempts: number }[]>`select max(attempts)::int as attempts from outbox where id = any(${ids})`;
      expect(attempts).toBe(1);
      const byWorker = await sql<{ worker: string; n: number }[]>`select split_part(locked_by, '-', 1) as worker, count(*)::int as n from outbox where id = any(${ids}) group by 1 order by 1`;
      console.log(`outbox: 200 delivered once each; by instance: ${byWorker.map((w) => `${w.worker} ${w.n}`).join(', ')}`);
    } finally {
      await sql.end();
    }
  });
});
