import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { EXAM, fillInfoFields, uploadIdPhoto } from '../tests/e2e/exam-helpers';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config';
import type { BenchRow, BenchScenario } from './run';

/**
 * Page weight (issue #17 point 7): the platform's pages against a bare
 * Next.js 16 page (bench/bare-next, built and served by this scenario with
 * the same Next.js), measured in the same run on the same machine.
 *
 * Needs the platform running (production build), e.g.
 *   E2E_PORT=3430 EMBEDDED_S3_PORT=4930 node scripts/e2e-server.mjs   (or npm start)
 *   BENCH_APP_URL=http://localhost:3430 npm run bench -- page-weight
 *
 * Per page, in Chromium as a phone (390×844, touch): JS bytes over the wire
 * (scripts' encoded body and headers), requests, LCP (median of BENCH_N loads,
 * default 3, each in a fresh context so nothing is cached), and Lighthouse
 * 12 mobile performance and accessibility scores (median of BENCH_LH_RUNS
 * runs, default 3, default mobile throttling). The exam steps are measured signed in as the demo
 * candidate, whose registration for the open demo exam the scenario first
 * walks up to the payment step, so each step renders its own page.
 *
 * The machine needs a Simplified Chinese font (Debian: `apt-get install
 * fonts-noto-cjk`), as every phone and PC in China has one. Without it
 * Chromium asks the system for a fallback font for each distinct Chinese
 * character and finds none: the exam's info step (200 country names in its
 * select) spent 3,781 font look-ups and two layouts of 218 and 257 ms on that,
 * against 16 look-ups and one 141 ms layout with the font (BENCHMARKS.md,
 * 2026-12-06 late). The scenario refuses to run without one, unless
 * BENCH_ALLOW_NO_CJK_FONT=1.
 */

const APP = process.env.BENCH_APP_URL ?? 'http://localhost:3430';
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3431);
const BARE = `http://localhost:${BARE_PORT}`;
const N = Number(process.env.BENCH_N ?? 3);
const LH_PORT = Number(process.env.BENCH_LH_PORT ?? 9333);
const LH_RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };

/** The installed fonts that cover Simplified Chinese (fontconfig), e.g. ['Noto Sans CJK SC', …]. */
function cjkFonts(): string[] {
  const r = spawnSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  if (r.status !== 0) return [];
  return [...new Set(r.stdout.split('\n').map((l) => l.split(',')[0].trim()).filter(Boolean))].sort();
}

/** The flags every browser of this project starts with, plus the port Lighthouse drives. */
const ARGS = [...CHROMIUM_ARGS, `--remote-debugging-port=${LH_PORT}`];

type Sample = { js: number; requests: number; lcp: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

async function waitFor(url: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

/** Builds and starts the bare reference app. */
async function startBare(): Promise<ChildProcess> {
  const dir = path.join(__dirname, 'bare-next');
  const next = path.join(__dirname, '..', 'node_modules', 'next', 'dist', 'bin', 'next');
  const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' };
  // Built once (the page never changes): BENCH_REBUILD=1 builds it again.
  if (process.env.BENCH_REBUILD === '1' || !fs.existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    const b = spawnSync(process.execPath, [next, 'build', dir], { stdio: 'ignore', env });
    if (b.status !== 0) throw new Error('building bench/bare-next failed');
  }
  const child = spawn(process.execPath, [next, 'start', dir, '-p', String(BARE_PORT)], { stdio: 'ignore', env });
  await waitFor(BARE);
  return child;
}

/** One cold load in a fresh context: JS bytes, requests, LCP. */
async function sample(browser: Browser, url: string, cookies: Awaited<ReturnType<BrowserContext['cookies']>>): Promise<Sample> {
  const context = await browser.newContext(PHONE);
  if (cookies.length) await context.addCookies(cookies);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  let js = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.requestWillBeSent', () => requests++);
  cdp.on('Network.loadingFinished', (e) => {
    if (types.get(e.requestId) === 'Script') js += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  // A step not open yet sends the candidate on (a client-side redirect): measure where it lands.
  await page.waitForLoadState('load');
  const readLcp = () =>
    page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? 0);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(0), 3000);
      }),
    );
  const lcp = await readLcp().catch(async () => {
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    return readLcp();
  });
  await context.close();
  return { js, requests, lcp };
}

