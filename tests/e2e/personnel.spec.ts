import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { pdfText, squash } from '../helpers/pdf-text';
import { newPerson, registerIndividualViaUi, signInWithPassword } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const DEMO_UT_PLAN = '2027年第一期超声检测Ⅱ级考试';

/** Beijing date `days` from today (YYYY-MM-DD). */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

test('a new person registers, adds a photo from the phone and a major by its old name, enrolls for a 取证补考, prints and uploads the signed form; reviewed, results imported, certificate issued, downloaded and verified', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const p = newPerson('male');

  // Sign-up with an ID number (the existing individual registration), then sign in by the ID number.
  await registerIndividualViaUi(page, p);
  await signInWithPassword(page, p.idNumber, p.password, 'individual');
  await expect(page).toHaveURL(/\/portal$/);

  // Module C asks for the personnel profile first.
  await page.goto('/portal/personnel');
  await page.getByRole('link', { name: '完善人员信息' }).click();
  await expect(page).toHaveURL(/\/portal\/personnel\/profile/);
  await expect(page.getByTestId('profile-id-number')).toHaveText(p.idNumber);

  // The photo, from the phone page; the desktop page updates by itself.
  const photoField = page.getByTestId('upload-field-personnel_photo');
  await expect(photoField.getByTestId('personnel_photo-help')).toContainText('不超过5MB');
  await photoField.getByRole('button', { name: '用手机上传' }).click();
  const dialog = page.getByTestId('phone-upload-dialog');
  const url = (await dialog.getByTestId('phone-upload-url').textContent())!.trim();
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const phone = await phoneContext.newPage();
  await phone.goto(url);
  await expect(phone.getByText('上传到：学员照片')).toBeVisible();
  const jpg = await sharp({ create: { width: 360, height: 480, channels: 3, background: '#438edb' } }).jpeg().toBuffer();
  await phone.getByTestId('phone-pick').setInputFiles({ name: 'IMG_2001.jpg', mimeType: 'image/jpeg', buffer: jpg });
  await expect(phone.getByText('上传成功！请回到电脑上继续操作。')).toBeVisible();
  await phoneContext.close();
  await expect(dialog).toBeHidden();
  await expect(photoField.getByTestId('personnel_photo-documents')).toContainText('IMG_2001.jpg');
  await expect(page.getByTestId('profile-photo-preview')).toBeVisible();

  // Education, and the major by its old name: the new name is filled in.
  await page.getByLabel('学历').selectOption({ label: '大学本科' });
  await page.getByLabel('理工科（从专业目录选择）').check();
  await page.getByLabel('原专业名称').selectOption({ label: '给水排水工程（080705）→ 现为 给排水科学与工程' });
  await expect(page.getByTestId('major-filled')).toHaveValue('给排水科学与工程（081003）');
  await page.getByLabel('工作单位').fill('浙江省特种设备检验研究院');
  await page.getByLabel('职称').fill('工程师');
  await page.getByLabel('从事本专业工作年限（年）').fill('6');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('人员信息已保存')).toBeVisible();

  // 检测人员考试报名: choose the item, then the enrollment page.
  await page.goto('/portal/personnel/enroll/testing');
  await page.getByLabel(/超声检测二级（UT-Ⅱ）/).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/\/portal\/personnel\/enrollments\/[0-9a-f-]{36}\/edit$/);
  await expect(page.getByTestId('enrollment-item')).toHaveText('超声检测二级（UT-Ⅱ）');
  await expect(page.getByLabel('工作单位')).toHaveValue('浙江省特种设备检验研究院');
  await page.getByLabel('检测性质').selectOption({ label: '检验检测机构' });
  await page.getByLabel('报名类型').selectOption({ label: '取证补考' });

  // Materials, each with the seed's red note.
  for (const [slot, label] of [
    ['id_card', '身份证件扫描件'],
    ['education_cert', '学历证书扫描件'],
    ['vision_cert', '视力（色觉）检查证明'],
  ] as const) {
    const field = page.getByTestId(`upload-field-${slot}`);
    await expect(field.getByTestId(`${slot}-help`)).toBeVisible();
    await field.getByLabel(`选择要上传到“${label}”的文件`).setInputFiles({ name: `${label}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await expect(field.getByTestId(`${slot}-documents`)).toContainText(`${label}.pdf`);
  }
  await expect(page.getByTestId('upload-field-signed_form')).toHaveCount(0);

  // An open plan of the item.
  await page.getByTestId('plan-picker').getByLabel(new RegExp(DEMO_UT_PLAN)).check();

  // 直接申请 without the retake subjects and date: refused next to the fields.
  await page.getByRole('button', { name: '直接申请' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '直接申请' }).click();
  await expect(page.getByTestId('retakeSubjects-error')).toHaveText('补考须选择补考科目');
  await expect(page.getByTestId('previousExamDate-error')).toHaveText('补考须填写上次考试时间');
  await expect(page).toHaveURL(/\/edit$/);

  // With them: accepted.
  await page.getByLabel('实际操作技能考试').check();
  await page.getByLabel('上次考试时间').fill(beijingDay(-60));
  await page.getByRole('button', { name: '直接申请' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '直接申请' }).click();
  await expect(page).toHaveURL(/\/portal\/personnel\/status\?submitted=JC\d{10}$/);
  const number = new URL(page.url()).searchParams.get('submitted')!;
  const row = page.getByTestId('status-row').filter({ hasText: number });
  await expect(row.getByTestId('review-status')).toHaveText('待审核');
  await expect(row).toContainText('待上传签字申请表');

  // Print the form (a PDF with real Chinese text), then upload the signed scan.
  const formHref = await row.getByTestId('print-form').getAttribute('href');
  const formPdf = await page.request.get(formHref!);
  expect(formPdf.headers()['content-type']).toContain('application/pdf');
  const formText = squash(await pdfText(new Uint8Array(await formPdf.body())));
  expect(formText).toContain('特种设备检测人员考试报名申请表');
  expect(formText).toContain('给排水科学与工程');
  expect(formText).toContain('取证补考');
  await row.getByTestId('modify-attachments').click();
  await expect(page).toHaveURL(/\/edit#materials$/);
  const signed = page.getByTestId('upload-field-signed_form');
  await signed.getByLabel('选择要上传到“签字申请表（扫描件）”的文件').setInputFiles({ name: '签字申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(signed.getByTestId('signed_form-documents')).toContainText('签字申请表.pdf');

  // The exam institution's reviewer approves the qualification.
  const reviewer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(reviewer, 'reviewer', 'Review1234', 'staff');
  await expect(reviewer).toHaveURL(/\/staff$/);
  await reviewer.goto(`/staff/queue?q=${number}`);
  await reviewer.getByTestId('queue-table').getByRole('link', { name: new RegExp(number) }).click();
  await expect(reviewer.getByTestId('application-summary')).toContainText('给排水科学与工程');
  await reviewer.getByRole('button', { name: '资格审核通过' }).click();
  await reviewer.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
  await expect(reviewer.getByTestId('application-status')).toHaveText('资格审核通过');
  await reviewer.context().close();

  // The exam administrator imports the results from Excel, then issues the certificates.
  const admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signInWithPassword(admin, 'examadmin', 'Exam1234', 'staff');
  await expect(admin).toHaveURL(/\/staff$/);
  await admin.goto('/staff/personnel/plans');
  await admin.getByRole('link', { name: DEMO_UT_PLAN }).click();
  await expect(admin.getByTestId('plan-enrollments')).toContainText(number);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow(['报名编号', '姓名', '考试结果', '理论成绩', '实操成绩', '备注']);
  ws.addRow([number, p.name, '合格', '', '88', '']);
  await admin.locator('#results-file').setInputFiles({ name: '成绩.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
  await admin.getByRole('button', { name: '导入成绩' }).click();
  await expect(admin.getByText('已导入 1 条成绩：合格 1 人，不合格或缺考 0 人')).toBeVisible();
  await admin.getByTestId('certify-passed').click();
  await admin.getByRole('alertdialog').getByRole('button', { name: '发证' }).click();
  await expect(admin.getByText(/已为 \d+ 人颁发证书/)).toBeVisible();
  await admin.context().close();

  // The candidate sees the result and the certificate; it downloads with real Chinese text and verifies.
  await page.goto('/portal/personnel/status');
  const done = page.getByTestId('status-row').filter({ hasText: number });
  await expect(done.getByTestId('exam-result')).toContainText('合格');
  await expect(done.getByTestId('certification-status')).toHaveText('已发证');
  const certNumber = (await done.getByText(/^TSRY\d{10}$/).textContent())!.trim();
  await page.goto('/portal/certificates');
  const certRow = page.getByTestId('my-certificates').getByRole('row').filter({ hasText: certNumber });
  const certHref = await certRow.getByTestId('certificate-download').getAttribute('href');
  const certPdf = await page.request.get(certHref!);
  expect(certPdf.headers()['content-type']).toContain('application/pdf');
  const certText = squash(await pdfText(new Uint8Array(await certPdf.body())));
  expect(certText).toContain('特种设备检验检测人员证书');
  expect(certText).toContain(p.name);
  expect(certText).toContain(certNumber);
  await page.goto(`/verify/${certNumber}`);
  await expect(page.getByTestId('verify-result').first()).toContainText('有效');
  await expect(page.getByText('特种设备检验检测人员证书').first()).toBeVisible();
});
