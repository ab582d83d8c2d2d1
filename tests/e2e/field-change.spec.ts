import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';
import { expectAccessible } from './axe';

test('an institution drafts a business field change, resumes it, submits; the reviewer returns it; it is resubmitted and approved', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInWithPassword(page, 'orgdemo', 'Org12345', 'organization');
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto('/portal/accreditation');
  await expect(page.getByText('暂无已批准的业务领域')).toBeVisible();
  await page.getByRole('link', { name: '申请增加业务领域' }).click();
  await expect(page).toHaveURL(/\/portal\/field-change\/new$/);

  // Save a draft, leave, and resume it with the values kept.
  await page.getByLabel('检验机构', { exact: true }).check();
  await page.getByLabel('检验机构情况说明').fill('承压设备检验');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toHaveText('已保存，可稍后继续填写');
  await expect(page).toHaveURL(/\/portal\/field-change\/[0-9a-f-]{36}$/);
  await expectAccessible(page, '/portal/field-change/[id]');
  const editUrl = page.url();
  await page.goto('/portal/applications');
  await page.getByTestId('my-applications').getByRole('link', { name: /业务领域变更/ }).first().click();
  await expect(page.getByTestId('application-status')).toHaveText('草稿');
  // The kind's slot: supporting documents may be added while drafting (and only then).
  const slot = page.getByTestId('upload-field-supporting_document');
  await expect(slot).toContainText('支持 PDF/JPG/PNG 格式，单个文件不超过 10 MB');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  await slot.getByLabel(/选择要上传到“证明材料/).setInputFiles({ name: '检验资质证书.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(slot.getByTestId('supporting_document-documents')).toContainText('检验资质证书.pdf');
  await page.getByRole('link', { name: '继续填写' }).click();
  await expect(page).toHaveURL(editUrl);
  await expect(page.getByLabel('检验机构情况说明')).toHaveValue('承压设备检验');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('待审核');
  // Submitted: the file is part of the application, no longer changeable.
  await expect(page.getByTestId('application-documents')).toContainText('检验资质证书.pdf');
  await expect(page.getByTestId('upload-field-supporting_document')).toHaveCount(0);
  const number = (await page.locator('h1 + span.font-mono').first().textContent())!.trim();
  expect(number).toMatch(/^LYBG\d{10}$/);

  // The reviewer returns it with an opinion.
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/queue?q=${number}`);
  await staff.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  await expect(staff.getByTestId('application-summary')).toContainText('承压设备检验');
  await staff.getByLabel('审核意见').fill('请补充检验人员数量');
  await staff.getByRole('button', { name: '退回修改' }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('退回修改');

  // The institution is told in-app, edits and resubmits.
  await page.reload();
  await expect(page.getByTestId('application-status')).toHaveText('退回修改');
  await expect(page.getByTestId('flow-record')).toContainText('请补充检验人员数量');
  await page.getByRole('link', { name: '修改并重新提交' }).click();
  await expect(page.getByRole('status').or(page.getByText('审核人员退回了申请：请补充检验人员数量'))).toBeVisible();
  await page.getByLabel('检验机构情况说明').fill('承压设备检验，检验人员12名');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('待审核');

  // Approved: the field joins the institution's profile.
  await staff.reload();
  await expect(staff.getByTestId('application-summary')).toContainText('检验人员12名');
  await staff.getByRole('button', { name: '批准', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('已批准');
  await staff.context().close();

  await page.goto('/portal/accreditation');
  await expect(page.getByTestId('held-fields')).toContainText('检验机构');
});
