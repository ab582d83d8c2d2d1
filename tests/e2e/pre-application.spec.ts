import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { randomCreditCode } from '@/db/seed/identity-data';
import { passCaptcha, signInWithPassword } from './helpers';

/** The href of the first link in the newest email to `to` whose URL contains `part`. */
async function mailLink(page: Page, to: string, part: string): Promise<string> {
  let href = '';
  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(to)}&channel=email`);
    const links = page.getByTestId('mailbox-body').first().getByRole('link');
    const all = await links.evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    href = all.find((h) => h.includes(part)) ?? '';
    expect(href).toContain(part);
  }).toPass({ timeout: 15_000 });
  return href;
}

async function mailText(page: Page, to: string, subjectPart: string): Promise<string> {
  let text = '';
  await expect(async () => {
    await page.goto(`/mailbox?to=${encodeURIComponent(to)}&channel=email`);
    text = (await page.getByTestId('mailbox-body').first().textContent({ timeout: 1000 })) ?? '';
    expect(await page.locator('body').textContent()).toContain(subjectPart);
  }).toPass({ timeout: 15_000 });
  return text;
}

test('a new institution pre-applies, verifies by email, is approved by a reviewer and signs in with the emailed credentials', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = crypto.randomBytes(3).toString('hex');
  const email = `lab-${tag}@example.com`;
  const name = `杭州精测检测技术有限公司${tag}`;

  // Entry: the 10-second notice, then the organization login with the module-A links.
  await page.goto('/login/accreditation');
  const accept = page.getByRole('dialog').getByTestId('forced-reading-accept');
  await expect(accept).toBeDisabled();
  await expect(accept).toBeEnabled({ timeout: 15_000 });
  await accept.click();
  await expect(page).toHaveURL(/\/login\?as=organization/);
  await page.getByRole('link', { name: '新机构用户注册' }).click();
  await expect(page).toHaveURL(/\/accreditation\/pre-application$/);
  await expect(page.getByTestId('preapp-notes')).toContainText('组织机构代码，请填写时去掉中间的“-”');

  // Submitting empty shows field errors in Chinese and sends nothing.
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('contact.name-error')).toHaveText('请输入联系人姓名');
  await expect(page.getByTestId('entity.code-error')).toHaveText('请输入统一社会信用代码或组织机构代码');
  await expect(page.getByText('请至少选择一项预申请业务')).toBeVisible();

  await page.getByLabel('联系人姓名').fill('王联系');
  await page.getByLabel('联系电话').fill('0571-88880000');
  await page.getByLabel('手机号码').fill('13812345678');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('申请主体名称').fill(name);
  await page.getByLabel('统一社会信用代码 / 组织机构代码').fill('12345678-9');
  await page.getByLabel('法定代表人').fill('赵法人');
  await page.getByLabel('通讯地址').fill('杭州市西湖区文三路1号');
  await page.getByLabel('实验室', { exact: true }).check();
  await page.getByLabel('检验机构', { exact: true }).check();
  await page.getByLabel('检验机构情况说明').fill('承压设备检验');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('entity.code-error')).toBeVisible();
  await expect(page.getByTestId('businessFields.laboratory.description-error')).toHaveText('请填写所选领域的相关情况说明');
  await page.getByLabel('统一社会信用代码 / 组织机构代码').fill(randomCreditCode());
  await page.getByLabel('实验室情况说明').fill('从事化学、物理检测，已建立管理体系');
  await passCaptcha(page);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page).toHaveURL(/\/accreditation\/pre-application\/submitted/);
  const number = /YSQ\d{10}/.exec((await page.getByRole('status').textContent())!)![0];
  // No email? A person to ask, not the email's own link (issue #18 §12).
  await expect(page.getByTestId('no-email-help')).toContainText('请联系我们：电话');
  await expect(page.getByTestId('no-email-help')).not.toContainText('邮件中的查看链接');

  // The reviewer does not see it before verification.
  const staff = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/queue?q=${number}`);
  await expect(staff.getByTestId('queue-table')).toContainText('没有符合条件的申请');

  // Verify from the email (the link opens a page; the button verifies once).
  await page.goto(await mailLink(page, email, '/accreditation/pre-application/verify?token='));
  await page.getByRole('button', { name: '确认验证' }).click();
  await expect(page.getByRole('status')).toContainText(`预申请 ${number} 已进入受理列表`);
  // … and a way onward from there.
  await expect(page.getByTestId('verify-onward').getByRole('link', { name: '返回认可业务页面' })).toHaveAttribute('href', '/modules/accreditation');
  await page.goto(await mailLink(page, email, '/accreditation/pre-application/view?token='));
  await expect(page.getByTestId('application-status')).toHaveText('待受理');
  await expect(page.getByTestId('progress-rail').locator('[aria-current="step"]')).toContainText('受理审核');

  // The reviewer finds it in the acceptance list, exports the list, and approves it.
  await staff.getByRole('link', { name: '申请受理' }).click();
  await staff.getByLabel('申请类型').selectOption('accreditationPreApplication');
  await staff.getByLabel('状态', { exact: true }).selectOption('pending');
  await staff.getByLabel('搜索申请人名称或申请编号').fill(name);
  await staff.getByRole('button', { name: '查询' }).click();
  const row = staff.getByTestId('queue-table').locator('tr', { hasText: number });
  await expect(row).toContainText('待受理');
  const download = staff.waitForEvent('download');
  await staff.getByRole('link', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^申请列表-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await file.path())!);
  const sheet = wb.worksheets[0];
  expect(sheet.getRow(1).values).toContain('申请编号');
  expect(sheet.getRow(2).getCell(1).value).toBe(number);
  expect(sheet.getRow(2).getCell(3).value).toBe(name);

  await row.getByRole('link', { name: /办理/ }).click();
  await expect(staff.getByTestId('application-summary')).toContainText('从事化学、物理检测');
  await expect(staff.getByTestId('flow-record')).toContainText('邮箱验证');
  await staff.getByRole('button', { name: '领取' }).click();
  await expect(staff.getByRole('button', { name: '退回公共队列' })).toBeVisible();
  // 不批准 without a reason: told what is missing beside the field, before any confirmation.
  await staff.getByRole('button', { name: '不批准', exact: true }).click();
  await expect(staff.getByTestId('review-opinion-error')).toHaveText('请填写审核意见：“不批准”须写明理由，申请人将看到这段意见。');
  await expect(staff.getByRole('alertdialog')).toHaveCount(0);
  await expect(staff.getByLabel('审核意见')).toBeFocused();
  await staff.getByLabel('审核意见').fill('材料齐全，同意');
  await staff.getByRole('button', { name: '批准', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('已批准');
  await expect(staff.getByTestId('flow-record')).toContainText('材料齐全，同意');
  // The application form as a PDF, for staff who may see it; not for anyone else.
  const pdfHref = (await staff.getByRole('link', { name: '预览申请表（PDF）' }).getAttribute('href'))!;
  const pdf = await staff.request.get(pdfHref);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect((await page.request.get(pdfHref)).status()).toBe(401);
  await staff.context().close();

  // The credentials email; first login forces a password change.
  const text = await mailText(page, email, '预申请已批准');
  const username = /用户名：(\S+)/.exec(text)![1];
  const password = /初始密码：(\S+)/.exec(text)![1];
  await signInWithPassword(page, username, password, 'organization');
  await expect(page).toHaveURL(/\/portal\/account\/password$/);
  await page.getByLabel('原密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('Lab2026new');
  await page.getByLabel('确认新密码').fill('Lab2026new');
  await page.getByRole('button', { name: '修改密码' }).click();
  // The forced change lands on the portal, which says it is done (issue #18 §12).
  await expect(page).toHaveURL(/\/portal\?passwordChanged=1$/);
  await expect(page.getByTestId('password-changed')).toHaveText('密码已修改，请牢记新密码。以后请使用新密码登录。');
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('current-user')).toHaveCount(0);

  await signInWithPassword(page, username, 'Lab2026new', 'organization');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId('current-user')).toHaveText(name);
  // The approved pre-application is in the institution's own list, with its flow record.
  await page.goto('/portal/applications');
  await page.getByTestId('my-applications').getByRole('link', { name: new RegExp(number) }).click();
  await expect(page.getByTestId('application-status')).toHaveText('已批准');
  await expect(page.getByTestId('flow-record')).toContainText('审核人员');
  await expect(page.getByTestId('flow-record')).not.toContainText('王敏');
  // The decision stored the form as issued (a job after commit): it is listed and downloads.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('application-documents')).toContainText(`认可预申请-${number}.pdf`, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const issued = await page.request.get((await page.getByTestId('application-documents').getByRole('link').first().getAttribute('href'))!);
  expect(issued.status()).toBe(200);
  expect((await issued.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
