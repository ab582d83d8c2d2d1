import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';

const staffNav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: '工作人员控制台' }).first();

test('an admin creates a finance member who signs in with the one-time password, must change it, and shows up in the audit log', async ({ page, browser }) => {
  const username = `e2estaff${Date.now().toString(36)}`;
  await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
  await staffNav(page).getByRole('link', { name: '用户与角色' }).click();
  await expect(page).toHaveURL(/\/staff\/users$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('用户与角色');

  await page.getByLabel('姓名', { exact: true }).fill('钱会计');
  await page.getByLabel('登录名', { exact: true }).fill(username);
  await page.getByRole('group', { name: '角色', exact: true }).getByLabel('财务', { exact: true }).check();
  await page.getByRole('button', { name: '创建工作人员' }).click();

  const secret = page.getByTestId('one-time-password');
  await expect(secret).toBeVisible();
  await expect(secret).toContainText('只显示这一次');
  await expect(secret.getByRole('button', { name: '复制' })).toBeVisible();
  const password = (await secret.getByTestId('one-time-password-value').textContent())?.trim() ?? '';
  expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row.locator('[data-role="finance"]')).toHaveText('财务');
  await expect(row).toContainText('待改密');
  // Dismissed, the password is gone for good.
  await secret.getByRole('button', { name: '我已记下，关闭' }).click();
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(password)).toHaveCount(0);

  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login\?as=staff/);

  // The new member: forced to change the generated password first.
  await signInWithPassword(page, username, password, 'staff');
  await expect(page).toHaveURL(/\/staff\/account\/password$/);
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/account\/password$/);
  await page.getByLabel('原密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('Mine5678x');
  await page.getByLabel('确认新密码').fill('Mine5678x');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page).toHaveURL(/\/staff\?passwordChanged=1$/);
  await expect(page.getByTestId('password-changed')).toHaveText('密码已修改，请牢记新密码。以后请使用新密码登录。');
  await expect(page.getByTestId('current-user')).toHaveText('钱会计');
  // A finance member has no user administration.
  await expect(staffNav(page).getByRole('link', { name: '用户与角色' })).toHaveCount(0);
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login\?as=staff/);

  // The admin finds both events in the audit log and exports it.
  const adminPage = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
  await signInWithPassword(adminPage, 'admin', 'Admin1234', 'staff');
  await expect(adminPage).toHaveURL(/\/staff$/);
  await staffNav(adminPage).getByRole('link', { name: '审计日志' }).click();
  await expect(adminPage).toHaveURL(/\/staff\/audit$/);

  await adminPage.getByLabel('操作', { exact: true }).selectOption('staff.*');
  await adminPage.getByRole('button', { name: '搜索' }).click();
  await expect(adminPage).toHaveURL(/action=staff\.\*/);
  const created = adminPage.locator('tr[data-action="staff.created"]').filter({ hasText: username });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('新建工作人员');
  await expect(created).toContainText('admin');

  await adminPage.getByLabel('操作', { exact: true }).selectOption('');
  await adminPage.getByLabel('操作人').fill(username);
  await adminPage.getByRole('button', { name: '搜索' }).click();
  await expect(adminPage).toHaveURL(new RegExp(`actor=${username}`));
  const logins = adminPage.locator(`tr[data-action="auth.login"][data-actor="${username}"]`);
  await expect(logins).toHaveCount(1);
  await expect(logins).toContainText('登录成功');
  await expect(adminPage.locator(`tr[data-action="account.password_changed"][data-actor="${username}"]`)).toHaveCount(1);

  const download = adminPage.waitForEvent('download');
  await adminPage.getByTestId('audit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^审计日志-\d{8}\.xlsx$/);
  expect(await file.failure()).toBeNull();

  // The export itself is audited.
  await adminPage.goto('/staff/audit?action=audit.exported');
  await expect(adminPage.locator('tr[data-action="audit.exported"]').first()).toContainText(username);
  await adminPage.context().close();
});

test('the finance demo account has no user administration and is refused its pages and the export', async ({ page }) => {
  await signInWithPassword(page, 'finance', 'Finance1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
  const nav = staffNav(page);
  await expect(nav.getByRole('link', { name: '工作台' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '用户与角色' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '审计日志' })).toHaveCount(0);
  for (const path of ['/staff/users', '/staff/audit']) {
    await page.goto(path);
    await expect(page.getByTestId('forbidden')).toContainText('无权访问');
    await expect(page.getByTestId('staff-users')).toHaveCount(0);
    await expect(page.getByTestId('audit-log')).toHaveCount(0);
  }
  const res = await page.request.get('/staff/audit/export');
  expect(res.status()).toBe(403);
  expect(res.headers()['content-type']).toContain('text/plain');
  // Signed out, the export asks for a sign-in.
  const anon = await page.context().browser()!.newContext();
  const anonRes = await anon.request.get(`${new URL(page.url()).origin}/staff/audit/export`);
  expect(anonRes.status()).toBe(401);
  await anon.close();
});
