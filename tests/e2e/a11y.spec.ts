import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { passCaptcha, signInWithPassword } from './helpers';

/**
 * Accessibility at every width (issue #17 point 6): every route of the app,
 * as each kind of visitor, at 1366 px and at 390 px, checked with axe against
 * WCAG 2.0/2.1 A and AA, and at 390 px without a page wider than the phone.
 *
 * The routes are read from app/**\/page.tsx. Each role signs in once (one
 * browser context) and walks the links it is shown, breadth first from its
 * home: every route template is checked once (the staff roles each check the
 * pages of their own navigation, whose content differs per role), dynamic
 * routes with the ids of the demo data the links lead to. The last test fails
 * for any route template no role reached, so a new page cannot slip by.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Every page route of the app, as its template (`/portal/exam/[examId]/area`). */
function routeTemplates(): string[] {
  const root = path.resolve(__dirname, '../../app');
  const out: string[] = [];
  const visit = (dir: string, segs: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) visit(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? segs : [...segs, e.name]);
      else if (e.name === 'page.tsx') out.push('/' + segs.join('/'));
    }
  };
  visit(root, []);
  return out.sort();
}
const TEMPLATES = routeTemplates().map((t) => ({
  template: t,
  // Static segments outrank dynamic ones: /portal/exam/photo is not /portal/exam/[examId].
  dynamic: (t.match(/\[/g) ?? []).length,
  re: new RegExp('^' + t.replace(/\[[^\]]+\]/g, '[^/]+') + '/?$'),
}));
function templateOf(pathname: string): string | undefined {
  return TEMPLATES.filter((r) => r.re.test(pathname)).sort((a, b) => a.dynamic - b.dynamic)[0]?.template;
}

/** Routes reached only from outside a page (a QR code, a mailed link, a payment redirect) and how this spec reaches them. */
const EXTRA_SEEDS: Record<string, string[]> = {
  candidate: ['/portal/notifications', '/portal/field-change/new'],
  orgdemo: ['/portal/membership/info-change/new', '/portal/membership/apply'],
  admin: ['/staff/notifications', '/staff/emails', '/staff/legacy'],
  anonymous: ['/login', '/login?as=organization', '/login?as=staff', '/register', '/register/individual', '/register/organization', '/recover', '/recover/account', '/recover/reset?token=invalid', '/activate?token=invalid', '/account/confirm-email?token=invalid', '/accreditation/pre-application/verify?token=invalid', '/accreditation/pre-application/view?token=invalid', '/accreditation/pre-application/submitted', '/accreditation/retrieve/reset?token=invalid', '/login/accreditation', '/mailbox', '/verify', '/verify/NOT-A-NUMBER', '/m/upload/invalid-token', '/help'],
};

/**
 * Routes this walk does not reach yet: each needs state a flow creates first
 * (an order to pay, a draft of one's own to edit, a registration at a later
 * step). They are still to be added (e.g. by walking the flows of the other
 * specs); listed here so that the gap is explicit and nothing else slips by.
 */
const NOT_REACHED_YET: Record<string, string> = {
  '/pay/sandbox/[orderNumber]': 'an unpaid order (exam-registration.spec pays one)',
  '/pay/transfer/[orderNumber]': 'a bank-transfer order',
  '/portal/field-change/[id]': 'a field-change request',
  '/portal/membership/[id]/delivery': 'an approved membership choosing delivery',
  '/portal/membership/[id]/edit': 'a membership draft',
  '/portal/membership/certificate-loss/[id]/edit': 'a loss-report draft',
  '/portal/membership/filing/[id]/edit': 'a filing draft',
  '/portal/membership/info-change/[id]/edit': 'an information-change draft',
  '/portal/membership/qualification/[id]/edit': 'a returned qualification application (qualreturn)',
  '/portal/personnel/enrollments/[id]/edit': 'a returned enrollment (tester)',
  '/portal/personnel/requests/[id]/edit': 'a reissue request draft',
  '/portal/review/projects/[id]/edit': 'a saved review project (orgsub)',
  '/staff/exams/[id]/registrations/[registrationId]': 'a registration in the exam admin list',
};

