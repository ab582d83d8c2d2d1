import { expect, test } from '@playwright/test';
import { fillInfoFields, newCandidateAtInfoStep } from './exam-helpers';

/**
 * The info step's form (native fields on useLightForm, no react-hook-form): a field is checked once the
 * candidate leaves it and again as it is corrected; saving checks every field and puts the focus on the
 * first one to correct, marked invalid and described by its message; a saved form comes back filled.
 */
test('the info step checks fields as they are left and focuses the first one to correct on save', async ({ page }) => {
  test.setTimeout(120_000);
  await newCandidateAtInfoStep(page, 'female');

  // Left with a bad value: its message appears; corrected: it goes.
  const mobile = page.getByLabel('手机号码');
  await mobile.fill('123');
  await mobile.blur();
  const mobileError = page.getByTestId('mobile-error');
  await expect(mobileError).toBeVisible();
  await expect(mobile).toHaveAttribute('aria-invalid', 'true');
  await mobile.fill('13800138000');
  await expect(mobileError).toHaveCount(0);
  await expect(mobile).not.toHaveAttribute('aria-invalid', 'true');

  // Saved with nothing chosen: the first field to correct (民族) takes the focus, with its message.
  await page.getByRole('button', { name: '保存' }).click();
  const ethnicity = page.getByLabel('民族');
  await expect(ethnicity).toBeFocused();
  await expect(ethnicity).toHaveAttribute('aria-invalid', 'true');
  await expect(ethnicity).toHaveAttribute('aria-describedby', 'ethnicity-error');
  await expect(page.getByTestId('ethnicity-error')).toHaveText('请选择民族');
  await expect(page).toHaveURL(/\/info$/);

  // The residence is a picker: when it is the first to correct, its province select takes the focus.
  await ethnicity.selectOption({ label: '汉族' });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByLabel('省', { exact: true })).toBeFocused();

  // Filled and saved (an enterprise invoice), then opened again: every value is back.
  await fillInfoFields(page);
  await page.getByLabel('企业').check();
  await page.getByLabel('发票抬头').fill('杭州示范检测技术有限公司');
  await page.getByLabel('纳税人识别号').fill('91330106MA2H1E6U3F');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\?saved=info$/);
  await page.goto(page.url().replace(/\?saved=info$/, '/info'));
  await expect(page.getByLabel('民族')).toHaveValue(/.+/);
  await expect(page.getByLabel('区县', { exact: true })).not.toHaveValue('');
  await expect(page.getByLabel('手机号码')).toHaveValue('13800138000');
  await expect(page.getByLabel('通讯地址')).toHaveValue('杭州市西湖区文三路1号');
  await expect(page.getByLabel('企业')).toBeChecked();
  await expect(page.getByLabel('纳税人识别号')).toHaveValue('91330106MA2H1E6U3F');
});
