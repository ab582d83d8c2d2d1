import { expect, test } from '@playwright/test';
import { pdfText, squash } from '../helpers/pdf-text';
import { signInWithPassword } from './helpers';
import { attachPerson, uploadInto } from './membership-helpers';

/**
 * Module B 资质申请 in Chromium. The demo enterprise 芜湖新锐安防技术有限公司
 * (`qualstart`, db/seed/demo-qualification.ts) has three technical staff on its
 * roster — 张卫东 (senior), 李晓明 and 王芳 (intermediate) — and no
 * qualification (the e2e server's embedded database cannot be written from the
 * test process). A new enterprise building its roster, enrolling it in
 * training and then applying is membership-journey.spec.ts.
 */
test('an enterprise applies for 三级: refused with the staff count, completes it, staff receive (locked) and approve; the certificate downloads and verifies; then an upgrade shows 二级’s counts', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signInWithPassword(page, 'qualstart', 'Qual12345', 'organization');
  await expect(page).toHaveURL(/\/portal$/);

  // 资质管理: no qualification yet; 资质申请 open, the others say why not.
  await page.getByRole('link', { name: '资质管理' }).first().click();
  await expect(page).toHaveURL(/\/portal\/membership\/qualification$/);
  await expect(page.getByTestId('current-qualification')).toContainText('贵单位尚未取得资质等级');
  const entries = page.getByTestId('qualification-entries');
  await expect(entries.locator('li[data-variant="upgrade"]')).toContainText('贵单位尚未取得资质等级，请先办理资质申请');
  await entries.locator('li[data-variant="apply"]').getByRole('link', { name: '资质申请' }).click();

  // Step 1: the company's data read-only (changed through 信息变更), the level.
  await expect(page.getByTestId('company-basic')).toContainText('芜湖新锐安防技术有限公司');
  await expect(page.getByTestId('qualification-form').getByRole('link', { name: '信息变更' })).toHaveAttribute('href', '/portal/membership/info-change');
  await page.getByLabel('申请等级').selectOption({ label: '三级' });
  await expect(page.getByTestId('staff-requirement-hints')).toContainText('三级资质要求中级及以上技术人员不少于2人，当前已添加0人');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/qualification\/[0-9a-f-]{36}\/edit\?step=2$/);
  await expect(page.getByTestId('progress-rail').locator('[aria-current="step"]')).toContainText('填写申请');

  // Step 2: one person with their documents — the yellow hint counts live.
  const hints = page.getByTestId('staff-requirement-hints');
  await expect(hints).toContainText('当前已添加0人');
  await attachPerson(page, '李晓明（中级 · 工程师）', '李晓明');
  await expect(hints).toContainText('三级资质要求中级及以上技术人员不少于2人，当前已添加1人（还差1人）');
  await page.getByRole('button', { name: '下一步' }).click();

  // Step 3: the materials 三级 requires, then submit: refused with the count.
  await expect(page.getByTestId('required-materials')).toContainText('资质申请表（盖章扫描件）、营业执照');
  await uploadInto(page, '资质申请表（盖章扫描件）', '资质申请表.pdf', page.getByTestId('application_form-documents'));
  await uploadInto(page, '营业执照', '营业执照.pdf', page.getByTestId('business_license-documents'));
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '三级资质要求中级及以上技术人员不少于2人，当前已添加1人' })).toBeVisible();

  // The missing person, then submit.
  await page.getByRole('button', { name: '上一步' }).click();
  await attachPerson(page, '王芳（中级 · 工程师）', '王芳');
  await expect(hints).toContainText('当前已添加2人（已满足）');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('business_license-documents')).toContainText('营业执照.pdf');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确认提交' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('已提交，待协会接收');
  const applicationUrl = page.url();
  const number = (await page.locator('h1 + span.font-mono').first().textContent())!.trim();
  expect(number).toMatch(/^ZZSQ\d{10}$/);
  // Before 接收 the enterprise may still change it.
  await expect(page.getByRole('link', { name: '修改资料' })).toBeVisible();

  // The association receives the materials: the review page shows the people and the requirement met.
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/queue?q=${number}`);
  await staff.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  const summary = staff.getByTestId('application-summary');
  await expect(summary).toContainText('李晓明（中级）');
  await expect(summary).toContainText('王芳（中级）');
  await expect(summary).toContainText('安全技术防范工程师证');
  await expect(summary.locator('dd[data-tone="success"]')).toContainText('要求 2 · 已添加 2 · 满足');
  await staff.getByRole('button', { name: '接收材料', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('协会已接收，审核中');

  // Locked: no 修改资料, no upload fields; the form sends it back to the application page.
  await page.reload();
  await expect(page.getByTestId('application-status')).toHaveText('协会已接收，审核中');
  await expect(page.getByRole('link', { name: '修改资料' })).toHaveCount(0);
  await expect(page.getByTestId('application-slots')).toHaveCount(0);
  await page.goto(applicationUrl.replace('/portal/applications/', '/portal/membership/qualification/') + '/edit');
  await expect(page).toHaveURL(applicationUrl);

  // Approved: the qualification certificate.
  await staff.getByLabel('审核意见').fill('材料齐全，同意授予三级资质');
  await staff.getByRole('button', { name: '审核通过', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('审核通过');
  await staff.context().close();

  await page.goto('/portal/membership/qualification');
  await expect(page.getByTestId('qualification-level')).toHaveText('三级');
  await expect(page.getByTestId('qualification-status')).toHaveText('有效');
  const certNumber = (await page.getByTestId('qualification-certificate').textContent())!.trim();
  expect(certNumber).toMatch(/^ZZ\d{10}$/);
  const download = page.waitForEvent('download');
  await page.getByTestId('qualification-certificate-download').click();
  const file = await download;
  const fs = await import('node:fs');
  const bytes = new Uint8Array(fs.readFileSync((await file.path())!));
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  const text = squash(await pdfText(bytes));
  expect(text).toContain(certNumber);
  expect(text).toContain('三级');

  await page.goto(`/verify/${certNumber}`);
  await expect(page.getByText(certNumber).first()).toBeVisible();
  await expect(page.getByText('资质等级证书').first()).toBeVisible();
  await expect(page.getByText('有效', { exact: true }).first()).toBeVisible();

  // 资质晋级: 三级 → 二级, with 二级's staff counts.
  await page.goto('/portal/membership/qualification');
  await expect(entries.locator('li[data-variant="apply"]')).toContainText('贵单位已持有三级资质');
  await entries.locator('li[data-variant="upgrade"]').getByRole('link', { name: '资质晋级' }).click();
  await expect(page.getByTestId('current-qualification')).toContainText(certNumber);
  await expect(page.getByLabel('申请等级').locator('option')).toHaveText(['请选择资质等级', '一级', '二级']);
  await page.getByLabel('申请等级').selectOption({ label: '二级' });
  await expect(hints).toContainText('二级资质要求高级技术人员不少于1人，当前已添加0人');
  await expect(hints).toContainText('二级资质要求中级及以上技术人员不少于3人，当前已添加0人');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/\/edit\?step=2$/);
  await attachPerson(page, '张卫东（高级 · 高级工程师）', '张卫东');
  await expect(hints).toContainText('二级资质要求高级技术人员不少于1人，当前已添加1人（已满足）');
  await expect(hints).toContainText('二级资质要求中级及以上技术人员不少于3人，当前已添加0人（还差3人）');
});
