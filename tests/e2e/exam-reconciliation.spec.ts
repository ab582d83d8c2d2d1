import { expect, test } from '@playwright/test';
import { chooseAndOrder, EXAM, fillInfo, newCandidateAtInfoStep } from './exam-helpers';
import { signInWithPassword } from './helpers';

/**
 * The payment that never comes back: the candidate pays at the cashier, whose
 * asynchronous notification is lost, and closes the tab before the browser
 * returns to us. Nobody presses 支付完毕. The payment loop (every 2 s in the
 * e2e server, asking after 4 s) queries the platform and settles the order;
 * finance sees it was settled by reconciliation.
 */
test('a payment whose notification is lost and whose tab is closed before returning is settled by reconciliation', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await newCandidateAtInfoStep(page, 'female');
  await fillInfo(page);
  await chooseAndOrder(page, ['A01 认证通用基础'], '北京');
  const orderNumber = (await page.getByTestId('unpaid-order').textContent())!.match(/DD\d+/)![0];
  const payUrl = page.url();
  expect(payUrl).toMatch(/\/portal\/exam\/[^/]+\/pay$/);

  // The cashier: lose the notification, pay, and close the tab before it returns to the merchant.
  await page.getByRole('button', { name: '去支付' }).click();
  await expect(page.getByText('模拟支付平台').first()).toBeVisible();
  await page.getByLabel(/模拟异步通知丢失/).check();
  // The cashier's form post reaches the platform, which takes the payment; its answer (the way
  // back to us) never reaches the browser, which is closed.
  let platformAnswered!: () => void;
  const paidAtPlatform = new Promise<void>((resolve) => (platformAnswered = resolve));
  await page.route(/\/pay\/sandbox\//, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const answer = await route.fetch();
    expect(answer.status()).toBe(200);
    await route.abort();
    platformAnswered();
  });
  await page.getByRole('button', { name: '支付', exact: true }).click();
  await paidAtPlatform;
  await page.close();

  // Later, in a new tab: the registration is paid without any click on 支付完毕.
  const tab = await page.context().newPage();
  await expect(async () => {
    await tab.goto(payUrl);
    await expect(tab.getByTestId('paid-registration')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await tab.goto('/portal/exam');
  await expect(tab.getByTestId('open-exams').locator('li', { hasText: EXAM }).getByTestId('exam-state')).toHaveText('已缴费');

  // Finance: the order is paid, and the payment was recorded by the reconciliation.
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const staff = await ctx.newPage();
  await signInWithPassword(staff, 'finance', 'Finance1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/payments?q=${orderNumber}`);
  const row = staff.getByTestId('payments-orders').locator(`tr[data-number="${orderNumber}"]`);
  await expect(row).toHaveAttribute('data-status', 'paid');
  await expect(row.getByTestId('payment-source')).toHaveText('对账补记');
  await ctx.close();

  // The receipt's QR code leads anyone to /verify/<order number>.
  const anonymous = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const verify = await anonymous.newPage();
  await verify.goto(`/verify/${orderNumber}`);
  const result = verify.getByTestId('verify-result');
  await expect(result).toContainText('电子收据');
  await expect(result).toContainText('已支付');
  await expect(result).toContainText('¥200.00');
  await anonymous.close();
});
