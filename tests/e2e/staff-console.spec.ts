import { expect, test, type Page } from '@playwright/test';
import { signInWithPassword } from './helpers';

/**
 * The staff console (issue #17): bulk decisions from the queue.
 */

/** A figure of the dashboard's 各类申请按状态 table (0 when the row is absent). */
async function stateFigure(staff: Page, row: string): Promise<number> {
  const table = staff.getByTestId('chart-states-table');
  const cell = table.getByRole('row', { name: new RegExp(`^${row} `) });
  if ((await cell.count()) === 0) return 0;
  return Number((await cell.getByRole('link').textContent())!.trim());
}

async function openDashboard(staff: Page) {
  await staff.goto('/staff');
  const states = staff.getByTestId('chart-states');
  await expect(states).toBeVisible();
  await states.getByRole('button', { name: '显示数据表' }).click();
}

/** Submits one business-field change as the signed-in institution; returns its number. */
async function submitFieldChange(page: Page, note: string, field = '实验室'): Promise<{ number: string; url: string }> {
  await page.goto('/portal/field-change/new');
  await page.getByLabel(field, { exact: true }).check();
  await page.getByLabel(`${field}情况说明`).fill(note);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('待审核');
  const number = (await page.locator('h1 + span.font-mono').first().textContent())!.trim();
  return { number, url: page.url() };
}

