import { expect, test } from '@playwright/test';
import { pdfText, squash } from '../helpers/pdf-text';
import { signInWithPassword } from './helpers';
import { expectAccessible } from './axe';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

test('证书补发: the holder prints, signs and uploads the request; the exam institution reports it; the issuing authority approves; the reissued certificate replaces the old one, which no longer verifies as valid', async ({ page, browser }) => {
  test.setTimeout(240_000);
  // The demo holder 李明 and his valid 压力容器检验员 certificate.
  await signInWithPassword(page, 'inspector', 'Insp1234', 'individual');
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto('/portal/personnel');
  await page.getByRole('link', { name: '证书补发申请' }).click();
  await expect(page).toHaveURL(/\/portal\/personnel\/requests/);
  const certRow = page.getByTestId('requestable-certificate').filter({ hasText: '压力容器检验员' });
  const oldNumber = (await certRow.getByText(/^TSRY\d{10}$/).textContent())!.trim();
  await certRow.getByRole('button', { name: '证书补发申请' }).click();
  await expect(page).toHaveURL(/\/portal\/personnel\/requests\/[0-9a-f-]{36}\/edit$/);
  await expectAccessible(page, '/portal/personnel/requests/[id]/edit');
  await expect(page.getByTestId('request-certificate')).toContainText(oldNumber);

  // The reason, saved; the reissue request form prints with the certificate.
  await page.getByLabel('补发原因').selectOption({ label: '证书遗失' });
  await page.getByLabel('补发说明').fill('出差途中遗失');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存，可打印申请表')).toBeVisible();
  const href = await page.getByTestId('print-request-form').getAttribute('href');
  const form = await page.request.get(href!);
  expect(form.headers()['content-type']).toContain('application/pdf');
  const text = squash(await pdfText(new Uint8Array(await form.body())));
  expect(text).toContain('特种设备检验检测人员证书补办申请表');
  expect(text).toContain(oldNumber);
  expect(text).toContain('证书遗失');

  // The signed scan, then 申请.
  const signed = page.getByTestId('upload-field-signed_form');
  await expect(signed.getByTestId('signed_form-help')).toBeVisible();
  await signed.getByLabel('选择要上传到“证书补办申请表（签字扫描件）”的文件').setInputFiles({ name: '补办申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(signed.getByTestId('signed_form-documents')).toContainText('补办申请表.pdf');
  await page.getByRole('button', { name: '申请', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '申请', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('待考试机构确认');
  const number = (await page.locator('h1 + span.font-mono').first().textContent())!.trim();
  expect(number).toMatch(/^BF\d{10}$/);

  // The issuing authority sees it but cannot act before the exam institution reports.
  const authority = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(authority, 'authority', 'Issue1234', 'staff');
  await expect(authority).toHaveURL(/\/staff$/);
  await authority.goto(`/staff/queue?q=${number}`);
  await authority.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  await expect(authority.getByTestId('application-status')).toHaveText('待考试机构确认');
  await expect(authority.getByRole('button', { name: '审核通过，重新发证' })).toHaveCount(0);

  // The exam institution confirms and reports.
  const reviewer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(reviewer, 'reviewer', 'Review1234', 'staff');
  await expect(reviewer).toHaveURL(/\/staff$/);
  await reviewer.goto(`/staff/queue?q=${number}`);
  await reviewer.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  await reviewer.getByLabel('审核意见').fill('遗失情况属实，上报补发');
  await reviewer.getByRole('button', { name: '确认并上报发证机关' }).click();
  await reviewer.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(reviewer.getByTestId('application-status')).toHaveText('已上报发证机关，待审核');
  await reviewer.context().close();

  // The issuing authority approves: the certificate is re-issued.
  await authority.reload();
  await authority.getByLabel('审核意见').fill('同意补发');
  await authority.getByRole('button', { name: '审核通过，重新发证' }).click();
  await authority.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(authority.getByTestId('application-status')).toHaveText('已重新发证');
  await expect(authority.getByTestId('application-summary')).toContainText(/TSRY\d{10}/);
  await authority.context().close();

  // The holder: the flow record shows each hand-off; a new certificate; the old number shows as replaced, no longer valid.
  await page.reload();
  await expect(page.getByTestId('application-status')).toHaveText('已重新发证');
  await expect(page.getByText('遗失情况属实，上报补发')).toBeVisible();
  await expect(page.getByText('同意补发')).toBeVisible();
  const newNumber = (await page.getByTestId('application-summary').getByText(/^TSRY\d{10}$/).last().textContent())!.trim();
  expect(newNumber).not.toBe(oldNumber);
  await page.goto('/portal/certificates');
  await expect(page.getByTestId('my-certificates')).toContainText(newNumber);
  await page.goto(`/verify/${oldNumber}`);
  await expect(page.getByTestId('verify-result').first()).toContainText('已换发');
  await expect(page.getByText('该证书已换发，请以新证书为准')).toBeVisible();
  await page.getByTestId('verify-link').click();
  await expect(page).toHaveURL(new RegExp(`/verify/${newNumber}$`));
  await expect(page.getByTestId('verify-result').first()).toContainText('有效');
});
