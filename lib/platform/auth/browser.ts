/**
 * Sign-in and sign-out from the browser without next-auth/react (~17 KB
 * gzipped on every signed-in page and the login page): the same two requests
 * its `signIn(provider, { redirect: false, … })` and `signOut({ callbackUrl })`
 * make against next-auth's routes (app/api/auth/[...nextauth]) — the CSRF token
 * from GET /api/auth/csrf (which also sets the CSRF cookie), then a form POST
 * with `json: true`, answered with `{ url }`.
 */

const BASE = '/api/auth';

async function csrfToken(): Promise<string> {
  const res = await fetch(`${BASE}/csrf`, { cache: 'no-store' });
  const data = (await res.json()) as { csrfToken?: string };
  return data.csrfToken ?? '';
}

async function post(path: string, fields: Record<string, string>): Promise<{ res: Response; url: string | null }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: fields.callbackUrl ?? window.location.href, json: 'true' });
  const res = await fetch(`${BASE}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  let url: string | null = null;
  try {
    url = ((await res.json()) as { url?: string }).url ?? null;
  } catch {
    /* not JSON: reported below as a failure */
  }
  return { res, url };
}

export type SignInResult = { ok: boolean; status: number; error: string | null };

/**
 * Signs in with a credentials provider ('password', 'sms'). `error` is what the
 * provider's authorize threw (the `error` parameter of the URL next-auth
 * answers with), as next-auth/react reports it; null when signed in, or when
 * the sign-in could not be tried (network, an answer that is not next-auth's).
 */
export async function signInWithCredentials(provider: string, credentials: Record<string, string>): Promise<SignInResult> {
  let answer: Awaited<ReturnType<typeof post>>;
  try {
    answer = await post(`callback/${encodeURIComponent(provider)}`, credentials);
  } catch {
    return { ok: false, status: 0, error: null }; // the network failed
  }
  const { res, url } = answer;
  // No `{ url }` (e.g. a proxy's error page): a failure without the provider's reason.
  if (!url) return { ok: false, status: res.status, error: null };
  const error = new URL(url, window.location.origin).searchParams.get('error');
  return { ok: res.ok && !error, status: res.status, error };
}

/** Signs out (the session cookie is cleared by the answer) and loads `callbackUrl`. */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const { url } = await post('signout', { callbackUrl });
  const to = url ?? callbackUrl;
  window.location.href = to;
  if (to.includes('#')) window.location.reload();
}
