import { expect, test, type APIRequestContext } from '@playwright/test';
import { signInWithPassword } from './helpers';
import { startSecondServer, type SecondServer } from './second-server';

/**
 * Security hardening (issue #15) as seen from a browser against production
 * builds: the suite's server (the mailbox explicitly opened, as the demo does)
 * and, where the default matters, a second server started with nothing set.
 */

/** Ports next to the suite's own (E2E_PORT), so parallel checkouts do not collide. */
const suitePort = Number(process.env.E2E_PORT ?? 3100);

test.describe('a production build with nothing configured', () => {
  let server: SecondServer;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startSecondServer({ port: suitePort + 1, s3Port: 4591 + (suitePort - 3100) });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('#1 refuses the mailbox to an anonymous visitor and says on the login page that the site is a demo', async ({ browser }) => {
    const ctx = await browser.newContext({ baseURL: server.baseURL, locale: 'zh-CN' });
    const page = await ctx.newPage();
    // A login code is asked for the demo candidate's mobile (any visitor can make the site send one) …
    const res = await page.request.get('/mailbox?to=13800000001&channel=sms', { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers()['location']).toMatch(/^\/login\?as=staff&next=%2Fmailbox$/);
    await page.goto('/mailbox?to=13800000001&channel=sms');
    await expect(page).toHaveURL(/\/login\?as=staff/);
    await expect(page.getByTestId('mailbox-list')).toHaveCount(0);
    await expect(page.getByTestId('demo-mode')).toContainText('演示模式');
    await expect(page.getByTestId('demo-mode')).toContainText('仅工作人员登录后可查看');

    // … staff read it once signed in.
    await page.getByLabel('账号').fill('admin');
    await page.getByLabel('密码').fill('Admin1234');
    await page.getByTestId('captcha').click();
    await expect(page.getByTestId('captcha')).toContainText('验证通过', { timeout: 20_000 });
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/mailbox$/);
    await expect(page.getByRole('heading', { name: '本地邮箱' })).toBeVisible();
    await ctx.close();
  });

  test('#4 rotating X-Forwarded-For neither dodges the per-IP sign-in limit (no proxy is trusted by default)', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: server.baseURL });
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const codes: string[] = [];
    for (let i = 1; i <= 31; i++) {
      codes.push(await smsSignIn(api, csrfToken, { identifier: `nobody${i}`, mobile: '13800000009', code: '000000' }, { 'x-forwarded-for': `203.0.113.${i}` }));
    }
    expect(codes.slice(0, 30)).toEqual(Array(30).fill('BAD_INPUT'));
    expect(codes[30]).toBe('RATE_LIMITED');
    await api.dispose();
  });
});

/** Signs in by SMS through next-auth's own endpoint; the failure code, or 'OK'. */
async function smsSignIn(api: APIRequestContext, csrfToken: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
  const res = await api.post('/api/auth/callback/sms', { form: { csrfToken, audience: 'applicant', json: 'true', ...form }, headers, maxRedirects: 0 });
  const { url } = (await res.json()) as { url: string };
  const error = new URL(url).searchParams.get('error');
  return error ? ((JSON.parse(error) as { code: string }).code ?? error) : 'OK';
}

test.describe('the suite server (MAILBOX_OPEN=true)', () => {
  test('#1 an explicitly opened mailbox is open to everyone and the login page warns about it', async ({ page }) => {
    await page.goto('/mailbox');
    await expect(page.getByRole('heading', { name: '本地邮箱' })).toBeVisible();
    await page.goto('/login');
    await expect(page.getByTestId('demo-mode')).toContainText('对所有访问者开放');
  });

  test('#3 a next that leaves the site, or holds a control character or non-ASCII, falls back to the home page, never a 500', async ({ page }) => {
    await signInWithPassword(page, 'candidate', 'Demo1234');
    await expect(page).toHaveURL(/\/portal/);
    for (const next of ['/%09/evil.example', '/%0A/evil.example', '/%5Cevil.example', '//evil.example', '/%E9%97%A8%E6%88%B7', 'https://evil.example/']) {
      const res = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
      expect(res.status(), next).toBe(307);
      expect(res.headers()['location'], next).toBe('/portal');
    }
    const ok = await page.request.get(`/login?next=${encodeURIComponent('/portal/exam?x=1')}`, { maxRedirects: 0 });
    expect(ok.headers()['location']).toBe('/portal/exam?x=1');
  });

  test('#3 signing in with a hostile next lands on the home page of the entry', async ({ page }) => {
    await page.goto('/login?next=/%09/evil.example');
    await page.getByLabel('账号').fill('candidate');
    await page.getByLabel('密码').fill('Demo1234');
    await page.getByTestId('captcha').click();
    await expect(page.getByTestId('captcha')).toContainText('验证通过', { timeout: 20_000 });
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/localhost:\d+\/portal$/);
  });

  test('#11 a server-action body over the limit is answered 413 with a message, not a 500', async ({ request }) => {
    const res = await request.post('/login', {
      headers: { 'next-action': '7f'.repeat(21), 'content-type': 'text/plain;charset=UTF-8' },
      data: 'x'.repeat(5 * 1024 * 1024),
    });
    expect(res.status()).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('上限 4 MB') });
  });

  test('#12 pages carry a nonce-based CSP and Permissions-Policy, Next\'s scripts carry the nonce, and signing in runs without a CSP violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|connect|apply)/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto('/login');
    const csp = res!.headers()['content-security-policy'];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(res!.headers()['permissions-policy']).toContain('camera=()');
    // Over plain http (the suite's APP_URL), no HSTS.
    expect(res!.headers()['strict-transport-security']).toBeUndefined();
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    // A fresh nonce per request.
    const again = (await page.request.get('/login')).headers()['content-security-policy'];
    expect(again).not.toContain(nonce!);
    await page.getByLabel('账号').fill('candidate');
    await page.getByLabel('密码').fill('Demo1234');
    await page.getByTestId('captcha').click();
    await expect(page.getByTestId('captcha')).toContainText('验证通过', { timeout: 20_000 });
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/portal$/);
    await page.getByRole('link', { name: /全国统一考试/ }).first().click();
    await expect(page).toHaveURL(/\/portal\/exam/);
    expect(violations).toEqual([]);
  });

  test('#12 the static files the proxy does not see (scripts, stylesheets, the favicon) are served nosniff', async ({ page }) => {
    await page.goto('/login');
    const urls = await page.evaluate(() => [
      ...[...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src),
      ...[...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).href),
      `${location.origin}/favicon.ico`,
    ]);
    expect(urls.filter((u) => u.includes('/_next/static/')).length).toBeGreaterThan(1);
    for (const url of urls) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['x-content-type-options'], url).toBe('nosniff');
    }
  });

  test('#2 the embedded storage refuses an unsigned request, even for a key that exists', async ({ request }) => {
    const s3 = `http://localhost:${process.env.EMBEDDED_S3_PORT ?? '4579'}`;
    for (const url of [`${s3}/accredit?list-type=2`, `${s3}/accredit/files/x`, s3]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(403);
    }
    const put = await request.put(`${s3}/accredit/files/evil`, { data: 'evil' });
    expect(put.status()).toBe(403);
  });
});
