import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { maskIdNumber } from '@/lib/reference/validators';
import { randomResidentId } from '@/db/seed/identity-data';
import { signInWithPassword } from './helpers';
import { ENROLLMENT_HEADER, XLSX_MIME, addStaff, enrollmentFile, newEnterprise, withWrongCheckDigit, type Staff } from './membership-helpers';

test('an enterprise keeps its technical staff and enrolls them in training by batch upload; staff see and export the enrollments', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const org = await newEnterprise(page);

  // 技术人员 from the portal navigation.
  await page.getByRole('link', { name: '技术人员', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/staff$/);
  await expect(page.getByTestId('roster-empty')).toBeVisible();

  const senior: Staff = { name: '陈高工', idType: '居民身份证', idNumber: randomResidentId('male'), grade: '高级' };
  const middle: Staff = { name: '林中工', idType: '居民身份证', idNumber: randomResidentId('female'), grade: '中级' };
  const foreign: Staff = { name: '陈初工', idType: '护照', idNumber: `E${crypto.randomInt(10_000_000, 99_999_999)}`, grade: '初级', gender: '男', birthDate: '1992-04-18' };
  const png = await sharp({ create: { width: 60, height: 80, channels: 3, background: '#3a6ea5' } }).png().toBuffer();

  // The first with a certificate and a photo (JPG/PNG through the documents platform, a progress bar, then a preview).
  await addStaff(page, senior, async (p) => {
    const form = p.getByTestId('staff-person-form');
    await form.getByRole('button', { name: '添加证书' }).click();
    await form.getByLabel('证书名称').fill('安全技术防范高级工程师证');
    await form.getByLabel('证书编号').fill('AF-G-2026-0001');
    await form.getByLabel('有效期至').fill('2029-12-31');
    await p.locator('#staff-photo').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: png });
    await expect(form.getByTestId('staff-photo-preview')).toBeVisible({ timeout: 20_000 });
  });
  await expect(page.getByTestId('roster-row').filter({ hasText: senior.name })).toContainText('安全技术防范高级工程师证');
  await addStaff(page, middle);
  await addStaff(page, foreign);
  await expect(page.getByTestId('roster-counts')).toContainText('共 3 人');

  // The same number again: the message next to the field, nothing added.
  await page.getByRole('link', { name: '新增技术人员' }).click();
  const form = page.getByTestId('staff-person-form');
  await form.getByLabel('姓名').fill('重复的人');
  await form.getByLabel('证件号码', { exact: true }).fill(middle.idNumber);
  await form.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByTestId('staff-idNumber-error')).toHaveText('该证件号码已在本单位技术人员名单中');
  await page.getByRole('link', { name: '返回技术人员名单' }).click();
  await expect(page.getByTestId('roster-row')).toHaveCount(3);

  // 培训报名: the open courses, the 报名须知 before the upload.
  await page.getByRole('link', { name: '培训报名', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/training$/);
  const firstCourse = page.getByTestId('open-course').first();
  const courseCode = (await firstCourse.locator('td').first().textContent())!.trim();
  const courseName = (await firstCourse.locator('td').nth(1).locator('span').first().textContent())!.trim();
  await expect(page.getByTestId('enrollment-notice')).toContainText('报名须知');
  await expect(page.getByTestId('batch-enrollment')).toHaveCount(0);
  await page.getByTestId('enrollment-notice-ack').check();
  await expect(page.getByTestId('batch-enrollment')).toContainText('导入时将自动加入名单');

  // The template is a real workbook with the header and today's courses.
  const download = page.waitForEvent('download');
  await page.getByTestId('enrollment-template-download').click();
  const template = await download;
  expect(template.suggestedFilename()).toBe('技术人员培训报名表.xlsx');
  const tpl = new ExcelJS.Workbook();
  await tpl.xlsx.readFile((await template.path())!);
  expect(tpl.worksheets.map((w) => w.name)).toEqual(['报名表', '填写说明', '可报名课程', 'lists']);
  expect((tpl.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(ENROLLMENT_HEADER);
  expect(tpl.getWorksheet('可报名课程')!.getColumn(1).values).toContain(courseCode);

  // A file with one bad row (a wrong check digit on row 6).
  const fresh = randomResidentId('female');
  const bad = randomResidentId('male');
  const badId = withWrongCheckDigit(bad);
  const good = [
    [senior.name, '居民身份证', senior.idNumber, '', '', '大学本科', '工程师', '', '高级', courseCode],
    [middle.name, '居民身份证', middle.idNumber, '', '', '', '', '', '中级', courseCode],
    [foreign.name, '护照', foreign.idNumber, '男', '1992-04-18', '', '', '', '初级', courseCode],
    ['周新人', '居民身份证', fresh, '', '', '', '助理工程师', '施工员', '初级', courseCode],
  ];
  const upload = page.getByLabel('报名表文件');
  await upload.setInputFiles({ name: '报名表.xlsx', mimeType: XLSX_MIME, buffer: await enrollmentFile([...good, ['吴错号', '居民身份证', badId, '', '', '', '', '', '中级', courseCode]]) });
  await page.getByRole('button', { name: '上传并检查' }).click();
  const report = page.getByTestId('enrollment-import-errors');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('检查发现 1 处问题，未导入任何数据')).toBeVisible();
  const badRow = report.getByTestId('enrollment-import-error');
  await expect(badRow).toHaveCount(1);
  await expect(badRow.locator('td').nth(0)).toHaveText('6');
  await expect(badRow.locator('td').nth(1)).toHaveText('证件号码');
  await expect(badRow.locator('td').nth(2)).toHaveText('身份证号码校验位错误，请核对');
  // The user may import only the correct rows; not this time. Nothing was written.
  await expect(page.getByTestId('enrollment-import-valid-only')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('my-enrollments-empty')).toBeVisible();

  // The corrected file: checked clean, then imported after a confirmation.
  await page.getByTestId('enrollment-notice-ack').check();
  await page.getByLabel('报名表文件').setInputFiles({ name: '报名表.xlsx', mimeType: XLSX_MIME, buffer: await enrollmentFile([...good, ['吴改号', '居民身份证', bad, '', '', '', '', '', '中级', courseCode]]) });
  await page.getByRole('button', { name: '上传并检查' }).click();
  const summary = page.getByTestId('enrollment-import-summary');
  await expect(summary).toContainText('检查通过：共 5 行，可报名 5 条，其中 2 名人员将加入技术人员名单', { timeout: 30_000 });
  await expect(page.getByTestId('enrollment-preview').locator('tbody tr')).toHaveCount(5);
  await page.getByTestId('enrollment-import-confirm').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('将导入 5 条报名记录');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByTestId('enrollment-import-done')).toContainText('导入完成：已报名 5 条，2 名人员已加入技术人员名单', { timeout: 30_000 });
  const mine = page.getByTestId('my-enrollments');
  await expect(mine.getByTestId('my-enrollment')).toHaveCount(5);
  for (const name of [senior.name, middle.name, foreign.name, '周新人', '吴改号']) await expect(mine).toContainText(name);
  await expect(mine).toContainText(courseCode);

  // The new people are on the roster now.
  await page.goto('/portal/membership/staff');
  await expect(page.getByTestId('roster-counts')).toContainText('共 5 人');

  // Staff: 培训管理 lists the course with its enrollments; the course page lists them and exports them.
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(staff, 'admin', 'Admin1234', 'staff');
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.getByRole('link', { name: '培训管理' }).click();
  await expect(staff).toHaveURL(/\/staff\/membership\/training$/);
  const courseRow = staff.getByTestId('staff-course-row').filter({ hasText: courseCode });
  await expect(courseRow.getByTestId('staff-course-enrolled')).toContainText(/\d/);
  await courseRow.getByRole('link', { name: courseName }).click();
  const enrollments = staff.getByTestId('course-enrollments');
  const ours = enrollments.getByTestId('course-enrollment').filter({ hasText: org.orgName });
  await expect(ours).toHaveCount(5);
  await expect(ours.filter({ hasText: middle.name })).toContainText(maskIdNumber(middle.idNumber));
  const exported = staff.waitForEvent('download');
  await staff.getByTestId('course-enrollments-export').click();
  const file = await exported;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${courseCode}-报名名单-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await file.path())!);
  const sheet = wb.worksheets[0];
  expect(sheet.getRow(1).values).toContain('单位');
  const names: string[] = [];
  sheet.eachRow((r, i) => {
    if (i > 1 && r.getCell(1).text === org.orgName) names.push(r.getCell(2).text);
  });
  expect(names.sort()).toEqual([senior.name, middle.name, foreign.name, '周新人', '吴改号'].sort());
  await staff.context().close();
});
