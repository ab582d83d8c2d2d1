import { expect, test } from '@playwright/test';
import { chooseAndOrder, EXAM, fillInfo, newCandidateAtInfoStep } from './exam-helpers';
import { signInWithPassword } from './helpers';
import { expectAccessible } from './axe';

/**
 * Issue #17 · WeChat Pay in the sandbox. The candidate chooses 微信支付 at the
 * cashier step on a desktop, sees our QR page, "scans" with the sandbox's
 * button, confirms on the sandbox's WeChat page and comes back: the
 * asynchronous notification settles the order. Then the very notification the
 * platform sent is replayed to /api/payments/notify/sandbox: it is
 * acknowledged and changes nothing — one payment, the order paid as before.
 */
test('a WeChat Native payment in the sandbox settles the order, and a replayed notification does nothing', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await newCandidateAtInfoStep(page, 'male');
  await fillInfo(page);
  await chooseAndOrder(page, ['A01 认证通用基础'], '北京');
  const orderNumber = (await page.getByTestId('unpaid-order').textContent())!.match(/DD\d+/)![0];
  const payUrl = page.url();

  // The cashier step: both methods offered; choose 微信支付 (a desktop: a QR code).
  const picker = page.getByTestId('pay-method-picker');
  await expect(picker.getByRole('radio', { name: /支付宝/ })).toBeChecked();
  await picker.getByText('微信支付', { exact: true }).click();
  await expect(picker.getByRole('radio', { name: /微信支付/ })).toBeChecked();
  await expect(picker).toContainText('微信扫一扫付款');
  await picker.getByRole('button', { name: '去支付' }).click();

  // Our QR page: the order, its amount and a QR code to scan with WeChat.
  await expect(page).toHaveURL(new RegExp(`/pay/qr/${orderNumber}\\?`));
  await expectAccessible(page, '/pay/qr/[orderNumber]');
  await expect(page.getByRole('heading', { name: '微信扫码支付' })).toBeVisible();
  await expect(page.getByTestId('qr-amount')).toHaveText('¥200.00');
  await expect(page.getByRole('img', { name: `订单 ${orderNumber} 的微信支付二维码` })).toBeVisible();

  // The sandbox plays the phone: "scan", then confirm on the WeChat page.
  await page.getByRole('link', { name: '模拟扫码（沙箱）' }).click();
  await expect(page).toHaveURL(/\/pay\/sandbox\//);
  const cashierUrl = page.url();
  await expect(page.getByText('微信支付（模拟）')).toBeVisible();
  await expect(page.getByText('已扫码，请确认付款')).toBeVisible();
  await expect(page.getByTestId('cashier-amount')).toHaveText('¥200.00');
  await page.getByRole('button', { name: '确认支付' }).click();

  // Back on the exam's payment page; the notification settles the order (no 支付完毕 needed).
  await expect(page).toHaveURL(/\/portal\/exam\/[^/]+\/pay\?payResult=paid$/);
  await expect(async () => {
    await page.goto(payUrl);
    await expect(page.getByTestId('paid-registration')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // Finance: paid once, by WeChat Native — learned from the notification, or from the reconciliation loop when it
  // asked the provider first (the e2e server asks about an unpaid order after 4 s; on a loaded machine it can win).
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const staff = await ctx.newPage();
  await signInWithPassword(staff, 'finance', 'Finance1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  const financeRow = async () => {
    await staff.goto(`/staff/payments?q=${orderNumber}`);
    const rows = staff.getByTestId('payments-orders').locator(`tr[data-number="${orderNumber}"]`);
    await expect(rows).toHaveCount(1);
    return rows;
  };
  let row = await financeRow();
  await expect(row).toHaveAttribute('data-status', 'paid');
  await expect(row.getByTestId('pay-method')).toHaveText('微信支付（扫码）');
  await expect(row.getByTestId('payment-source')).toHaveText(/^(到账通知|对账补记)$/);
  const before = (await row.textContent())!;

  // The platform's notification, as the sandbox shows it once paid; replayed as is.
  await page.goto(cashierUrl);
  await expect(page.getByText('该订单已支付成功，请返回商户查看。')).toBeVisible();
  const sent = page.getByTestId('sandbox-notification');
  await sent.getByText('异步通知记录').click();
  const notifyPath = (await sent.getByTestId('sandbox-notification-url').textContent())!.trim();
  const body = (await sent.getByTestId('sandbox-notification-body').textContent())!.trim();
  expect(notifyPath).toBe('/api/payments/notify/sandbox');
  expect(body).toContain(`out_trade_no=${orderNumber}`);
  for (let i = 0; i < 2; i++) {
    const replay = await page.request.post(notifyPath, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: body });
    expect(replay.status()).toBe(200);
    expect((await replay.text()).trim()).toBe('success');
  }
  // A forged copy (the amount changed) is refused.
  const forged = await page.request.post(notifyPath, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: body.replace(/total_fen=\d+/, 'total_fen=1') });
  expect(forged.status()).toBe(400);

  // Nothing changed: still one paid order with the same payment, the registration paid.
  row = await financeRow();
  await expect(row).toHaveAttribute('data-status', 'paid');
  expect((await row.textContent())!).toBe(before);
  await ctx.close();
  await page.goto('/portal/exam');
  await expect(page.getByTestId('open-exams').locator('li', { hasText: EXAM }).getByTestId('exam-state')).toHaveText('已缴费');
});

/** On a phone-width screen the same choice opens the H5 page (WeChat) of the sandbox instead of the QR code. */
test.describe('on a phone', () => {
  test('微信支付 opens the sandbox H5 cashier, which settles the order', async ({ page }) => {
    test.setTimeout(180_000);
    await newCandidateAtInfoStep(page, 'female');
    await fillInfo(page);
    await chooseAndOrder(page, ['A01 认证通用基础'], '北京');
    const payUrl = page.url();
    // The candidate continues on a phone-width screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const picker = page.getByTestId('pay-method-picker');
    await expect(picker).toContainText('跳转到支付宝付款');
    await picker.getByText('微信支付', { exact: true }).click();
    await expect(picker).toContainText('跳转到微信付款');
    await picker.getByRole('button', { name: '去支付' }).click();
    await expect(page).toHaveURL(/\/pay\/sandbox\//);
    await expect(page.getByText('模拟支付平台 · 手机 H5 支付')).toBeVisible();
    await page.getByRole('button', { name: '确认支付' }).click();
    await expect(page).toHaveURL(/payResult=paid$/);
    await expect(async () => {
      await page.goto(payUrl);
      await expect(page.getByTestId('paid-registration')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  });
});
