import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInWithPassword, newEnterprise } from './helpers';
import { expectAccessible } from './axe';

/**
 * Module B's change flows as users walk them: an enterprise changes its
 * registered name (the reviewer sees the old and new values side by side,
 * the profile shows the new one); the demo member reports its member
 * certificate lost (the old number then verifies as replaced, the new one as
 * valid); an enterprise registered in Zhejiang files as an out-of-province
 * enterprise and downloads its filing certificate.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** The reviewer of the demo opens an application from the queue (a page of its own). */
async function reviewerOpens(browser: Browser, number: string) {
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/queue?q=${number}`);
  await staff.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('待协会审核');
  return staff;
}

async function approve(staff: Page, opinion?: string) {
  if (opinion) await staff.getByLabel('审核意见').fill(opinion);
  await staff.getByRole('button', { name: '审核通过', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
}

const applicationNumber = async (page: Page) => (await page.locator('h1 + span.font-mono').first().textContent())!.trim();

test('an enterprise changes its registered name; the reviewer sees old and new side by side and approves; the profile shows the new name', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const org = await newEnterprise(page, '杭州信息变更端到端有限公司');
  const newName = `${org.orgName}（更名）`;

  await page.goto('/portal');
  await page.getByRole('link', { name: '信息变更', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/info-change$/);
  await expect(page.getByTestId('registered-profile')).toContainText(org.orgName);
  await page.getByRole('link', { name: '申请变更' }).click();

  // Tick the name, change it, give the reason, save the draft.
  const form = page.getByTestId('info-change-form');
  await form.getByLabel('变更原因').fill('工商变更登记');
  await form.getByLabel('单位名称', { exact: true }).check();
  await expect(form.getByLabel('变更后的单位名称')).toHaveValue(org.orgName);
  await form.getByLabel('变更后的单位名称').fill(newName);
  await page.getByRole('button', { name: '保存并上传材料' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/info-change\/[0-9a-f-]{36}\/edit$/);
  await expectAccessible(page, '/portal/membership/info-change/[id]/edit');
  await expect(form.getByLabel('变更后的单位名称')).toHaveValue(newName);

  // A name change needs the licence after the change.
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '营业执照' })).toBeVisible();
  const slot = page.getByTestId('upload-field-supporting_document');
  await slot.getByLabel(/选择要上传到“变更证明材料/).setInputFiles({ name: '变更后营业执照.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(slot.getByTestId('supporting_document-documents')).toContainText('变更后营业执照.pdf');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('待协会审核');
  const number = await applicationNumber(page);
  expect(number).toMatch(/^XXBG\d{10}$/);
  // Nothing applies before the review, and a second change cannot be started meanwhile.
  await page.goto('/portal/membership/info-change');
  await expect(page.getByTestId('registered-profile')).toContainText(org.orgName);
  await expect(page.getByText(`已有进行中的申请 ${number}`)).toBeVisible();
  await expect(page.getByRole('link', { name: '申请变更' })).toHaveCount(0);

  // The reviewer sees the old and the new name side by side, and approves.
  const staff = await reviewerOpens(browser, number);
  const row = staff.getByTestId('summary-comparison').getByRole('row').filter({ hasText: '单位名称' });
  await expect(row.getByTestId('change-before')).toHaveText(org.orgName);
  await expect(row.getByTestId('change-after')).toHaveText(newName);
  await approve(staff, '材料齐全，同意变更');
  await expect(staff.getByTestId('application-status')).toHaveText('已变更');
  await staff.context().close();

  await page.reload();
  await expect(page.getByTestId('registered-profile').locator('[data-field="name"]')).toContainText(newName);
  await expect(page.getByTestId('info-change-applications').locator(`[data-number="${number}"]`)).toContainText('已变更');
  await expect(page.getByRole('link', { name: '申请变更' })).toBeVisible();
});

test('the demo member reports its member certificate lost; once approved the old number verifies as replaced and the new one as valid', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signInWithPassword(page, 'orgdemo', 'Org12345', 'organization');
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto('/portal/membership/certificate-loss');
  const certificates = page.getByTestId('loss-certificates');
  const first = certificates.locator('tbody tr').filter({ hasText: '会员证书' }).first();
  const oldNumber = (await first.getAttribute('data-number'))!;
  expect(oldNumber).toMatch(/^HY\d{10}$/);
  await first.getByRole('link', { name: '挂失申请' }).click();
  await expect(page).toHaveURL(/\/certificate-loss\/new\?certificate=/);

  const form = page.getByTestId('loss-form');
  await form.getByLabel('遗失').check();
  await form.getByLabel('情况说明').fill('办公室搬迁时遗失');
  await form.getByLabel(/原证书自即日起作废/).check();
  await page.getByRole('button', { name: '保存并上传材料' }).click();
  await expect(page).toHaveURL(/\/certificate-loss\/[0-9a-f-]{36}\/edit$/);
  await expectAccessible(page, '/portal/membership/certificate-loss/[id]/edit');
  await expect(page.getByTestId('loss-notice-hint')).toContainText('须上传');
  const slot = page.getByTestId('upload-field-loss_notice');
  await slot.getByLabel(/选择要上传到“登报挂失声明/).setInputFiles({ name: '登报挂失声明.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(slot.getByTestId('loss_notice-documents')).toContainText('登报挂失声明.pdf');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('待协会审核');
  await expect(page.getByTestId('application-summary')).toContainText(oldNumber);
  const number = await applicationNumber(page);

  const staff = await reviewerOpens(browser, number);
  await expect(staff.getByTestId('application-summary')).toContainText(oldNumber);
  await approve(staff);
  await expect(staff.getByTestId('application-status')).toHaveText('已补发');
  await staff.context().close();

  await page.reload();
  await expect(page.getByTestId('application-status')).toHaveText('已补发');
  const newNumber = (await page.getByTestId('application-summary').getByText(/^HY\d{10}$/).filter({ hasNotText: oldNumber }).first().textContent())!.trim();
  expect(newNumber).not.toBe(oldNumber);

  // Public verification: the old number is replaced and points to the new one; the new one is valid.
  await page.goto(`/verify/${oldNumber}`);
  await expect(page.getByText('已换发').first()).toBeVisible();
  await expect(page.getByText('该证书已换发，请以新证书为准')).toBeVisible();
  await page.getByRole('link', { name: newNumber }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${newNumber}$`));
  await expect(page.getByText('有效', { exact: true }).first()).toBeVisible();
  await page.goto('/portal/certificates');
  await expect(page.getByTestId('my-certificates').locator(`[data-number="${newNumber}"]`)).toHaveAttribute('data-state', 'valid');
  await expect(page.getByTestId('my-certificates').locator(`[data-number="${oldNumber}"]`)).toHaveAttribute('data-state', 'replaced');
});

