import { expect, test } from '@playwright/test';
import { passCaptcha, signInWithPassword } from './helpers';

/**
 * Accessibility beyond axe's rules (issue #17 point 6): the skip link, where the
 * focus goes after form errors and the human check, 大字模式 remembered, and
 * print styles. (The axe walk over every route is a11y.spec.ts.)
 */

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