test('a bulk approve of 20 applications, 2 of them withdrawn meanwhile, reports 18 done and 2 refused', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signInWithPassword(page, 'orgdemo', 'Org12345', 'organization');
  await expect(page).toHaveURL(/\/portal$/);
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  // The dashboard's figures before: the test's own 20 applications are counted on top of them.
  await openDashboard(staff);
  const approvedBefore = await stateFigure(staff, '业务领域变更 · 已批准');
  const withdrawnBefore = await stateFigure(staff, '业务领域变更 · 已撤回');
  const submittedBefore = await stateFigure(staff, '业务领域变更 · 待审核');

  const apps: Array<{ number: string; url: string }> = [];
  for (let i = 1; i <= 20; i++) apps.push(await submitFieldChange(page, `校准实验室第${i}批`));
  await openDashboard(staff);
  expect(await stateFigure(staff, '业务领域变更 · 待审核')).toBe(submittedBefore + 20);
  await staff.goto('/staff/queue?kind=accreditationFieldChange&status=submitted&limit=100');
  const bulk = staff.getByRole('form', { name: '批量处理' });
  await expect(bulk).toBeVisible();
  for (const a of apps) await staff.getByRole('checkbox', { name: `选择 ${a.number}` }).check();
  await expect(staff.getByTestId('bulk-count')).toHaveText('已选 20 件');

  // Meanwhile the institution withdraws two of them.
  for (const a of [apps[4], apps[13]]) {
    await page.goto(a.url);
    await page.getByRole('button', { name: '撤回申请' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
    await expect(page.getByTestId('application-status')).toHaveText('已撤回');
  }

  await bulk.getByLabel('批量操作').selectOption({ label: '批准' });
  await bulk.getByLabel(/处理意见/).fill('材料齐全，同意');
  await bulk.getByRole('button', { name: '执行' }).click();
  const dialog = staff.getByRole('alertdialog');
  await expect(dialog).toContainText('确认批量批准');
  await expect(dialog).toContainText('将对所选 20 件申请逐件执行“批准”');
  await dialog.getByRole('button', { name: '确认' }).click();
  const result = staff.getByTestId('bulk-result');
  await expect(result).toContainText('18 件已处理，2 件未处理');
  await expect(result).toContainText(`${apps[4].number} 状态已变更`);
  await expect(result).toContainText(`${apps[13].number} 状态已变更`);
  await expect(staff.getByTestId('bulk-refused').getByRole('listitem')).toHaveCount(2);

  // Each approved one carries its own decision in its flow record; the withdrawn ones stay withdrawn.
  await page.goto(apps[0].url);
  await expect(page.getByTestId('application-status')).toHaveText('已批准');
  await expect(page.getByTestId('flow-record')).toContainText('材料齐全，同意');
  await page.goto(apps[4].url);
  await expect(page.getByTestId('application-status')).toHaveText('已撤回');
  // The dashboard counts them: 18 more approved, 2 more withdrawn, the 20 no longer waiting.
  await openDashboard(staff);
  expect(await stateFigure(staff, '业务领域变更 · 已批准')).toBe(approvedBefore + 18);
  expect(await stateFigure(staff, '业务领域变更 · 已撤回')).toBe(withdrawnBefore + 2);
  expect(await stateFigure(staff, '业务领域变更 · 待审核')).toBe(submittedBefore);
  // The figure links to the list behind it: the queue filtered on that kind and state, with as many rows.
  const approved = approvedBefore + 18;
  await staff.getByTestId('chart-states-table').getByRole('row', { name: /^业务领域变更 · 已批准 / }).getByRole('link').click();
  await expect(staff).toHaveURL(/\/staff\/queue\?kind=accreditationFieldChange&status=approved/);
  await expect(staff.getByTestId('queue-table').locator('tbody tr')).toHaveCount(approved);
  for (const a of [apps[0], apps[19]]) await expect(staff.getByTestId('queue-table')).toContainText(a.number);
  await expect(staff.getByTestId('queue-table')).not.toContainText(apps[4].number);
});

test('a delegated reviewer approves on the reviewer’s behalf: the flow record says so, and the admin sees the active delegation', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const username = `e2esub${Date.now().toString(36)}`;

  // The admin creates a second reviewer (every module), who signs in and sets their own password.
  const admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(admin, 'admin', 'Admin1234', 'staff');
  await expect(admin).toHaveURL(/\/staff$/);
  await admin.goto('/staff/users');
  await admin.getByLabel('姓名', { exact: true }).fill('孙代理');
  await admin.getByLabel('登录名', { exact: true }).fill(username);
  await admin.getByRole('group', { name: '角色', exact: true }).getByLabel('审核员 · 认可预申请', { exact: true }).check();
  await admin.getByRole('button', { name: '创建工作人员' }).click();
  const password = (await admin.getByTestId('one-time-password-value').textContent())!.trim();
  const substitute = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(substitute, username, password, 'staff');
  await expect(substitute).toHaveURL(/\/staff\/account\/password$/);
  await substitute.getByLabel('原密码').fill(password);
  await substitute.getByLabel('新密码', { exact: true }).fill('Subst5678x');
  await substitute.getByLabel('确认新密码').fill('Subst5678x');
  await substitute.getByRole('button', { name: '修改密码' }).click();
  await expect(substitute).toHaveURL(/\/staff\?passwordChanged=1$/);

  // An institution submits; the reviewer claims it, then names the substitute for today.
  await signInWithPassword(page, 'orgdemo', 'Org12345', 'organization');
  await expect(page).toHaveURL(/\/portal$/);
  // The first test's approvals gave the institution 实验室: this one asks for another field.
  const app = await submitFieldChange(page, '代理办理测试', '能力验证提供者');
  const reviewer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(reviewer, 'reviewer', 'Review1234', 'staff');
  await expect(reviewer).toHaveURL(/\/staff$/);
  await reviewer.goto(`/staff/queue?q=${app.number}`);
  await reviewer.getByTestId('queue-table').getByRole('link', { name: new RegExp(app.number) }).click();
  await reviewer.getByRole('button', { name: '领取' }).click();
  await expect(reviewer.getByText('审核员 王敏').first()).toBeVisible();
  await reviewer.goto('/staff/delegations');
  const form = reviewer.getByTestId('delegation-form');
  await form.getByLabel('委托角色').selectOption({ label: '审核人员（认可预申请）' });
  await form.getByLabel('代理人').selectOption({ label: '孙代理' });
  await form.getByLabel('开始日期').fill(today);
  await form.getByLabel('结束日期').fill(today);
  await form.getByLabel('事由').fill('外出培训');
  await form.getByRole('button', { name: '设置代理' }).click();
  await expect(reviewer.getByText('代理已设置')).toBeVisible();

  // The substitute approves the reviewer's application: recorded on the reviewer's behalf.
  await substitute.goto(`/staff/queue?q=${app.number}`);
  await substitute.getByTestId('queue-table').getByRole('link', { name: new RegExp(app.number) }).click();
  await substitute.getByRole('button', { name: '批准', exact: true }).click();
  await substitute.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(substitute.getByTestId('application-status')).toHaveText('已批准');
  await expect(substitute.getByTestId('flow-record')).toContainText('代 审核员 王敏 办理');
  await page.goto(app.url);
  await expect(page.getByTestId('application-status')).toHaveText('已批准');

  // The admin sees it among the active delegations (dashboard card and the filtered list).
  await admin.goto('/staff');
  const card = admin.getByTestId('active-delegations');
  await expect(card).toContainText('孙代理 ← 审核员 王敏');
  await card.getByRole('link', { name: '查看生效中的代理' }).click();
  await expect(admin).toHaveURL(/\/staff\/delegations\?state=active$/);
  const row = admin.getByTestId('delegations').getByRole('row', { name: /孙代理/ });
  await expect(row).toContainText('审核员 王敏');
  await expect(row).toContainText('生效中');
});
