import { expect, test, type Page } from '@playwright/test';
import { chooseAndOrder, fillInfo, openRegistration, uploadIdPhoto } from './exam-helpers';
import { newPerson, passCaptcha, registerIndividualViaUi, signInWithPassword } from './helpers';
import { pdfText, squash } from '../helpers/pdf-text';
import { expectAccessible } from './axe';

/**
 * Issue #18 §2 and §3: after registration closes a candidate's exams stay in
 * their list; staff release the admission tickets; the candidate is told
 * (in-app, SMS) and downloads each ticket from the list; two exams held on
 * the same day give different ticket numbers.
 */
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
const DAY = 24 * 3600_000;

/** An exam open for registration now with one session, one subject (A01, ¥100) and one area (杭州), published. */
async function createExam(staff: Page, name: string, examDay: string): Promise<string> {
  const now = Date.now();
  await staff.goto('/staff/exams/new');
  await staff.getByLabel('考试名称').fill(name);
  await staff.getByLabel('考试开始日期').fill(examDay);
  await staff.getByLabel('考试结束日期').fill(examDay);
  await staff.getByLabel('报名开始时间').fill(beijing(new Date(now - 3600_000)));
  await staff.getByLabel('报名截止时间').fill(beijing(new Date(now + 20 * DAY)));
  await staff.getByLabel('考生须知').fill('一、请携带身份证件参加考试。');
  await staff.getByRole('button', { name: '创建考试' }).click();
  await expect(staff).toHaveURL(/\/staff\/exams\/[0-9a-f-]{36}\?created=1$/);
  const id = /exams\/([0-9a-f-]{36})/.exec(staff.url())![1];
  const sessions = staff.getByTestId('sessions-editor');
  await sessions.getByRole('button', { name: '添加场次' }).click();
  await sessions.getByLabel('场次名称').fill('上午场');
  await sessions.getByLabel('开始时间', { exact: true }).fill(`${examDay}T09:00`);
  await sessions.getByLabel('结束时间', { exact: true }).fill(`${examDay}T11:30`);
  await sessions.getByRole('button', { name: '保存' }).click();
  await expect(sessions.getByRole('status')).toHaveText('场次已添加');
  await sessions.getByRole('button', { name: '添加科目' }).click();
  await sessions.getByLabel('科目代码').fill('A01');
  await sessions.getByLabel('科目名称').fill('认证通用基础');
  await sessions.getByLabel('报名费（元）').fill('100');
  await sessions.getByRole('button', { name: '保存' }).click();
  await expect(sessions.getByRole('status')).toHaveText('科目已添加');
  const areas = staff.getByTestId('areas-editor');
  await areas.getByRole('button', { name: '添加考区' }).click();
  await areas.getByLabel('所在城市').selectOption({ label: '杭州市' });
  await areas.getByLabel('容量', { exact: true }).fill('50');
  await areas.getByRole('button', { name: '保存' }).click();
  await expect(areas.getByRole('status')).toHaveText('考区已添加');
  await staff.getByRole('button', { name: '发布', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '发布', exact: true }).click();
  await expect(staff.getByTestId('exam-status')).toHaveText('已发布');
  return id;
}

/** Registration closes: staff move its end to a minute ago (time passing, in a test). */
async function closeRegistration(staff: Page, id: string) {
  await staff.goto(`/staff/exams/${id}/edit`);
  await staff.getByLabel('报名截止时间').fill(beijing(new Date(Date.now() - 60_000)));
  await staff.getByRole('button', { name: '保存' }).click();
  await expect(staff).toHaveURL(new RegExp(`/staff/exams/${id}\\?saved=1$`));
}

async function releaseTickets(staff: Page, id: string, name: string) {
  await staff.goto(`/staff/exams/${id}`);
  await staff.getByRole('button', { name: '发放准考证' }).click();
  const dialog = staff.getByRole('alertdialog');
  await expect(dialog).toContainText(`为「${name}」发放准考证？`);
  await dialog.getByRole('button', { name: '发放准考证' }).click();
  await expect(staff.getByTestId('exam-actions').getByRole('status')).toHaveText('准考证已发放');
}

