import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInWithCredentials, signOutTo } from '@/lib/platform/auth/browser';

/**
 * The browser's sign-in and sign-out speak next-auth's own protocol (what
 * next-auth/react sends): the CSRF token first, then a form POST with json=true,
 * answered with { url }. The e2e specs sign in and out through the real server;
 * this pins the requests and how the answers are read.
 */

type Call = { url: string; init?: RequestInit };

function fakeBrowser(answers: Record<string, () => Response>) {
  const calls: Call[] = [];
  const location = { href: 'http://localhost/login?as=staff', origin: 'http://localhost', reload: vi.fn() };
  vi.stubGlobal('window', { location });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const answer = answers[url];
      if (!answer) throw new TypeError('Failed to fetch');
      return answer();
    }),
  );
  return { calls, location };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('sign-in and sign-out without next-auth/react', () => {
  it('signs in: CSRF token, then the credentials as a form with json=true to the provider callback', async () => {
    const { calls } = fakeBrowser({
      '/api/auth/csrf': () => json({ csrfToken: 'tok' }),
      '/api/auth/callback/password': () => json({ url: 'http://localhost/login?as=staff' }),
    });
    const r = await signInWithCredentials('password', { identifier: 'admin', password: 'Admin1234', captcha: 'c', audience: 'staff' });
    expect(r).toEqual({ ok: true, status: 200, error: null });
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/csrf', '/api/auth/callback/password']);
    const post = calls[1].init!;
    expect(post.method).toBe('POST');
    expect((post.headers as Record<string, string>)['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(post.body as URLSearchParams)).toEqual({
      identifier: 'admin',
      password: 'Admin1234',
      captcha: 'c',
      audience: 'staff',
      csrfToken: 'tok',
      callbackUrl: 'http://localhost/login?as=staff',
      json: 'true',
    });
  });

  it('a refused sign-in reports what authorize threw (the error parameter), as next-auth/react did', async () => {
    const reason = JSON.stringify({ message: '账号或密码错误', fieldErrors: { captcha: ['请重新验证'] } });
    fakeBrowser({
      '/api/auth/csrf': () => json({ csrfToken: 'tok' }),
      '/api/auth/callback/sms': () => json({ url: `http://localhost/api/auth/error?error=${encodeURIComponent(reason)}` }, 401),
    });
    expect(await signInWithCredentials('sms', { identifier: 'x', mobile: '13800000000', code: '123456', audience: 'applicant' })).toEqual({ ok: false, status: 401, error: reason });
  });

  it('an answer that is not next-auth’s, or no network, is a failure without a reason (the form says the service is unavailable)', async () => {
    fakeBrowser({ '/api/auth/csrf': () => json({ csrfToken: 'tok' }), '/api/auth/callback/password': () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    expect(await signInWithCredentials('password', { identifier: 'a' })).toEqual({ ok: false, status: 502, error: null });
    fakeBrowser({});
    expect(await signInWithCredentials('password', { identifier: 'a' })).toEqual({ ok: false, status: 0, error: null });
  });

  it('signs out: CSRF token, POST /api/auth/signout with the callback URL, then loads the URL next-auth answers', async () => {
    const { calls, location } = fakeBrowser({
      '/api/auth/csrf': () => json({ csrfToken: 'tok' }),
      '/api/auth/signout': () => json({ url: 'http://localhost/' }),
    });
    await signOutTo('/');
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/csrf', '/api/auth/signout']);
    expect(Object.fromEntries(calls[1].init!.body as URLSearchParams)).toEqual({ callbackUrl: '/', csrfToken: 'tok', json: 'true' });
    expect(location.href).toBe('http://localhost/');
    expect(location.reload).not.toHaveBeenCalled();
  });
});
