import { expect, test } from '@playwright/test';
import { chooseAndOrder, EXAM, fillInfo, fillInfoFields, openRegistration, uploadIdPhoto } from './exam-helpers';
import { newPerson, registerIndividualViaUi, signInWithPassword } from './helpers';
import { expectAccessible } from './axe';

test('a candidate registers for the open exam, pays at the sandbox cashier, changes city and is refunded once', async ({ page }) => {
  test.setTimeout(180_000);
  const p = newPerson('male');
  await registerIndividualViaUi(page, p);
  await signInWithPassword(page, p.idNumber, p.password);
  await expect(page).toHaveURL(/\/portal$/);

  // No photo yet: registering is refused with a clear message.
  await page.goto('/portal/exam');
  await expect(page.getByTestId('photo-status')).toContainText('报名前须上传并确认本人证件照片');
  const row = page.getByTestId('open-exams').locator('li', { hasText: EXAM });
  await expect(row).toContainText('未报考');
  await row.getByRole('link', { name: '报名' }).click();
  await expect(page.getByTestId('candidate-notice')).toContainText('考生');
  await page.getByRole('button', { name: '接受并开始报名' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请先勾选“我已了解并知悉上述内容并承诺”' })).toBeVisible();
  await page.getByLabel('我已了解并知悉上述内容并承诺').check();
  await page.getByRole('button', { name: '接受并开始报名' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请先上传并确认本人证件照片，再报名考试' })).toBeVisible();

  // The ID photo.
  await uploadIdPhoto(page);

  // Notice → registration info.
  await openRegistration(page);
  await expect(page.getByTestId('identity-readonly')).toContainText(p.idNumber);
  await expectAccessible(page, '/portal/exam/[examId]/info');
  await fillInfoFields(page);
  await page.getByLabel('企业').check();
  await page.getByLabel('发票抬头').fill('杭州示范检测技术有限公司');
  await page.getByLabel('纳税人识别号').fill('123');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('纳税人识别号为15、18或20位数字或大写字母')).toBeVisible();
  await page.getByLabel('纳税人识别号').fill('91330106MA2H1E6U3F');
  await page.getByRole('button', { name: '保存' }).click();

  // Saved: back on the process page (seed 003), step 1 done, then on to the subjects.
  await expect(page).toHaveURL(/\?saved=info$/);
  await expect(page.getByTestId('step-saved')).toContainText('报名信息已保存');
  await expect(page.getByTestId('exam-steps').locator('li[data-done]')).toHaveCount(1);
  await page.getByRole('link', { name: /去填写\s*选择科目/ }).click();

  // Subjects: one per session; the total follows the choice.
  await expect(page).toHaveURL(/\/subjects$/);
  await expectAccessible(page, '/portal/exam/[examId]/subjects');
  await page.getByLabel('A01 认证通用基础').check();
  await page.getByLabel('B02 产品认证基础').check();
  await expect(page.getByTestId('subjects-total')).toHaveText('合计：¥350.00');
  await page.getByRole('button', { name: '保存科目' }).click();
  await expect(page).toHaveURL(/\?saved=subjects$/);
  await page.getByRole('link', { name: /去填写\s*选择考区/ }).click();

  // Area.
  await expect(page).toHaveURL(/\/area$/);
  await expectAccessible(page, '/portal/exam/[examId]/area');
  await page.getByLabel('杭州').check();
  await page.getByRole('button', { name: '保存考区' }).click();
  await expect(page).toHaveURL(/\?saved=area$/);
  await expect(page.getByTestId('exam-steps').locator('li[data-done]')).toHaveCount(3);

  // Like every application, the registration shows in 我的任务 (its next step) and 我的申请 (its state).
  const examUrl = page.url();
  await page.goto('/portal/tasks');
  const task = page.getByTestId('tasks-todo').locator('li', { hasText: EXAM });
  await expect(task).toContainText('待确认缴费');
  await expect(task).toContainText('下一步：网上缴费');
  await page.goto('/portal/applications');
  await expect(page.getByTestId('my-applications').locator('li', { hasText: EXAM })).toContainText('全国统一考试报名');
  await page.goto(examUrl);

  // Confirm page → order → sandbox cashier → back → 支付完毕.
  await page.getByRole('link', { name: /去填写\s*网上缴费/ }).click();
  await expect(page.getByTestId('pay-amount')).toHaveText('¥350.00');
  // The confirm page shows everything the candidate entered (issue #18 §4), the area as 报考考区.
  const birth = `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`;
  const everyField: Array<[string, string]> = [
    ['name', p.name],
    ['idType', '居民身份证'],
    ['idNumber', p.idNumber],
    ['gender', '男'],
    ['birthDate', birth],
    ['subjects', 'A01 认证通用基础'],
    ['area', '杭州'],
    ['nationality', '中国'],
    ['ethnicity', '汉族'],
    ['residence', '浙江省 杭州市 西湖区'],
    ['education', '大学本科'],
    ['employer', '无'],
    ['mobile', p.mobile],
    ['address', '杭州市西湖区文三路1号'],
    ['email', p.email],
    ['invoice', '是（企业）'],
    ['invoiceTitle', '杭州示范检测技术有限公司'],
    ['taxNumber', '91330106MA2H1E6U3F'],
  ];
  const summary = page.getByTestId('registration-summary');
  for (const [field, value] of everyField) await expect(summary.locator(`[data-field="${field}"] dd`), field).toContainText(value);
  await expect(summary.locator('[data-field="area"] dt')).toHaveText('报考考区');
  await page.getByRole('button', { name: '确认并生成订单' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请先勾选“我确认以上报考信息无误”' })).toBeVisible();
  await page.getByLabel('我确认以上报考信息无误').check();
  await page.getByRole('button', { name: '确认并生成订单' }).click();
  await expect(page.getByTestId('unpaid-order')).toContainText('金额 ¥350.00');
  // While the order is unpaid the forms are read-only, saying why.
  const payPage = page.url();
  await page.goto(payPage.replace(/\/pay$/, '/info'));
  await expect(page.getByTestId('frozen-reason')).toContainText('已生成缴费订单，报考信息已冻结');
  await expect(page.getByLabel('通讯地址')).toBeDisabled();
  await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);
  await page.goto(payPage);
  await expectAccessible(page, '/portal/exam/[examId]/pay');
  await page.getByRole('button', { name: '去支付' }).click();
  await expect(page.getByText('模拟支付平台').first()).toBeVisible();
  await expectAccessible(page, '/pay/sandbox/[orderNumber]');
  await page.getByRole('button', { name: '支付', exact: true }).click();
  await expect(page).toHaveURL(/\/pay\?payResult=paid/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('paid-registration')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.goto(page.url().replace(/\/pay.*$/, ''));
  await expect(page.getByTestId('exam-steps').locator('li[data-done]')).toHaveCount(4);
  // Paid: the process page says so, and offers to view, not to change.
  await expect(page.getByTestId('frozen-reason')).toContainText('已完成缴费，报名成功');
  await expect(page.getByTestId('exam-steps').getByRole('link', { name: /修改/ })).toHaveCount(0);
  await expect(page.getByTestId('exam-steps').getByRole('link', { name: /查看\s*网上缴费/ })).toBeVisible();
  const paidUrl = page.url();
  await page.goto('/portal/applications');
  await expect(page.getByTestId('my-applications').locator('li', { hasText: EXAM })).toContainText('已缴费');
  await page.goto('/portal/tasks');
  await expect(page.getByTestId('tasks-todo').locator('li', { hasText: EXAM })).toHaveCount(0);
  await page.goto(paidUrl);

  // 查看报考信息: the same fields, read-only and printable, the subjects marked paid.
  await page.getByRole('link', { name: '查看报考信息' }).click();
  await expect(page).toHaveURL(/\/registration$/);
  await expect(page.getByTestId('registration-status')).toHaveText('报名状态：已缴费');
  const details = page.getByTestId('registration-details');
  for (const [field, value] of everyField) await expect(details.locator(`[data-field="${field}"] dd`), field).toContainText(value);
  await expect(details.locator('[data-field="subjects"] dd')).toContainText('（已支付）');
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
  await expect(details.locator('input, select, textarea')).toHaveCount(0);
  await page.goto(paidUrl);

  // The e-receipt is a PDF for its owner.
  await page.goto(page.url() + '/pay');
  const receiptHref = (await page.getByRole('link', { name: '电子收据' }).getAttribute('href'))!;
  const receipt = await page.request.get(receiptHref);
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()['content-type']).toBe('application/pdf');

  // 更换考点城市 within its window.
  await page.getByRole('link', { name: '更换考点城市' }).click();
  await expect(page).toHaveURL(/\/change-area$/);
  await expectAccessible(page, '/portal/exam/[examId]/change-area');
  await page.getByLabel('上海').check();
  await page.getByRole('button', { name: '确认更换' }).click();
  await expect(page).toHaveURL(/\/pay\?changed=area$/);
  await expect(page.getByTestId('area-changed')).toHaveText('考点城市已更换为 上海。');
  await expect(page.getByTestId('registration-summary')).toContainText('上海');

  // Refund: the dialog says it is once ever; the refund is issued and the candidate told by SMS.
  await page.getByRole('button', { name: '申请退费' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('每位考生仅可退费一次');
  await page.getByRole('alertdialog').getByRole('button', { name: '确认退费' }).click();
  await expect(page.getByText('退费申请已提交')).toBeVisible();
  await expect(async () => {
    const sms = await page.request.get(`/mailbox?to=${p.mobile}&channel=sms`);
    expect(await sms.text()).toContain('退费');
  }).toPass({ timeout: 30_000 });
  // Refunded: the exam shows the refund with its amount and time, and may be registered anew — and paid, with no refund left.
  await page.goto('/portal/exam');
  const refundedRow = page.getByTestId('open-exams').locator('li', { hasText: EXAM });
  await expect(refundedRow.getByTestId('exam-state')).toHaveText('已退费');
  await expect(refundedRow.getByTestId('exam-refund')).toContainText(/已退费 ¥350\.00，退费时间 \d{4}/);
  await refundedRow.getByRole('link', { name: '重新报名' }).click();
  await expect(page.getByTestId('refund-summary')).toContainText('退费金额 ¥350.00');
  const voidReceipt = page.getByTestId('void-receipt');
  await expect(voidReceipt).toContainText('（已作废）');
  expect((await page.request.get((await voidReceipt.getAttribute('href'))!)).status()).toBe(200);
  await page.goto('/portal/exam');
  await openRegistration(page);
  await fillInfo(page);
  await chooseAndOrder(page, ['A02 审核知识'], '北京');
  await page.getByRole('button', { name: '去支付' }).click();
  await page.getByRole('button', { name: '支付', exact: true }).click();
  await expect(page).toHaveURL(/\/pay\?payResult=paid/);
  await page.getByRole('button', { name: '支付完毕' }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('paid-registration')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  // One refund per person, ever: the second registration offers none.
  await expect(page.getByRole('button', { name: '申请退费' })).toHaveCount(0);
  await expect(page.getByText('您已使用过退费机会（每位考生仅可退费一次）')).toBeVisible();
});
