import fs from 'node:fs';
import { expect, test, type Route } from '@playwright/test';
import { signInWithPassword } from './helpers';

/** A datetime-local value in Beijing time. */
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
const DAY = 24 * 3600_000;

test('an exam administrator sets up an exam with a session, two subjects and an area, and publishes it', async ({ page }) => {
  const name = `认证人员注册考试（E2E ${Date.now().toString(36)}）`;
  const now = Date.now();
  const examDay = beijing(new Date(now + 40 * DAY)).slice(0, 10);

  await signInWithPassword(page, 'examadmin', 'Exam1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);

  await page.goto('/staff/exams');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('考试管理');
  await page.getByRole('link', { name: '新建考试' }).click();
  await expect(page).toHaveURL(/\/staff\/exams\/new$/);

  await page.getByLabel('考试名称').fill(name);
  await page.getByLabel('考试开始日期').fill(examDay);
  await page.getByLabel('考试结束日期').fill(examDay);
  await page.getByLabel('报名开始时间').fill(beijing(new Date(now - 3600_000)));
  // Registration closing after the exam starts is refused next to the field, before anything is sent.
  await page.getByLabel('报名截止时间').fill(`${examDay}T10:00`);
  await page.getByLabel('考生须知').fill('一、请如实填写报名信息。\n\n二、请按时参加考试。');
  await page.getByRole('button', { name: '创建考试' }).click();
  await expect(page.getByTestId('exam-registrationClosesAt-error')).toHaveText(`报名须在考试开始日期（${examDay}）之前截止`);
  await page.getByLabel('报名截止时间').fill(beijing(new Date(now + 20 * DAY)));
  await page.getByLabel('退费开始时间').fill(beijing(new Date(now - 3600_000)));
  await page.getByLabel('退费截止时间').fill(beijing(new Date(now + 25 * DAY)));
  await page.getByRole('button', { name: '创建考试' }).click();

  await expect(page).toHaveURL(/\/staff\/exams\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('exam-status')).toHaveText('草稿');
  await expect(page.getByTestId('publish-needs')).toContainText('发布前请至少添加一个场次');
  await expect(page.getByRole('button', { name: '发布', exact: true })).toBeDisabled();

  // A session on the exam day.
  const sessions = page.getByTestId('sessions-editor');
  await sessions.getByRole('button', { name: '添加场次' }).click();
  await sessions.getByLabel('场次名称').fill('上午场');
  await sessions.getByLabel('开始时间', { exact: true }).fill(`${examDay}T09:00`);
  await sessions.getByLabel('结束时间', { exact: true }).fill(`${examDay}T11:30`);
  await sessions.getByRole('button', { name: '保存' }).click();
  await expect(sessions.getByRole('status')).toHaveText('场次已添加');
  await expect(sessions.getByTestId('session-block')).toContainText('上午场');

  // Two subjects; a fee with three decimals is refused.
  await sessions.getByRole('button', { name: '添加科目' }).click();
  await sessions.getByLabel('科目代码').fill('A01');
  await sessions.getByLabel('科目名称').fill('认证通用基础');
  await sessions.getByLabel('报名费（元）').fill('200.123');
  await sessions.getByRole('button', { name: '保存' }).click();
  await expect(sessions.getByText('报名费最多保留两位小数（精确到分）')).toBeVisible();
  await sessions.getByLabel('报名费（元）').fill('200');
  // The list's reload after a save is held back here: until it is in, the editor's controls wait, so a click cannot
  // land on a row that is about to move down (a CI run's 添加科目 click hit the new row instead and was lost).
  const examPath = new URL(page.url()).pathname;
  const slowRefresh = async (route: Route) => {
    if (route.request().method() === 'GET' && route.request().headers()['rsc'] === '1') await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  };
  const onExamPage = (u: URL) => u.pathname === examPath;
  await page.route(onExamPage, slowRefresh);
  await sessions.getByRole('button', { name: '保存' }).click();
  await expect(sessions.getByRole('status')).toHaveText('科目已添加');
  await expect(sessions.getByRole('button', { name: '添加科目' })).toBeDisabled();
  await expect(sessions.getByRole('cell', { name: 'A01' })).toBeVisible();
  await expect(sessions.getByRole('button', { name: '添加科目' })).toBeEnabled();
  await page.unroute(onExamPage, slowRefresh);

  await sessions.getByRole('button', { name: '添加科目' }).click();
  await sessions.getByLabel('科目代码').fill('a02');
  await sessions.getByLabel('科目名称').fill('产品认证基础');
  await sessions.getByLabel('报名费（元）').fill('150.5');
  await sessions.getByRole('button', { name: '保存' }).click();
  await expect(sessions.getByRole('status')).toHaveText('科目已添加');
  const subjects = sessions.getByRole('table', { name: '上午场 的科目' });
  await expect(subjects.getByRole('row', { name: /A01 认证通用基础 ¥200\.00/ })).toBeVisible();
  await expect(subjects.getByRole('row', { name: /A02 产品认证基础 ¥150\.50/ })).toBeVisible();

  // An area: choosing the city fills the name.
  const areas = page.getByTestId('areas-editor');
  await areas.getByRole('button', { name: '添加考区' }).click();
  await areas.getByLabel('所在城市').selectOption({ label: '杭州市' });
  await expect(areas.getByLabel('考区名称')).toHaveValue('杭州');
  await areas.getByLabel('容量', { exact: true }).fill('300');
  await areas.getByRole('button', { name: '保存' }).click();
  await expect(areas.getByRole('status')).toHaveText('考区已添加');
  await expect(areas.getByRole('row', { name: /杭州 浙江省 杭州市 300 0 300/ })).toBeVisible();

  // Publish, confirmed.
  await expect(page.getByTestId('publish-needs')).toHaveCount(0);
  await page.getByRole('button', { name: '发布', exact: true }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(`发布「${name}」？`);
  await confirm.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByTestId('exam-actions').getByRole('status')).toHaveText('考试已发布');
  await expect(page.getByTestId('exam-status')).toHaveText('已发布');

  // After publishing, the subjects can still be edited (no order yet); the staff list shows it open.
  await page.goto('/staff/exams');
  const row = page.getByTestId('exam-row').filter({ hasText: name });
  await expect(row.getByTestId('exam-status')).toHaveText('已发布');
  await expect(row).toContainText('报名中');

  // The (empty) registration list and its Excel export.
  await row.getByRole('link', { name }).click();
  await page.getByRole('link', { name: '报名名单' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('报名名单');
  await expect(page.getByText('共 0 条')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('registrations-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(fs.readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');
});

test('staff without the exam role are turned away', async ({ page }) => {
  await signInWithPassword(page, 'finance', 'Finance1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto('/staff/exams');
  await expect(page.getByTestId('forbidden')).toContainText('仅考务管理员和系统管理员可以管理考试。');
});
