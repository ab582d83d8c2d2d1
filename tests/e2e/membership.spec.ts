import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { signInWithPassword, newEnterprise } from './helpers';
import { expectAccessible } from './axe';

test('a new enterprise applies for membership: notice, form with licence, review, delivery, dues by bank transfer, member certificate that verifies', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const org = await newEnterprise(page, '杭州入会端到端有限公司');

  await page.goto('/portal/membership');
  // The panel's holdings list (testId) exists only once there is a membership; before, its empty text.
  await expect(page.getByText('贵单位尚未入会')).toBeVisible();
  await page.getByRole('link', { name: '申请入会' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/apply$/);

  // 入会须知: accept stays disabled for 15 seconds.
  const notice = page.getByTestId('forced-reading-notice');
  await expect(notice).toContainText('入会须知');
  const accept = page.getByTestId('forced-reading-accept');
  await expect(accept).toBeDisabled();
  await page.waitForTimeout(5_000);
  await expect(accept).toBeDisabled();
  await expect(accept).toBeEnabled({ timeout: 15_000 });
  await accept.click();

  // The form, prefilled from the organization profile.
  await expect(page.getByTestId('membership-form')).toBeVisible();
  // The application page exists only for an enterprise that is not a member yet (the demo ones are): checked here.
  await expectAccessible(page, '/portal/membership/apply');
  await expect(page.getByLabel('单位名称')).toHaveValue(org.orgName);
  await expect(page.getByLabel('手机号码')).toHaveValue(org.mobile);
  await page.getByLabel('法定代表人').fill('王强');
  await page.getByLabel('注册地址').fill('浙江省杭州市西湖区文三路100号');
  await page.getByLabel('经营范围').fill('安全技术防范系统设计、施工、维修');
  await page.getByLabel('职工总数').fill('120');
  await page.getByLabel('其中技术人员').fill('35');
  await page.getByLabel('申请会员等级').selectOption('council');
  await page.getByRole('button', { name: '保存并上传材料' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/[0-9a-f-]{36}\/edit$/);
  await expectAccessible(page, '/portal/membership/[id]/edit');
  await expect(page.getByLabel('经营范围')).toHaveValue('安全技术防范系统设计、施工、维修');

  // The business licence (required), then submit.
  const slot = page.getByTestId('upload-field-license');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  await slot.getByLabel(/选择要上传到“营业执照/).setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(slot.getByTestId('license-documents')).toContainText('营业执照.pdf');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('待协会审核');
  const number = (await page.locator('h1 + span.font-mono').first().textContent())!.trim();
  expect(number).toMatch(/^RH\d{10}$/);

  // The association's reviewer approves.
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/queue?q=${number}`);
  await staff.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  await expect(staff.getByTestId('application-summary')).toContainText('安全技术防范系统设计');
  await staff.getByRole('button', { name: '审核通过', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('审核通过，待选择证书发放方式');
  await staff.context().close();

  // The enterprise chooses mail delivery, then pays the council dues by bank transfer.
  await page.reload();
  await page.getByRole('link', { name: '选择证书发放方式并去缴费' }).click();
  await expect(page).toHaveURL(/\/delivery$/);
  await expectAccessible(page, '/portal/membership/[id]/delivery');
  await expect(page.getByTestId('membership-dues')).toContainText('¥5,000.00');
  await page.getByLabel('邮寄').check();
  await page.getByLabel('收件地址').fill('浙江省杭州市西湖区文三路100号');
  await page.getByRole('button', { name: '去缴费' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('待缴纳会费');
  await expect(page.getByTestId('payment-amount')).toHaveText('¥5,000.00');
  await page.getByTestId('payment-step').getByRole('link', { name: '上传转账凭证' }).click();
  await expect(page).toHaveURL(/\/pay\/transfer\//);
  await expectAccessible(page, '/pay/transfer/[orderNumber]');
  const orderNumber = (await page.getByTestId('bank-transfer-memo').textContent())!.trim();
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0a0' } }).png().toBuffer();
  const form = page.getByTestId('bank-transfer-form');
  await form.getByLabel(/选择要上传到/).setInputFiles({ name: '转账截图.png', mimeType: 'image/png', buffer: png });
  // Wait for the upload to be checked and listed (the file name also shows on the progress bar before that).
  await expect(form.getByTestId('bank_transfer_screenshot-documents')).toContainText('转账截图.png');
  await expect(form.getByRole('progressbar')).toHaveCount(0);
  await page.getByLabel('联系手机').fill(org.mobile);
  await page.getByRole('button', { name: '立即提交' }).click();
  await expect(page.getByTestId('bank-transfer-state')).toHaveText('等待财务确认');

  // Finance confirms the transfer.
  const fin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(fin, 'finance', 'Finance1234', 'staff');
  await expect(fin).toHaveURL(/\/staff$/);
  await fin.goto('/staff/payments/transfers');
  const row = fin.getByRole('row').filter({ hasText: orderNumber });
  await row.getByTestId('bank-transfer-confirm').click();
  await fin.getByRole('alertdialog').getByRole('button', { name: '确认到账' }).click();
  await expect(fin.getByRole('row').filter({ hasText: orderNumber })).toHaveCount(0);
  await fin.context().close();

  // Member: the application shows the member and certificate numbers; 我的证书 lists the certificate; it verifies.
  await page.goto('/portal/applications');
  await page.getByTestId('my-applications').getByRole('link', { name: /入会申请/ }).first().click();
  await expect(page.getByTestId('application-status')).toHaveText('已入会');
  const summary = page.getByTestId('application-summary');
  await expect(summary).toContainText('会员编号');
  const certNumber = (await summary.getByText(/^HY\d{10}$/).first().textContent())!.trim();
  await page.goto('/portal/certificates');
  await expect(page.getByText(certNumber)).toBeVisible();
  await page.goto('/portal/membership');
  await expect(page.getByTestId('membership-home')).toContainText('会员编号 M');
  await page.goto(`/verify/${certNumber}`);
  await expect(page.getByText(certNumber).first()).toBeVisible();
  await expect(page.getByText('会员证书').first()).toBeVisible();
});
