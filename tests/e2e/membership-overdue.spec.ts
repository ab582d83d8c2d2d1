import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';

/*
 * Module B · overdue annual review (资质年审逾期), on the demo enterprise whose
 * review is 20 days overdue (db/seed/demo-qualification-overdue.ts): the
 * enterprise sees the warning on its module-B home and in 我的任务; a module-B
 * reviewer finds it on 年审逾期, opens it, withdraws the warning with a reason
 * in the confirmation dialog (an empty reason is refused next to the field);
 * the enterprise's warning is gone, the list says the stage was withdrawn.
 */
const ENTERPRISE = { account: 'overduedemo', password: 'Overdue123', name: '合肥恒安安防工程有限公司' };

test('an overdue annual review: the enterprise is warned, staff withdraw the warning with a reason, the warning is gone', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInWithPassword(page, ENTERPRISE.account, ENTERPRISE.password, 'organization');
  await expect(page).toHaveURL(/\/portal$/);

  await page.goto('/portal/membership');
  const warning = page.getByTestId('qualification-overdue-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('资质年审逾期警告：已逾期20天');
  await expect(warning).toContainText('二级');
  await expect(warning).toContainText('逾期15天警告');
  await expect(warning.getByRole('link', { name: '提交资质年审' })).toHaveAttribute('href', '/portal/membership/qualification');

  // 我的任务 holds the review as a to-do.
  await page.goto('/portal/tasks');
  await expect(page.getByText('提交资质年审').first()).toBeVisible();
  await expect(page.getByText('已逾期20天').first()).toBeVisible();

  // A module-B reviewer handles it on 年审逾期.
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.getByRole('link', { name: '年审逾期' }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('年审逾期');
  await staff.getByLabel('企业 / 信用代码 / 证书编号').fill('恒安');
  await staff.getByRole('button', { name: '搜索' }).click();
  const row = staff.getByTestId('overdue-row').filter({ hasText: ENTERPRISE.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('逾期20天');
  await expect(row.locator('[data-stage="warn-15"]')).toContainText('逾期15天警告');
  await expect(row.locator('[data-stage="warn-15"]')).not.toHaveAttribute('data-reversed', 'true');
  await row.getByRole('link', { name: '处理' }).click();

  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(ENTERPRISE.name);
  const stage = staff.locator('[data-testid="overdue-plan-row"][data-stage="warn-15"]');
  await expect(stage).toHaveAttribute('data-state', 'fired');
  await stage.getByRole('button', { name: '撤销' }).click();
  const dialog = staff.getByRole('alertdialog');
  await expect(dialog).toContainText('撤销“逾期15天警告”');
  await expect(dialog).toContainText('撤销后企业首页不再显示该逾期警告');
  // No reason: refused next to the field, the dialog stays open.
  await dialog.getByRole('button', { name: '确认撤销' }).click();
  await expect(dialog.getByText('请填写撤销原因（至少2个字）')).toBeVisible();
  await dialog.getByLabel('撤销原因').fill('企业已提交纸质年审材料，待补录');
  await dialog.getByRole('button', { name: '确认撤销' }).click();
  await expect(dialog).toBeHidden();
  await expect(stage).toHaveAttribute('data-state', 'reversed');
  await expect(stage).toContainText('企业已提交纸质年审材料，待补录');
  await expect(stage.getByRole('button', { name: '撤销' })).toHaveCount(0);

  await staff.goto('/staff/membership/overdue?q=恒安');
  await expect(staff.getByTestId('overdue-row').filter({ hasText: ENTERPRISE.name }).locator('[data-stage="warn-15"]')).toHaveAttribute('data-reversed', 'true');
  await staff.context().close();

  // The enterprise's warning is gone; it is still asked to submit its review.
  await page.goto('/portal/membership');
  await expect(page.getByTestId('qualification-overdue-notice')).toContainText('资质年审已逾期20天');
  await expect(page.getByTestId('qualification-overdue-warning')).toHaveCount(0);
});