test('after registration closes the exams stay listed; released tickets are announced and download from the list, with different numbers for two exams on the same day', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const tag = Date.now().toString(36);
  const names = [`同日考试甲（${tag}）`, `同日考试乙（${tag}）`];
  const examDay = beijing(new Date(Date.now() + 40 * DAY)).slice(0, 10);

  const staffCtx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const staff = await staffCtx.newPage();
  await signInWithPassword(staff, 'examadmin', 'Exam1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  const ids = [await createExam(staff, names[0], examDay), await createExam(staff, names[1], examDay)];

  // A candidate registers for and pays both exams.
  const p = newPerson('female');
  await registerIndividualViaUi(page, p);
  await signInWithPassword(page, p.idNumber, p.password);
  await expect(page).toHaveURL(/\/portal$/);
  await uploadIdPhoto(page);
  for (const name of names) {
    await openRegistration(page, name);
    await fillInfo(page);
    await chooseAndOrder(page, ['A01 认证通用基础'], '杭州');
    await page.getByRole('button', { name: '去支付' }).click();
    await page.getByRole('button', { name: '支付', exact: true }).click();
    await expect(page).toHaveURL(/\/pay\?payResult=paid/);
    await page.getByRole('button', { name: '支付完毕' }).click();
    await expect(page.getByTestId('paid-registration')).toBeVisible();
  }

  // Registration closes: the exams stay in the candidate's list, paid, without a ticket yet.
  for (const id of ids) await closeRegistration(staff, id);
  await page.goto('/portal/exam');
  for (const name of names) {
    const row = page.getByTestId('open-exams').locator('li', { hasText: name });
    await expect(row).toContainText('（报名已结束）');
    await expect(row.getByTestId('exam-state')).toHaveText('已缴费');
    await expect(row.getByTestId('exam-ticket')).toHaveCount(0);
  }

  // Staff release the tickets of both.
  for (const [i, id] of ids.entries()) await releaseTickets(staff, id, names[i]);
  // One registration as the exam admin sees it.
  await staff.goto(`/staff/exams/${ids[0]}/registrations`);
  await staff.locator('tbody a[href*="/registrations/"]').first().click();
  await expect(staff).toHaveURL(new RegExp(`/staff/exams/${ids[0]}/registrations/[0-9a-f-]{36}$`));
  await expectAccessible(staff, '/staff/exams/[id]/registrations/[registrationId]');
  await staffCtx.close();

  // The candidate is told: the bell, the notification list, an SMS; and 我的任务 has 打印准考证.
  await page.goto('/portal/notifications');
  for (const name of names) await expect(page.getByTestId('notification-list')).toContainText(`准考证已发放：${name}`);
  await expect(page.getByTestId('notification-bell')).not.toHaveAttribute('data-unread', '0');
  await expect(async () => {
    const sms = await page.request.get(`/mailbox?to=${p.mobile}&channel=sms`);
    expect(await sms.text()).toContain('准考证已发放');
  }).toPass({ timeout: 20_000 });
  await page.goto('/portal/tasks');
  await expect(page.getByTestId('tasks-todo').locator('li', { hasText: names[0] })).toContainText('打印准考证');

  // From the exam list: each ticket downloads; the two numbers differ though both exams are held on the same day.
  await page.goto('/portal/exam');
  const numbers: string[] = [];
  for (const name of names) {
    const row = page.getByTestId('open-exams').locator('li', { hasText: name });
    await expect(row.getByTestId('exam-state')).toHaveText('准考证可打印');
    const href = (await row.getByTestId('exam-ticket').getAttribute('href'))!;
    const pdf = await page.request.get(href);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = squash(await pdfText(await pdf.body()));
    expect(text).toContain(name);
    numbers.push(/准考证号(ZKZ\d{14,})/.exec(text)![1]);
  }
  const day = examDay.replace(/-/g, '');
  expect(numbers[0]).toMatch(new RegExp(`^ZKZ${day}\\d{6,}$`));
  expect(numbers[1]).toMatch(new RegExp(`^ZKZ${day}\\d{6,}$`));
  expect(numbers[0]).not.toBe(numbers[1]);
  // Each number verifies to its own exam.
  for (const [i, n] of numbers.entries()) {
    await page.goto(`/verify/${n}`);
    await expect(page.getByTestId('verify-result')).toContainText(names[i]);
    await expect(page.getByTestId('verify-result')).not.toContainText(names[1 - i]);
  }
});

test('a candidate who forgot the account finds it from the login page by the bound mobile (seed 003 找回密码/账户)', async ({ page, browser }) => {
  const p = newPerson('male');
  await registerIndividualViaUi(page, p);
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const visitor = await ctx.newPage();
  await visitor.goto('/login?as=individual');
  await visitor.getByRole('link', { name: '找回账户' }).click();
  await expect(visitor).toHaveURL(/\/recover\/account$/);
  await visitor.getByLabel('账户绑定的手机号').fill(p.mobile);
  // The sign-up sent this number a code a moment ago: within the resend interval (2 s on the e2e server) the page
  // says to wait and asks for the human check again, and the visitor tries once more, as a person would.
  await expect(async () => {
    await passCaptcha(visitor);
    await visitor.getByTestId('send-sms-code').click();
    await expect(visitor.getByText(`验证码已发送至 ${p.mobile}`)).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  const phone = await ctx.newPage();
  await expect(async () => {
    await phone.goto(`/mailbox?to=${p.mobile}&channel=sms`);
    await expect(phone.getByTestId('mailbox-body').first()).toContainText('找回账户', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const code = /验证码为(\d{6})/.exec((await phone.getByTestId('mailbox-body').first().textContent())!)![1];
  await visitor.getByLabel('短信验证码').fill(code);
  await visitor.getByRole('button', { name: '找回账户' }).click();
  const found = visitor.getByTestId('found-account');
  await expect(found).toContainText(`${p.idNumber.slice(0, 3)}***********${p.idNumber.slice(-4)}`);
  await expect(found).toContainText(p.mobile);
  await ctx.close();
});
