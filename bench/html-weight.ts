import zlib from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config';
import type { BenchRow, BenchScenario } from './run';

/**
 * HTML weight (issue #17 point 7): the bytes of a page's document — markup plus
 * the React Server Components payload inlined in it, where the messages handed to
 * NextIntlClientProvider are serialized — for the home page, login, the portal
 * home and two console pages, signed in as the demo candidate and the demo admin.
 *
 *   E2E_PORT=3430 EMBEDDED_S3_PORT=4930 node scripts/e2e-server.mjs
 *   BENCH_APP_URL=http://localhost:3430 npm run bench -- html-weight
 *
 * Raw bytes (asked without compression) and their gzip size (level 6, about what
 * the server sends), the median of BENCH_N fetches (default 3) each; server time
 * to the whole document is printed too but depends on the machine's load.
 */

const APP = process.env.BENCH_APP_URL ?? 'http://localhost:3430';
const N = Number(process.env.BENCH_N ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function signIn(browser: Browser, as: 'individual' | 'staff', user: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${APP}/login?as=${as}`);
  await page.getByLabel('账号').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('captcha').click();
  await page.getByTestId('captcha').filter({ hasText: /验证通过/ }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(as === 'staff' ? /\/staff/ : /\/portal/);
  await page.close();
  return context;
}

const scenario: BenchScenario = {
  title: 'HTML weight of the platform pages',
  async run() {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      const anonymous = await browser.newContext({ locale: 'zh-CN' });
      const candidate = await signIn(browser, 'individual', 'candidate', 'Demo1234');
      const admin = await signIn(browser, 'staff', 'admin', 'Admin1234');
      const pages: Array<[string, BrowserContext]> = [
        ['/', anonymous],
        ['/login', anonymous],
        ['/notices', anonymous],
        ['/portal', candidate],
        ['/portal/exam', candidate],
        ['/staff', admin],
        ['/staff/queue', admin],
      ];
      const rows: BenchRow[] = [];
      for (const [url, context] of pages) {
        const raw: number[] = [];
        const gz: number[] = [];
        const ms: number[] = [];
        for (let i = 0; i < N; i++) {
          const t0 = performance.now();
          const res = await context.request.get(`${APP}${url}`, { headers: { 'accept-encoding': 'identity' }, maxRedirects: 0 });
          const body = await res.body();
          ms.push(performance.now() - t0);
          if (res.status() !== 200) throw new Error(`${url} answered ${res.status()}`);
          raw.push(body.length);
          gz.push(zlib.gzipSync(body).length);
        }
        rows.push({ page: url, 'HTML KB': (median(raw) / 1024).toFixed(1), 'gzip KB': (median(gz) / 1024).toFixed(1), 'server ms': Math.round(median(ms)) });
      }
      return { rows, notes: [`Median of ${N} fetches per page; candidate = demo candidate, staff pages as the demo admin.`] };
    } finally {
      await browser.close();
    }
  },
};

export default scenario;
