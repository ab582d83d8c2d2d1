import { expect, test } from '@playwright/test';

test.describe('forced-reading notice (module A login)', () => {
  test('the accept button is disabled for 10 s, the notice cannot be dismissed, and accepting leads to the organization login', async ({ page }) => {
    await page.goto('/modules/accreditation');
    await page.getByRole('link', { name: '实验室/检验机构用户登录' }).click();
    await expect(page).toHaveURL(/\/login\/accreditation$/);

    const dialog = page.getByRole('dialog', { name: '实验室/检验机构用户登录须知' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('预申请');
    const accept = dialog.getByTestId('forced-reading-accept');
    await expect(accept).toBeDisabled();
    await expect(accept).toHaveText(/请仔细阅读（(10|9) 秒）/);
    const shownAt = Date.now();

    // No way out before the countdown ends: Esc, an outside click, no close button.
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: '关闭' })).toHaveCount(0);
    await expect(accept).toBeDisabled();

    await expect(accept).toBeEnabled({ timeout: 15_000 });
    expect(Date.now() - shownAt).toBeGreaterThan(8_000);
    await expect(accept).toHaveText('我已阅读并同意');
    await accept.click();

    await expect(page).toHaveURL(/\/login\?as=organization/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/portal/accreditation');
    await expect(page.getByRole('link', { name: '机构用户', exact: true })).toHaveAttribute('aria-current', 'page');
  });
});