type LhRun = { performance: number; accessibility: number; fcp: number; lcp: number; tbt: number; si: number };

/** Lighthouse's scores and the simulated metrics they come from (ms). */
async function lighthouseScores(url: string, cookieHeader: string): Promise<LhRun> {
  const { default: lighthouse } = (await import('lighthouse')) as unknown as {
    default: (
      url: string,
      flags: Record<string, unknown>,
    ) => Promise<{ lhr: { categories: Record<string, { score: number | null }>; audits: Record<string, { numericValue?: number }> } } | undefined>;
  };
  const r = await lighthouse(url, {
    port: LH_PORT,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    extraHeaders: cookieHeader ? { Cookie: cookieHeader } : undefined,
  });
  const c = r?.lhr.categories ?? {};
  const a = r?.lhr.audits ?? {};
  const v = (id: string) => a[id]?.numericValue ?? 0;
  return {
    performance: Math.round((c.performance?.score ?? 0) * 100),
    accessibility: Math.round((c.accessibility?.score ?? 0) * 100),
    fcp: v('first-contentful-paint'),
    lcp: v('largest-contentful-paint'),
    tbt: v('total-blocking-time'),
    si: v('speed-index'),
  };
}

/**
 * Signs in as the demo candidate (account, password, the proof-of-work check), finds the open demo exam
 * and walks its registration up to the payment step (notice accepted, info saved, a subject and an area
 * chosen, no order yet), so that every step page is measured as the candidate sees it rather than as a
 * redirect back to the notice. Run again on the same data, the walk finds the registration and goes on.
 */
async function candidate(browser: Browser): Promise<{ cookies: Awaited<ReturnType<BrowserContext['cookies']>>; steps: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: APP });
  const page = await context.newPage();
  await page.goto(`${APP}/login?as=individual`);
  await page.getByLabel('账号').fill('candidate');
  await page.getByLabel('密码').fill('Demo1234');
  await page.getByTestId('captcha').click();
  await page.getByTestId('captcha').filter({ hasText: /验证通过/ }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(/\/portal/);
  await page.goto(`${APP}/portal/exam`);
  // The demo exam open for registration (db/seed/demo-exam.ts), as tests/e2e/exam-helpers.ts finds it.
  const link = page.getByTestId('open-exams').locator('li', { hasText: EXAM }).getByRole('link', { name: '报名' });
  const href = (await link.count()) ? await link.getAttribute('href') : null;
  if (href) await walkToPayment(page, `${APP}${href}`);
  const cookies = await context.cookies();
  await context.close();
  const exam = href ?? '/portal/exam';
  return { cookies, steps: ['/portal/exam', exam, ...(href ? ['info', 'subjects', 'area', 'pay'].map((s) => `${exam}/${s}`) : [])] };
}

/** The registration up to the payment step (the same steps as tests/e2e/exam-helpers.ts), each only if not done yet. */
async function walkToPayment(page: Page, exam: string) {
  await page.goto(exam);
  const undertaking = page.getByLabel('我已了解并知悉上述内容并承诺');
  if (await undertaking.isVisible()) {
    // The notice is accepted only once the candidate's ID photo is confirmed.
    await uploadIdPhoto(page);
    await page.goto(exam);
    await undertaking.check();
    await page.getByRole('button', { name: '接受并开始报名' }).click();
    await page.waitForURL(/\/info$/);
    await fillInfoFields(page);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\?saved=info$/);
  }
  await page.goto(`${exam}/subjects`);
  if (/\/subjects$/.test(page.url()) && !(await page.getByLabel('A02 审核知识').isChecked())) {
    await page.getByLabel('A02 审核知识').check();
    await page.getByRole('button', { name: '保存科目' }).click();
    await page.waitForURL(/\?saved=subjects$/);
  }
  await page.goto(`${exam}/area`);
  if (/\/area$/.test(page.url()) && !(await page.getByLabel('北京').isChecked())) {
    await page.getByLabel('北京').check();
    await page.getByRole('button', { name: '保存考区' }).click();
    await page.waitForURL(/\?saved=area$/);
  }
  await page.goto(`${exam}/pay`);
  if (!/\/pay$/.test(page.url())) throw new Error(`the demo registration did not reach the payment step (at ${page.url()})`);
}

