import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomCreditCode } from '@/db/seed/identity-data';
import { chooseAndOrder, fillInfo, openRegistration, uploadIdPhoto } from './exam-helpers';
import { newPerson, passCaptcha, registerIndividualViaUi, signInWithPassword } from './helpers';
import { pdfText, squash } from '../helpers/pdf-text';

/**
 * Issue #18 §1 and §7, as a new user meets them: the production server
 * started on a port other than 3000 with no APP_URL. Every link it generates
 * must lead back to it — the pre-application's verify link, the cashier's way
 * back, the receipt's verification address — and the sandbox's asynchronous
 * notification must reach it (so the payment is settled by that
 * notification: the payment loop is off here, and nobody presses 支付完毕).
 *
 * This spec starts its own server (E2E_OTHER_PORT, default E2E_PORT + 10) on
 * a fresh database, after a fixture gave one candidate 20 paid receipts.
 */
const root = path.resolve(__dirname, '..', '..');
const mainPort = Number(process.env.E2E_PORT ?? 3100);
const PORT = Number(process.env.E2E_OTHER_PORT ?? mainPort + 10);
const S3_PORT = Number(process.env.E2E_OTHER_S3_PORT ?? Number(process.env.EMBEDDED_S3_PORT ?? 4579) + 10);
const BASE = `http://localhost:${PORT}`;
const dataDir = path.join(root, 'data', `e2e-other-${PORT}`);

let server: ChildProcess | undefined;
let serverLog = '';
let receiptsHolder: { idNumber: string; password: string; receipts: number };

function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    EMBEDDED_S3_DIR: path.join(dataDir, 's3'),
    EMBEDDED_S3_PORT: String(S3_PORT),
    OUTBOX_POLL_MS: '200',
    MAILBOX_OPEN: 'true',
    SMS_RESEND_SECONDS: '2',
    CAPTCHA_MAX_NUMBER: '20000',
    // Off: an order here is settled by the sandbox's notification or not at all.
    PAYMENT_RECONCILE_SECONDS: '0',
    LOG_LEVEL: 'info',
  };
  // The point of this spec: no APP_URL (nor anything derived from it).
  delete env.APP_URL;
  delete env.NEXTAUTH_URL;
  delete env.DATABASE_URL;
  delete env.S3_ENDPOINT;
  return env;
}

async function waitForHealth(timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`server exited (${server.exitCode}):\n${serverLog.slice(-4000)}`);
    if (Date.now() > until) throw new Error(`server not healthy on ${BASE}:\n${serverLog.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  // 20 paid receipts for one candidate, through the platform's own code, before the server opens the database.
  const out = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'tests/e2e/fixtures/receipts.ts'], { cwd: root, env: { ...serverEnv(), LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 240_000 });
  receiptsHolder = JSON.parse(out.trim().split('\n').pop()!);
  server = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => (serverLog = (serverLog + b.toString()).slice(-200_000));
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  await waitForHealth(240_000);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (server!.kill('SIGKILL'), resolve()), 10_000);
      server!.once('exit', () => (clearTimeout(timer), resolve()));
    });
  }
});

async function contextOn(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Every link in the newest email to `to` (absolute URLs as the mailbox shows them). */
async function mailLinks(page: Page, to: string, part: string): Promise<string[]> {
  let all: string[] = [];
  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(to)}&channel=email`);
    all = await page.getByTestId('mailbox-body').first().getByRole('link').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    expect(all.some((h) => h.includes(part))).toBe(true);
  }).toPass({ timeout: 15_000 });
  return all;
}

