import { expect, test } from '@playwright/test';
import { newPerson, registerIndividualViaUi, signInWithPassword } from './helpers';

/*
 * The notification bell and pages. Nothing in the product notifies a brand-new
 * applicant yet (workflow notifications arrive with the workflow engine), so
 * this covers the bell and the list in their empty state and the mark-all-read
 * control; the integration suites cover notify / mark-read / reminders. When a
 * real flow notifies, extend this with: bell count > 0, open, follow the link,
 * count drops; mark all read on the page.
 */

test('a new applicant sees the bell with no unread notifications and the empty notification list', async ({ page }) => {
  const p = newPerson();
  await registerIndividualViaUi(page, p);
  await signInWithPassword(page, p.idNumber, p.password, 'individual');
  await expect(page).toHaveURL(/\/portal$/);

  const bell = page.getByTestId('notification-bell');
  await expect(bell).toBeVisible();
  await expect(bell).toHaveAttribute('data-unread', '0');
  await expect(bell).toHaveAccessibleName('通知（0 条未读）');
  await expect(page.getByTestId('notification-count')).toHaveCount(0);

  await bell.click();
  const popover = page.getByTestId('notification-popover');
  await expect(popover).toBeVisible();
  await expect(popover.getByText('暂无通知')).toBeVisible();
  await expect(popover.getByRole('button', { name: '全部标为已读' })).toBeDisabled();
  await popover.getByRole('link', { name: '查看全部通知' }).click();

  await expect(page).toHaveURL(/\/portal\/notifications$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('消息通知');
  await expect(page.getByTestId('notifications-empty')).toContainText('暂无通知');
  await expect(page.getByTestId('unread-summary')).toHaveText('共 0 条未读');
  await expect(page.getByTestId('mark-all-read')).toBeDisabled();
  await expect(page.getByTestId('notification-item')).toHaveCount(0);
});

test('the bell by keyboard: Enter and Space open it with focus inside, Escape closes it and focus returns; a second press closes it', async ({ page }) => {
  await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
  const bell = page.getByTestId('notification-bell');
  const popover = page.getByTestId('notification-popover');
  await expect(bell).toHaveAttribute('aria-expanded', 'false');
  // The popover's scripts are fetched when the bell is first about to open: it is not in the page until then.
  await expect(popover).toHaveCount(0);

  await bell.focus();
  await page.keyboard.press('Enter');
  await expect(popover).toBeVisible();
  await expect(bell).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => popover.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);
  await expect(bell).toBeFocused();
  await expect(bell).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press(' ');
  await expect(popover).toBeVisible();
  await expect.poll(() => popover.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(bell).toBeFocused();

  // The bell toggles: pressed again with the mouse, it closes (not closed by the outside press, then reopened).
  await bell.click();
  await expect(popover).toBeVisible();
  await bell.click();
  await expect(popover).toHaveCount(0);
  // A click elsewhere closes it too.
  await bell.click();
  await expect(popover).toBeVisible();
  await page.mouse.click(700, 600);
  await expect(popover).toHaveCount(0);
});

test('the notification page needs a signed-in account; staff have their own', async ({ page }) => {
  await page.goto('/portal/notifications');
  await expect(page).toHaveURL(/\/login\?next=%2Fportal/);

  await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
  await page.getByTestId('notification-bell').click();
  await page.getByTestId('notification-popover').getByRole('link', { name: '查看全部通知' }).click();
  await expect(page).toHaveURL(/\/staff\/notifications$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('消息通知');
  // An applicant's page is not a staff member's: the portal sends staff back to the console.
  await page.goto('/portal/notifications');
  await expect(page).toHaveURL(/\/staff$/);
});

test('an admin previews every email template, in HTML and as plain text with its links', async ({ page }) => {
  await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto('/staff/emails');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('邮件模板预览');
  const cards = page.getByTestId('email-template');
  // Every email the platform sends has its template here (the link emails and the bank-transfer return included), then the modules' own.
  await expect(cards).toHaveCount(12);
  await expect(page.locator('[data-template="qualificationOverdue"]')).toContainText('资质年审逾期通知');
  await expect(page.locator('[data-template="passwordReset"]')).toContainText('重置密码链接');
  await expect(page.locator('[data-template="bankTransferRejected"]')).toContainText('银行转账退回');
  await expect(page.locator('[data-template="refundResult"] pre')).toContainText('退费');

  const workflow = page.locator('[data-template="workflowStatus"]');
  await expect(workflow.locator('pre')).toContainText(/查看申请: http:\/\/localhost:\d+\/portal\//);
  await expect(workflow.frameLocator('iframe').getByRole('link', { name: '查看申请' })).toBeVisible();
  await expect(page.locator('[data-template="reminder"] pre')).toContainText('（北京时间）');
  await expect(page.locator('[data-template="credentials"] pre')).toContainText('首次登录须修改密码');
});
