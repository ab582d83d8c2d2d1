import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { axeFindings, WIDE } from './axe';
import { signInWithPassword } from './helpers';

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
  orgdemo: ['/portal/membership/info-change/new'],
  admin: ['/staff/notifications', '/staff/emails', '/staff/legacy'],
  anonymous: ['/login', '/login?as=organization', '/login?as=staff', '/register', '/register/individual', '/register/organization', '/recover', '/recover/account', '/recover/reset?token=invalid', '/activate?token=invalid', '/account/confirm-email?token=invalid', '/accreditation/pre-application/verify?token=invalid', '/accreditation/pre-application/view?token=invalid', '/accreditation/pre-application/submitted', '/accreditation/retrieve/reset?token=invalid', '/login/accreditation', '/mailbox', '/verify', '/verify/NOT-A-NUMBER', '/m/upload/invalid-token', '/help'],
};

/**
 * Routes that exist only once a flow has created their state (an unpaid order,
 * a draft of one's own): the spec that walks that flow checks the page there
 * with `expectAccessible(page, template)` (tests/e2e/axe.ts), which asserts it
 * is on that route and that axe finds nothing at either width. The last test
 * here checks that each named spec makes that call.
 */
const CHECKED_IN_FLOWS: Record<string, string> = {
  '/pay/sandbox/[orderNumber]': 'exam-registration.spec.ts',
  '/pay/qr/[orderNumber]': 'payment-methods.spec.ts',
  '/portal/exam/[examId]/info': 'exam-registration.spec.ts',
  '/portal/exam/[examId]/subjects': 'exam-registration.spec.ts',
  '/portal/exam/[examId]/area': 'exam-registration.spec.ts',
  '/portal/exam/[examId]/pay': 'exam-registration.spec.ts',
  '/portal/exam/[examId]/change-area': 'exam-registration.spec.ts',
  '/pay/transfer/[orderNumber]': 'membership.spec.ts',
  '/portal/field-change/[id]': 'field-change.spec.ts',
  '/portal/membership/apply': 'membership.spec.ts',
  '/portal/membership/[id]/delivery': 'membership.spec.ts',
  '/portal/membership/[id]/edit': 'membership.spec.ts',
  '/portal/membership/certificate-loss/[id]/edit': 'membership-changes.spec.ts',
  '/portal/membership/filing/[id]/edit': 'membership-changes.spec.ts',
  '/portal/membership/info-change/[id]/edit': 'membership-changes.spec.ts',
  '/portal/personnel/requests/[id]/edit': 'personnel-reissue.spec.ts',
  '/portal/review/projects/[id]/edit': 'review.spec.ts',
  '/staff/exams/[id]/registrations/[registrationId]': 'exam-tickets.spec.ts',
};

/** `explore`: the role's own items (a returned application of its own) are found from pages other roles have checked already, so it opens those again (unchecked) to follow their links. */
type Role = { key: string; login?: [string, string, 'individual' | 'organization' | 'staff']; home: string; explore?: boolean };
const ROLES: Role[] = [
  { key: 'anonymous', home: '/' },
  { key: 'candidate', login: ['candidate', 'Demo1234', 'individual'], home: '/portal' },
  { key: 'inspector', login: ['inspector', 'Insp1234', 'individual'], home: '/portal' },
  { key: 'orgdemo', login: ['orgdemo', 'Org12345', 'organization'], home: '/portal' },
  { key: 'memberpay', login: ['memberpay', 'Member123', 'organization'], home: '/portal' },
  { key: 'qualreturn', login: ['qualreturn', 'Qual12345', 'organization'], home: '/portal', explore: true },
  { key: 'tester', login: ['tester', 'Test1234', 'individual'], home: '/portal', explore: true },
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
    const already = key === template && covered.has(template);
    if (seen.has(key) || (already && !(role.explore && template.startsWith('/portal')))) continue;
    seen.add(key);
    const response = await page.goto(url);
    expect(response?.status(), `${url} as ${role.key}`).toBeLessThan(500);
    // An exam step not open yet sends the candidate back on the client (router.replace): let that happen before the page is judged.
    if (template.startsWith('/portal/exam/[examId]/')) await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    const landed = new URL(page.url());
    if (landed.pathname !== pathname) {
      // Redirected (e.g. to sign-in or a step not open yet): the page it lands on is what gets checked.
      const t = templateOf(landed.pathname);
      if (!t) continue;
    }
    const landedTemplate = templateOf(landed.pathname)!;
    if (!covered.has(landedTemplate)) covered.set(landedTemplate, `${role.key} ${landed.pathname}${landed.search}`);
    if (!already) {
      for (const f of await axeFindings(page, role.key)) note(f);
      fs.appendFileSync(LOG, `  checked [${role.key}] ${landed.pathname}${landed.search}\n`);
    }
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
  expect.soft(problems, problems.join('\n')).toEqual([]);
  // Every page template was reached by some role or is checked by the flow that creates its state (a new page cannot slip by).
  const missing = TEMPLATES.map((t) => t.template).filter((t) => !covered.has(t) && !(t in CHECKED_IN_FLOWS));
  for (const [template, spec] of Object.entries(CHECKED_IN_FLOWS)) {
    const source = fs.readFileSync(path.resolve(__dirname, spec), 'utf8');
    expect.soft(source, `${spec} checks ${template}`).toMatch(new RegExp(`expectAccessible\\(\\w+, '${template.replace(/[[\]]/g, '\\$&')}'\\)`));
  }
  expect(missing, `not reached: ${missing.join(', ')}\ncovered:\n${[...covered].map(([t, u]) => `${t} ← ${u}`).join('\n')}`).toEqual([]);
});
