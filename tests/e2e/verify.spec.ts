import { expect, test } from '@playwright/test';

// The public verification page the QR code on every generated PDF leads to.
// Found numbers (kind, status, masked name) are covered by tests/integration/pdf.test.ts.
test('anyone can look up a document number without signing in; an unknown number says so clearly', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /证书查询验证/ }).first().click();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.getByRole('heading', { name: '文件核验' })).toBeVisible();

  await page.getByLabel('编号').fill(' KY2026999999 ');
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page).toHaveURL(/\/verify\/KY2026999999$/);
  await expect(page.getByRole('status')).toContainText('未找到该编号的文件');
  await expect(page.getByRole('status')).toContainText('KY2026999999');
  // The form keeps the number for a corrected retry.
  await expect(page.getByLabel('编号')).toHaveValue('KY2026999999');
});
