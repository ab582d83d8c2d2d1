import { expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { maskIdNumber } from '@/lib/reference/validators';
import { newCreditCode, newEnterprise } from './helpers';

export { newCreditCode, newEnterprise };

/**
 * Module B steps shared by its e2e specs: a new enterprise signs up, keeps its
 * technical staff (技术人员), fills in the enrollment workbook, and attaches
 * people and materials to a qualification application.
 */

export type Staff = { name: string; idType: '居民身份证' | '护照'; idNumber: string; grade: '高级' | '中级' | '初级'; gender?: '男' | '女'; birthDate?: string };

/**
 * 新增技术人员 through the form from the roster page; returns to the list,
 * which shows the person with a masked number. `extra` fills more of the form
 * (certificates, a photo) before 添加.
 */
export async function addStaff(page: Page, s: Staff, extra: (page: Page) => Promise<void> = async () => {}) {
  await page.getByRole('link', { name: '新增技术人员' }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/staff\/new$/);
  const form = page.getByTestId('staff-person-form');
  await form.getByLabel('姓名').fill(s.name);
  await form.getByLabel('技术等级').selectOption({ label: s.grade });
  await form.getByLabel('证件类型').selectOption({ label: s.idType });
  await form.getByLabel('证件号码', { exact: true }).fill(s.idNumber);
  if (s.idType === '居民身份证') await expect(form.getByTestId('staff-derived')).toContainText('从证件号码读取');
  else {
    await form.getByLabel('性别').selectOption({ label: s.gender! });
    await form.getByLabel('出生日期').fill(s.birthDate!);
  }
  await form.getByLabel('学历').selectOption({ label: '大学本科' });
  await form.getByLabel('职称').fill('工程师');
  await extra(page);
  await form.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/membership\/staff\?added=1$/);
  const row = page.getByTestId('roster-row').filter({ hasText: s.name });
  await expect(row).toContainText(maskIdNumber(s.idNumber));
  await expect(row).toContainText(s.grade);
  await expect(row).not.toContainText(s.idNumber);
}

/** The header of the enrollment workbook's first sheet (报名表), stars marking required columns, as in the template. */
export const ENROLLMENT_HEADER = ['姓名*', '证件类型*', '证件号码*', '性别', '出生日期', '学历', '职称', '岗位', '技术等级*', '课程编号*'];

/** The enrollment file as the enterprise fills it in Excel (header with stars, as in the template). */
export async function enrollmentFile(rows: Array<Array<string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名表');
  ws.addRow(ENROLLMENT_HEADER);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(3).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A resident ID number with a wrong check digit (the import reports it on its row). */
export const withWrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

/** A minimal valid PDF for document slots. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Uploads a PDF into a document slot of a qualification form and waits until the server has listed it. */
export async function uploadInto(page: Page, label: string, fileName: string, list: Locator) {
  await page.getByLabel(`选择要上传到“${label}”的文件`).setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
  // Listed once the server has checked it (the name shows on the progress bar first).
  await expect(list).toContainText(fileName);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

/**
 * Step 2 of a qualification form: picks a person from the roster (`option` as
 * the picker shows it, "name（grade · title）") and uploads their document.
 */
export async function attachPerson(page: Page, option: string, name: string) {
  await page.getByLabel('选择技术人员').selectOption({ label: option });
  await page.getByRole('button', { name: '添加', exact: true }).click();
  const row = page.getByTestId('attached-staff').locator(`tr[data-person="${name}"]`);
  await expect(row).toBeVisible();
  await uploadInto(page, `${name}的技术人员资料`, `${name}-职称证书.pdf`, row.getByTestId('staff_documents-documents'));
}
