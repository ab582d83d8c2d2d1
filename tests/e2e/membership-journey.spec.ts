import fs from 'node:fs';
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { randomResidentId } from '@/db/seed/identity-data';
import { pdfText, squash } from '../helpers/pdf-text';
import { signInWithPassword } from './helpers';
import { ENROLLMENT_HEADER, XLSX_MIME, addStaff, attachPerson, newEnterprise, uploadInto, withWrongCheckDigit, type Staff } from './membership-helpers';

/**
 * Issue #12's second acceptance journey, as ONE new enterprise: three
 * technical staff through the roster form, a batch enrollment from the
 * downloaded template with one bad row (reported by row and column, fixed,
 * imported), a 二级 资质申请 refused with the staff count, the missing person
 * added to the roster and attached, submitted; the association receives it
 * (the enterprise can no longer edit) and approves; the qualification
 * certificate downloads with the company's Chinese name and verifies.
 *
 * 二级 (demo levels, db/seed/demo-qualification.ts) requires one senior and
 * three intermediate-or-higher people, each person counted once: the roster
 * here has one senior and two intermediate people until the fourth is added.
 */
test('one new enterprise: three staff, batch enrollment with a bad row fixed, 二级 refused with the count, the missing person added, received (locked), approved, certificate downloads and verifies', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const org = await newEnterprise(page, '杭州资质全程端到端有限公司');

  // 1. Three technical staff through the roster form.
  await page.getByRole('link', { name: '技术人员', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/staff$/);
  await expect(page.getByTestId('roster-empty')).toBeVisible();
  const senior: Staff = { name: '郑高工', idType: '居民身份证', idNumber: randomResidentId('male'), grade: '高级' };
  const middle: Staff = { name: '孙中工', idType: '居民身份证', idNumber: randomResidentId('female'), grade: '中级' };
  const junior: Staff = { name: '钱初工', idType: '护照', idNumber: `E${crypto.randomInt(10_000_000, 99_999_999)}`, grade: '初级', gender: '男', birthDate: '1993-06-08' };
  await addStaff(page, senior, async (p) => {
    const form = p.getByTestId('staff-person-form');
    await form.getByRole('button', { name: '添加证书' }).click();
    await form.getByLabel('证书名称').fill('安全技术防范高级工程师证');
    await form.getByLabel('证书编号').fill('AF-G-2026-0101');
    await form.getByLabel('有效期至').fill('2029-12-31');
  });
  await addStaff(page, middle);
  await addStaff(page, junior);
  await expect(page.getByTestId('roster-counts')).toContainText('共 3 人');

  // 2. 培训报名 from the downloaded template, filled with one bad row.
  await page.getByRole('link', { name: '培训报名', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/training$/);
  const courseCode = (await page.getByTestId('open-course').first().locator('td').first().textContent())!.trim();
  await page.getByTestId('enrollment-notice-ack').check();
  const download = page.waitForEvent('download');
  await page.getByTestId('enrollment-template-download').click();
  const template = await download;
  expect(template.suggestedFilename()).toBe('技术人员培训报名表.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await template.path())!);
  const sheet = book.getWorksheet('报名表')!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(ENROLLMENT_HEADER);
  expect(book.getWorksheet('可报名课程')!.getColumn(1).values).toContain(courseCode);

  // Row 2 is the template's sample (skipped by the import); the enterprise fills rows 3–7 below it:
  // its three people and two new ones. Row 7 (吴新员, new to the roster) has an ID number with a wrong check digit.
  expect(sheet.getRow(2).getCell(1).text).toMatch(/^【示例】/);
  const newcomer = randomResidentId('female');
  const trainee = randomResidentId('male');
  const rows = [
    [senior.name, '居民身份证', senior.idNumber, '', '', '大学本科', '工程师', '', '高级', courseCode],
    [middle.name, '居民身份证', middle.idNumber, '', '', '', '', '', '中级', courseCode],
    [junior.name, '护照', junior.idNumber, '男', '1993-06-08', '', '', '', '初级', courseCode],
    ['周新人', '居民身份证', newcomer, '', '', '大学本科', '工程师', '项目经理', '中级', courseCode],
    ['吴新员', '居民身份证', withWrongCheckDigit(trainee), '', '', '', '助理工程师', '施工员', '初级', courseCode],
  ];
  const filled = async () => {
    rows.forEach((r, i) => r.forEach((v, j) => (sheet.getCell(i + 3, j + 1).value = v || null)));
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  await page.getByLabel('报名表文件').setInputFiles({ name: '报名表.xlsx', mimeType: XLSX_MIME, buffer: await filled() });
  await page.getByRole('button', { name: '上传并检查' }).click();
  const report = page.getByTestId('enrollment-import-errors');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('检查发现 1 处问题，未导入任何数据')).toBeVisible();
  const badRow = report.getByTestId('enrollment-import-error');
  await expect(badRow).toHaveCount(1);
  await expect(badRow.locator('td').nth(0)).toHaveText('7');
  await expect(badRow.locator('td').nth(1)).toHaveText('证件号码');
  await expect(badRow.locator('td').nth(2)).toHaveText('身份证号码校验位错误，请核对');

  // Fixed in the same workbook (row 7's number), uploaded again: clean, imported after the confirmation.
  rows[4][2] = trainee;
  await page.reload();
  await expect(page.getByTestId('my-enrollments-empty')).toBeVisible();
  await page.getByTestId('enrollment-notice-ack').check();
  await page.getByLabel('报名表文件').setInputFiles({ name: '报名表.xlsx', mimeType: XLSX_MIME, buffer: await filled() });
  await page.getByRole('button', { name: '上传并检查' }).click();
  await expect(page.getByTestId('enrollment-import-summary')).toContainText('检查通过：共 5 行，可报名 5 条，其中 2 名人员将加入技术人员名单', { timeout: 30_000 });
  await page.getByTestId('enrollment-import-confirm').click();
  const importDialog = page.getByRole('alertdialog');
  await expect(importDialog).toContainText('将导入 5 条报名记录');
  await importDialog.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByTestId('enrollment-import-done')).toContainText('导入完成：已报名 5 条，2 名人员已加入技术人员名单', { timeout: 30_000 });
  const mine = page.getByTestId('my-enrollments');
  await expect(mine.getByTestId('my-enrollment')).toHaveCount(5);
  for (const name of [senior.name, middle.name, junior.name, '周新人', '吴新员']) await expect(mine).toContainText(name);

  // The roster: 5 people, of whom 郑高工 senior and 孙中工, 周新人 intermediate.
  await page.getByRole('link', { name: '技术人员', exact: true }).click();
  await expect(page.getByTestId('roster-counts')).toContainText('共 5 人');
  await expect(page.getByTestId('roster-row').filter({ hasText: '周新人' })).toContainText('中级');

  // 3. 资质申请 for 二级 with every intermediate-or-higher person on the roster: one short.
  await page.getByRole('link', { name: '资质管理' }).first().click();
  await expect(page).toHaveURL(/\/portal\/membership\/qualification$/);
  await expect(page.getByTestId('current-qualification')).toContainText('贵单位尚未取得资质等级');
  const entries = page.getByTestId('qualification-entries');
  await entries.locator('li[data-variant="apply"]').getByRole('link', { name: '资质申请' }).click();
  await expect(page.getByTestId('company-basic')).toContainText(org.orgName);
  await page.getByLabel('申请等级').selectOption({ label: '二级' });
  const hints = page.getByTestId('staff-requirement-hints');
  await expect(hints).toContainText('二级资质要求高级技术人员不少于1人，当前已添加0人');
  await expect(hints).toContainText('二级资质要求中级及以上技术人员不少于3人，当前已添加0人');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/qualification\/[0-9a-f-]{36}\/edit\?step=2$/);
  const editUrl = page.url().replace(/\?step=2$/, '');

  // The picker offers the whole roster (name, grade, title), the new people from the import among them.
  const picker = page.getByLabel('选择技术人员');
  await expect(picker.locator('option')).toHaveCount(6);
  for (const o of ['郑高工（高级 · 工程师）', '孙中工（中级 · 工程师）', '钱初工（初级 · 工程师）', '周新人（中级 · 工程师）', '吴新员（初级 · 助理工程师）']) await expect(picker.locator('option', { hasText: o })).toHaveCount(1);
  await attachPerson(page, '郑高工（高级 · 工程师）', senior.name);
  await attachPerson(page, '孙中工（中级 · 工程师）', middle.name);
  await attachPerson(page, '周新人（中级 · 工程师）', '周新人');
  await expect(hints).toContainText('二级资质要求高级技术人员不少于1人，当前已添加1人（已满足）');
  await expect(hints).toContainText('二级资质要求中级及以上技术人员不少于3人，当前已添加2人（还差1人）');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('required-materials')).toContainText('资质申请表（盖章扫描件）、营业执照、技术人员证书复印件');
  await uploadInto(page, '资质申请表（盖章扫描件）', '资质申请表.pdf', page.getByTestId('application_form-documents'));
  await uploadInto(page, '营业执照', '营业执照.pdf', page.getByTestId('business_license-documents'));
  await uploadInto(page, '技术人员证书复印件', '技术人员证书.pdf', page.getByTestId('staff_certificates-documents'));
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '二级资质要求中级及以上技术人员不少于3人，当前已添加2人' })).toBeVisible();
  await expect(page.getByTestId('application-status')).toHaveText('草稿');

  // 4. The missing person: a fourth intermediate on the roster, then attached to the draft.
  await page.getByRole('link', { name: '技术人员', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/staff$/);
  const fourth: Staff = { name: '赵中工', idType: '居民身份证', idNumber: randomResidentId('male'), grade: '中级' };
  await addStaff(page, fourth);
  await expect(page.getByTestId('roster-counts')).toContainText('共 6 人');
  await page.getByRole('link', { name: '资质管理' }).first().click();
  await entries.locator('li[data-variant="apply"]').getByRole('link', { name: '继续填写（资质申请）' }).click();
  await expect(page).toHaveURL(editUrl);
  await expect(page.getByLabel('申请等级').locator('option:checked')).toHaveText('二级');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(hints).toContainText('当前已添加2人（还差1人）');
  await expect(page.getByTestId('attached-staff').locator('tr[data-person]')).toHaveCount(3);
  await attachPerson(page, '赵中工（中级 · 工程师）', fourth.name);
  await expect(hints).toContainText('二级资质要求中级及以上技术人员不少于3人，当前已添加3人（已满足）');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('staff_certificates-documents')).toContainText('技术人员证书.pdf');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确认提交' }).click();
  await expect(page).toHaveURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('application-status')).toHaveText('已提交，待协会接收');
  const applicationUrl = page.url();
  const number = (await page.locator('h1 + span.font-mono').first().textContent())!.trim();
  expect(number).toMatch(/^ZZSQ\d{10}$/);
  await expect(page.getByRole('link', { name: '修改资料' })).toBeVisible();

  // 5. The association receives it: the review page shows the four people and both requirements met.
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'reviewer', 'Review1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto(`/staff/queue?q=${number}`);
  await staff.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  const summary = staff.getByTestId('application-summary');
  await expect(summary).toContainText(org.orgName);
  for (const who of ['郑高工（高级）', '孙中工（中级）', '周新人（中级）', '赵中工（中级）']) await expect(summary).toContainText(who);
  await expect(summary).toContainText('安全技术防范高级工程师证');
  await expect(summary.locator('dd[data-tone="success"]')).toHaveCount(2);
  await expect(summary.locator('dd[data-tone="success"]').filter({ hasText: '要求 3 · 已添加 3 · 满足' })).toHaveCount(1);
  await staff.getByRole('button', { name: '接收材料', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('协会已接收，审核中');

  // The enterprise can no longer edit: no 修改资料, no upload fields, the form leads back to the application.
  await page.reload();
  await expect(page.getByTestId('application-status')).toHaveText('协会已接收，审核中');
  await expect(page.getByRole('link', { name: '修改资料' })).toHaveCount(0);
  await expect(page.getByTestId('application-slots')).toHaveCount(0);
  await page.goto(editUrl);
  await expect(page).toHaveURL(applicationUrl);

  // Approved.
  await staff.getByLabel('审核意见').fill('技术人员与材料符合二级资质要求，同意授予');
  await staff.getByRole('button', { name: '审核通过', exact: true }).click();
  await staff.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(staff.getByTestId('application-status')).toHaveText('审核通过');
  await staff.context().close();

  // 6. The qualification certificate: the PDF carries the company's Chinese name, the level and the number.
  await page.goto('/portal/membership/qualification');
  await expect(page.getByTestId('qualification-level')).toHaveText('二级');
  await expect(page.getByTestId('qualification-status')).toHaveText('有效');
  const certNumber = (await page.getByTestId('qualification-certificate').textContent())!.trim();
  expect(certNumber).toMatch(/^ZZ\d{10}$/);
  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('qualification-certificate-download').click();
  const file = await pdfDownload;
  const bytes = new Uint8Array(fs.readFileSync((await file.path())!));
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  const text = squash(await pdfText(bytes));
  expect(text).toContain(org.orgName);
  expect(text).toContain('二级');
  expect(text).toContain(certNumber);

  // The number verifies at /verify, as anyone would check it.
  await page.goto('/verify');
  await page.getByLabel('编号').fill(certNumber);
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${certNumber}$`));
  await expect(page.getByText(certNumber).first()).toBeVisible();
  await expect(page.getByText('资质等级证书').first()).toBeVisible();
  await expect(page.getByText('有效', { exact: true }).first()).toBeVisible();
});
