import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';

test('an organization creates a sub-account with one module; the sub-account is refused the others', async ({ page, browser }) => {
  const username = `e2esub${Date.now().toString(36)}`;
  await signInWithPassword(page, 'orgdemo', 'Org12345', 'organization');
  await expect(page).toHaveURL(/\/portal$/);
  await page.getByRole('link', { name: '子账户管理' }).first().click();
  await page.getByLabel('姓名').fill('项目专员');
  await page.getByLabel('登录名').fill(username);
  await page.getByLabel('初始密码').fill('Init1234');
  await page.getByRole('group', { name: '可办理业务', exact: true }).getByLabel('鉴定评审').check();
  await page.getByRole('button', { name: '创建子账户' }).click();
  await expect(page.getByRole('status').filter({ hasText: '子账户已创建' })).toBeVisible();
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row.getByLabel('鉴定评审')).toBeChecked();
  await expect(row.getByLabel('企业会员与资质')).not.toBeChecked();

  const sub = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(sub, username, 'Init1234', 'organization');
  // Generated credentials: the password must be changed first.
  await expect(sub).toHaveURL(/\/portal\/account\/password$/);
  await expect(sub.getByText('为了账户安全，请先修改初始密码')).toBeVisible();
  await sub.goto('/portal/review');
  await expect(sub).toHaveURL(/\/portal\/account\/password$/);
  await sub.getByLabel('原密码').fill('Init1234');
  await sub.getByLabel('新密码', { exact: true }).fill('Mine5678');
  await sub.getByLabel('确认新密码').fill('Mine5678');
  await sub.getByRole('button', { name: '修改密码' }).click();
  await expect(sub).toHaveURL(/\/portal\?passwordChanged=1$/);
  await expect(sub.getByTestId('password-changed')).toBeVisible();

  const nav = sub.getByRole('navigation', { name: '申请人中心' }).first();
  await expect(nav.getByRole('link', { name: '鉴定评审' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '企业会员与资质' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '子账户管理' })).toHaveCount(0);
  await sub.goto('/portal/review');
  await expect(sub.getByRole('heading', { level: 1 })).toHaveText('鉴定评审');
  for (const path of ['/portal/membership', '/portal/accreditation']) {
    await sub.goto(path);
    await expect(sub.getByTestId('forbidden')).toContainText('未获授权');
  }
  await sub.goto('/portal/account/sub-accounts');
  await expect(sub.getByText('只有单位主账户可以管理子账户')).toBeVisible();

  // The main account withdraws the grant: the sub-account loses the module on its next request.
  await row.getByLabel('鉴定评审').uncheck();
  await expect(page.getByRole('status').filter({ hasText: '授权已保存' })).toBeVisible();
  await sub.goto('/portal/review');
  await expect(sub.getByTestId('forbidden')).toBeVisible();
  await sub.context().close();
});