type Role = { key: string; login?: [string, string, 'individual' | 'organization' | 'staff']; home: string };
const ROLES: Role[] = [
  { key: 'anonymous', home: '/' },
  { key: 'candidate', login: ['candidate', 'Demo1234', 'individual'], home: '/portal' },
  { key: 'inspector', login: ['inspector', 'Insp1234', 'individual'], home: '/portal' },
  { key: 'orgdemo', login: ['orgdemo', 'Org12345', 'organization'], home: '/portal' },
  { key: 'memberpay', login: ['memberpay', 'Member123', 'organization'], home: '/portal' },
  { key: 'orgsub', login: ['orgsub', 'Sub12345', 'organization'], home: '/portal' },
  { key: 'admin', login: ['admin', 'Admin1234', 'staff'], home: '/staff' },
  { key: 'reviewer', login: ['reviewer', 'Review1234', 'staff'], home: '/staff' },
  { key: 'examadmin', login: ['examadmin', 'Exam1234', 'staff'], home: '/staff' },
  { key: 'finance', login: ['finance', 'Finance1234', 'staff'], home: '/staff' },
  { key: 'planner', login: ['planner', 'Plan1234', 'staff'], home: '/staff' },
  { key: 'leader', login: ['leader', 'Leader1234', 'staff'], home: '/staff' },
  { key: 'authority', login: ['authority', 'Issue1234', 'staff'], home: '/staff' },
];

/** Links never followed: downloads, sign-out, API routes, the language switch. */
const SKIP = /^\/(api|_next)\/|\/(export|download|pdf|print)(\/|$|\?)|logout|signout|\.(pdf|xlsx|zip|png|jpe?g)(\?|$)/i;

const covered = new Map<string, string>(); // template → the URL that checked it
const problems: string[] = [];
const walked = new Set<string>();
/** Each finding is also appended to a file as it is found, to read while a long walk runs. */
const LOG = path.resolve(__dirname, '../../data/e2e-a11y-findings.txt');
function note(line: string) {
  problems.push(line);
  fs.mkdirSync(path.dirname(LOG), { recursive: true });
  fs.appendFileSync(LOG, line + '\n');
}

async function check(page: Page, role: string, url: string) {
  for (const [label, size] of [['1366', WIDE], ['390', PHONE]] as const) {
    await page.setViewportSize(size);
    // Layout settles after a resize (media queries, the drawer trigger).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // A page that sends the visitor on by itself (a step not open yet) navigates once more: check where it lands.
    const analyze = () => new AxeBuilder({ page }).withTags(TAGS).analyze();
    const result = await analyze().catch(async (e: Error) => {
      if (!/context was destroyed|navigation/i.test(e.message)) throw e;
      await page.waitForLoadState('load');
      return analyze();
    });
    for (const v of result.violations) {
      note(`[${role} ${label}px] ${url} — ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join('\n    ')}`);
    }
    if (label === '390') {
      // A page wider than the phone scrolls sideways as a whole: tables must scroll inside their own region.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width + 1) note(`[${role} 390px] ${url} — page overflows to ${width}px`);
    }
  }
  await page.setViewportSize(WIDE);
}