test('an enterprise registered in Zhejiang files as an out-of-province enterprise; once approved its filing certificate PDF downloads', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const org = await newEnterprise(page, '杭州外省备案端到端有限公司');
  await page.goto('/portal');
  await page.getByRole('link', { name: '外省企业备案' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/filing$/);
  await expect(page.getByTestId('filing-company')).toContainText('浙江省 杭州市 西湖区');
  await page.getByRole('link', { name: '申请备案' }).click();

  const form = page.getByTestId('filing-form');
  await form.getByLabel('本省分支机构（项目部）名称').fill('合肥项目部');
  await form.getByLabel('本省经营地址').fill('安徽省合肥市蜀山区长江西路100号');
  await form.getByLabel('在本省开展的业务').fill('安全技术防范工程设计与施工');
  await form.getByLabel('计划经营开始日期').fill('2027-01-01');
  await form.getByLabel('计划经营结束日期').fill('2028-12-31');
  await page.getByRole('button', { name: '保存并上传材料' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/filing\/[0-9a-f-]{36}\/edit$/);
  await expectAccessible(page, '/portal/membership/filing/[id]/edit');
  await expect(form.getByLabel('本省分支机构（项目部）名称')).toHaveValue('合肥项目部');
  // An end before the start is refused next to the field.
  await form.getByLabel('计划经营结束日期').fill('2026-12-31');
  await form.getByLabel('计划经营结束日期').blur();
  await expect(page.getByTestId('periodTo-error')).toHaveText('计划经营结束日期不能早于开始日期');
  await form.getByLabel('计划经营结束日期').fill('2028-12-31');
  await form.getByLabel('计划经营结束日期').blur();
  await expect(page.getByTestId('periodTo-error')).toHaveCount(0);

  for (const [key, label, file] of [
    ['business_license', '营业执照', '营业执照.pdf'],
    ['branch_proof', '分支机构登记证明', '租赁合同.pdf'],
  ] as const) {
    const slot = page.getByTestId(`upload-field-${key}`);
    await slot.getByLabel(new RegExp(`选择要上传到“${label}`)).setInputFiles({ name: file, mimeType: 'application/pdf', buffer: PDF });
    await expect(slot.getByTestId(`${key}-documents`)).toContainText(file);
  }
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('待协会审核');
  const number = await applicationNumber(page);
  expect(number).toMatch(/^WSBA\d{10}$/);

  const staff = await reviewerOpens(browser, number);
  await expect(staff.getByTestId('application-summary')).toContainText('合肥项目部');
  await expect(staff.getByTestId('application-summary')).toContainText(org.orgName);
  await approve(staff, '同意备案');
  await expect(staff.getByTestId('application-status')).toHaveText('已备案');
  await staff.context().close();

  // The application page lists the filing certificate; its PDF downloads.
  await page.reload();
  await expect(page.getByTestId('application-status')).toHaveText('已备案');
  const issued = page.getByTestId('application-certificates');
  await expect(issued).toContainText('外省企业备案证明');
  const certNumber = (await issued.locator('li').first().getAttribute('data-number'))!;
  expect(certNumber).toMatch(/^BA\d{10}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), issued.getByTestId('application-certificate-download').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${certNumber}\\.pdf$`));
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(10_000);

  // And from 我的证书 and the filing page, with its validity.
  await page.goto('/portal/membership/filing');
  await expect(page.getByTestId('current-filing')).toContainText(certNumber);
  await page.goto('/portal/certificates');
  await expect(page.getByTestId('my-certificates').locator(`[data-number="${certNumber}"]`)).toHaveAttribute('data-state', 'valid');
});