const scenario: BenchScenario = {
  title: 'Page weight against a bare Next.js 16 page',
  async run() {
    const fonts = cjkFonts();
    if (!fonts.length && process.env.BENCH_ALLOW_NO_CJK_FONT !== '1') {
      throw new Error('no Chinese font on this machine (fc-list :lang=zh-cn is empty): install one (apt-get install -y fonts-noto-cjk) or set BENCH_ALLOW_NO_CJK_FONT=1 to measure the fallback look-ups too');
    }
    await waitFor(`${APP}/api/health`);
    const bare = await startBare();
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
    try {
      const signedIn = await candidate(browser);
      const cookieHeader = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const pages: Array<{ name: string; url: string; signed: boolean }> = [
        { name: 'bare Next 16 page', url: BARE, signed: false },
        { name: 'home /', url: `${APP}/`, signed: false },
        { name: 'login /login', url: `${APP}/login`, signed: false },
        { name: 'notices /notices', url: `${APP}/notices`, signed: false },
        ...signedIn.steps.map((s) => ({ name: `exam step ${s.replace(/[0-9a-f-]{36}/, '[id]')}`, url: `${APP}${s}`, signed: true })),
      ];
      const rows: BenchRow[] = [];
      let base: { js: number; requests: number; lcp: number } | undefined;
      // BENCH_PAGES=info,pay measures only the pages whose name contains one of the words (the bare page always).
      const only = process.env.BENCH_PAGES?.split(',').filter(Boolean);
      for (const p of pages.filter((q, i) => i === 0 || !only || only.some((w) => q.name.includes(w)))) {
        const samples: Sample[] = [];
        for (let i = 0; i < N; i++) samples.push(await sample(browser, p.url, p.signed ? signedIn.cookies : []));
        const m = { js: median(samples.map((s) => s.js)), requests: median(samples.map((s) => s.requests)), lcp: median(samples.map((s) => s.lcp)) };
        base ??= m;
        // Lighthouse's own advice: the median of several runs (one run varies by several points).
        const runs: LhRun[] = [];
        for (let i = 0; i < LH_RUNS; i++) runs.push(await lighthouseScores(p.url, p.signed ? cookieHeader : ''));
        const lh = (k: keyof LhRun) => median(runs.map((r) => r[k]));
        rows.push({
          page: p.name,
          'JS KB': (m.js / 1024).toFixed(1),
          'JS ×': (m.js / base.js).toFixed(2),
          requests: m.requests,
          'req ×': (m.requests / base.requests).toFixed(2),
          'LCP ms': Math.round(m.lcp),
          'LCP ×': (m.lcp / base.lcp).toFixed(2),
          'LH perf': lh('performance'),
          'LH a11y': lh('accessibility'),
          // Lighthouse's simulated mobile metrics behind the score (slow 4G, 4× CPU), median of the runs.
          'LH FCP s': (lh('fcp') / 1000).toFixed(2),
          'LH LCP s': (lh('lcp') / 1000).toFixed(2),
          'LH SI s': (lh('si') / 1000).toFixed(2),
          'LH TBT ms': Math.round(lh('tbt')),
        });
      }
      const ratios = (k: 'JS ×' | 'req ×' | 'LCP ×') => median(rows.slice(1).map((r) => Number(r[k]))).toFixed(2);
      return {
        rows,
        notes: [
          `Median over the platform's pages: JS ${ratios('JS ×')}×, requests ${ratios('req ×')}×, LCP ${ratios('LCP ×')}× the bare page. ${N} cold loads per page (median), Lighthouse median of ${LH_RUNS} runs per page (mobile).`,
          `Chinese fonts on this machine: ${fonts.length ? fonts.join(', ') : 'none (each Chinese character costs a fallback look-up)'}.`,
        ],
      };
    } finally {
      await browser.close();
      bare.kill('SIGTERM');
    }
  },
};

export default scenario;