test('with no APP_URL on another port: the pre-application email links, the cashier’s way back, the sandbox notification and the receipt’s QR all lead to this server', async ({ browser }) => {
  test.setTimeout(240_000);
  const ctx = await contextOn(browser);
  const page = await ctx.newPage();

  // Pre-application → the email's verify link → verified.
  const tag = crypto.randomBytes(3).toString('hex');
  const email = `port-${tag}@example.com`;
  await page.goto('/accreditation/pre-application');
  await page.getByLabel('联系人姓名').fill('王联系');
  await page.getByLabel('联系电话').fill('0571-88880000');
  await page.getByLabel('手机号码').fill('13812345678');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('申请主体名称').fill(`端口测试检测有限公司${tag}`);
  await page.getByLabel('统一社会信用代码 / 组织机构代码').fill(randomCreditCode());
  await page.getByLabel('法定代表人').fill('赵法人');
  await page.getByLabel('通讯地址').fill('杭州市西湖区文三路1号');
  await page.getByLabel('实验室', { exact: true }).check();
  await page.getByLabel('实验室情况说明').fill('从事化学、物理检测');
  await passCaptcha(page);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page).toHaveURL(/\/accreditation\/pre-application\/submitted/);
  const links = await mailLinks(page, email, '/accreditation/pre-application/verify?token=');
  // Every link of the email names this server, none the default port.
  for (const href of links.filter((h) => /^https?:/.test(h))) expect(href.startsWith(`${BASE}/`), href).toBe(true);
  const verify = links.find((h) => h.includes('/verify?token='))!;
  await page.goto(verify);
  await page.getByRole('button', { name: '确认验证' }).click();
  await expect(page.getByRole('status')).toContainText('已进入受理列表');

  // A candidate pays at the sandbox cashier: the browser comes back to this server.
  const p = newPerson('male');
  await registerIndividualViaUi(page, p);
  await signInWithPassword(page, p.idNumber, p.password);
  await expect(page).toHaveURL(/\/portal$/);
  await uploadIdPhoto(page);
  await openRegistration(page);
  await fillInfo(page);
  await chooseAndOrder(page, ['A01 认证通用基础'], '北京');
  const orderNumber = (await page.getByTestId('unpaid-order').textContent())!.match(/DD\d+/)![0];
  await page.getByRole('button', { name: '去支付' }).click();
  await expect(page.getByText('模拟支付平台').first()).toBeVisible();
  await page.getByRole('button', { name: '支付', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${BASE}/portal/exam/[^/]+/pay\\?payResult=paid$`));
  // Settled without 支付完毕 and with the payment loop off: only the notification can have done it.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('paid-registration')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  expect(serverLog).not.toContain('sandbox notification failed');

  // Finance: the payment's source is the asynchronous notification.
  const staffCtx = await contextOn(browser);
  const staff = await staffCtx.newPage();
  await signInWithPassword(staff, 'finance', 'Finance1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/payments?q=${orderNumber}`);
  const row = staff.getByTestId('payments-orders').locator(`tr[data-number="${orderNumber}"]`);
  await expect(row).toHaveAttribute('data-status', 'paid');
  await expect(row.getByTestId('payment-source')).toHaveText('到账通知');
  await staffCtx.close();

  // The receipt: its verification address (the QR code's payload, printed under it) is this server's /verify/<number>.
  const receiptHref = (await page.getByRole('link', { name: '电子收据' }).getAttribute('href'))!;
  const receipt = await page.request.get(receiptHref);
  expect(receipt.headers()['content-type']).toBe('application/pdf');
  const text = squash(await pdfText(await receipt.body()));
  expect(text).toContain(`核验网址：${BASE}/verify/${orderNumber}`);
  expect(text).not.toContain('localhost:3000');
  const verified = await page.request.get(`${BASE}/verify/${orderNumber}`);
  expect(verified.status()).toBe(200);
  expect(await verified.text()).toContain('已支付');

  // Once, at start or at the first request: a log line if APP_URL and the request address differ (here they agree).
  expect(serverLog).not.toContain('APP_URL mismatch');
  await ctx.close();
});

test('the notifications page with 20 receipts listed never asks the server for a receipt PDF (issue #18 §7)', async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await contextOn(browser);
  const page = await ctx.newPage();
  await signInWithPassword(page, receiptsHolder.idNumber, receiptsHolder.password);
  await expect(page).toHaveURL(/\/portal$/);
  const pdfRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/payments\/orders\/[^/]+\/receipt/.test(r.url())) pdfRequests.push(r.url());
  });
  await page.goto('/portal/notifications');
  await page.waitForLoadState('networkidle', { timeout: 10_000 });
  const items = page.getByTestId('notification-item');
  await expect(items).toHaveCount(20);
  const receiptLinks = page.getByTestId('notification-list').locator('a[href*="/receipt"]');
  await expect(receiptLinks).toHaveCount(20);
  // Scrolled through and hovered (Next prefetches links in view and on hover): still no PDF asked for.
  for (const link of await receiptLinks.all()) await link.hover();
  await page.waitForLoadState('networkidle', { timeout: 10_000 });
  // The bell's list links to receipts too.
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-popover')).toBeVisible();
  for (const link of await page.getByTestId('notification-popover').locator('a[href*="/receipt"]').all()) await link.hover();
  await page.waitForLoadState('networkidle', { timeout: 10_000 });
  expect(pdfRequests).toEqual([]);
  // Following one link fetches that one PDF.
  const href = (await receiptLinks.first().getAttribute('href'))!;
  const pdf = await page.request.get(href);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await ctx.close();
});