async function walk(browser: Browser, role: Role) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: WIDE });
  const page = await context.newPage();
  if (role.login) {
    await signInWithPassword(page, ...role.login);
    await expect(page).toHaveURL(new RegExp(`${role.home}(\\?|$|/)`));
  }
  // Each role checks its own home (its shell and navigation), everything else once overall.
  const queue: string[] = [role.home, ...(EXTRA_SEEDS[role.key] ?? [])];
  const seen = new Set<string>();
  let first = true;
  while (queue.length) {
    const url = queue.shift()!;
    const pathname = url.split('?')[0];
    const template = templateOf(pathname);
    if (!template) continue;
    const key = first || (EXTRA_SEEDS[role.key] ?? []).includes(url) ? `${role.key} ${url}` : template;
    if (seen.has(key) || (key === template && covered.has(template))) continue;
    seen.add(key);
    const response = await page.goto(url);
    expect(response?.status(), `${url} as ${role.key}`).toBeLessThan(500);
    // Let a client-side redirect (router.replace on a step not open yet) happen before the page is judged.
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    const landed = new URL(page.url());
    if (landed.pathname !== pathname) {
      // Redirected (e.g. to sign-in or a step not open yet): the page it lands on is what gets checked.
      const t = templateOf(landed.pathname);
      if (!t) continue;
    }
    const landedTemplate = templateOf(landed.pathname)!;
    if (!covered.has(landedTemplate)) covered.set(landedTemplate, `${role.key} ${landed.pathname}${landed.search}`);
    await check(page, role.key, `${landed.pathname}${landed.search}`);
    fs.appendFileSync(LOG, `  checked [${role.key}] ${landed.pathname}${landed.search}\n`);
    first = false;
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    // An exam's steps are links only once the step before is done: each is visited as is (a step not open yet sends the candidate back).
    if (landedTemplate === '/portal/exam/[examId]') for (const step of ['info', 'subjects', 'area', 'pay', 'registration', 'change-area']) hrefs.push(`${landed.pathname}/${step}`);
    for (const h of hrefs) {
      if (SKIP.test(h) || h.startsWith('//')) continue;
      const p = h.split('#')[0];
      const t = templateOf(p.split('?')[0]);
      // Signed-in roles stay in their own area and the public pages; the sign-in and sign-up pages are the anonymous walk's.
      if (!t) continue;
      if (role.login && role.home === '/portal' && t.startsWith('/staff')) continue;
      if (!queue.includes(p)) queue.push(p);
    }
  }
  await context.close();
}

// One worker runs the walks in order and keeps what they covered; the last test judges them all, so a
// single run lists every violation of every role (a failing walk would restart the worker and lose that).
test.beforeAll(() => {
  fs.mkdirSync(path.dirname(LOG), { recursive: true });
  fs.rmSync(LOG, { force: true });
});

for (const role of ROLES) {
  test(`axe: every page ${role.key} reaches, at 1366 px and 390 px`, async ({ browser }) => {
    test.setTimeout(15 * 60_000);
    await walk(browser, role);
    walked.add(role.key);
  });
}

test('axe: 0 violations on every route of the app, at both widths, as every role', async () => {
  expect([...walked].sort(), 'every role walked in this worker').toEqual(ROLES.map((r) => r.key).sort());
  expect(problems, problems.join('\n')).toEqual([]);
  // Every page template was reached by some role (a new page cannot slip by).
  const missing = TEMPLATES.map((t) => t.template).filter((t) => !covered.has(t) && !(t in NOT_REACHED_YET));
  expect(missing, `not reached: ${missing.join(', ')}\ncovered:\n${[...covered].map(([t, u]) => `${t} ← ${u}`).join('\n')}`).toEqual([]);
});

test('skip link, focus after form errors and after the human check', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await skip.press('Enter');
  await expect(page).toHaveURL(/#main$/);

  // Submitting an empty form: the first invalid field gets the focus and says it is invalid.
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const account = page.getByLabel('账号');
  await expect(account).toBeFocused();
  await expect(account).toHaveAttribute('aria-invalid', 'true');

  // After the human check passes, the focus is not lost to <body>.
  await account.fill('candidate');
  await page.getByLabel('密码').fill('Demo1234');
  await passCaptcha(page);
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});

test('大字模式: the larger text is remembered across pages and sign-in, and can be switched off', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: '大字模式' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(await rootSize()).toBe(16);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await rootSize()).toBe(20);
  // Another page, and after signing in: still large from the first paint.
  await signInWithPassword(page, 'candidate', 'Demo1234');
  await expect(page).toHaveURL(/\/portal/);
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  expect(await rootSize()).toBe(20);
  await page.getByRole('button', { name: '大字模式' }).click();
  await page.reload();
  await expect(page.locator('html')).not.toHaveAttribute('data-text-size', 'large');
  expect(await rootSize()).toBe(16);
});

test('print: an application page prints without the site around it', async ({ page }) => {
  await signInWithPassword(page, 'inspector', 'Insp1234');
  await expect(page).toHaveURL(/\/portal/);
  await page.goto('/portal/applications');
  await page.locator('a[href^="/portal/applications/"]').first().click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}/);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header').first()).toBeHidden();
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeHidden();
  await expect(page.locator('main')).toBeVisible();
  for (const b of await page.locator('main button').all()) await expect(b).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('header').first()).toBeVisible();
});
