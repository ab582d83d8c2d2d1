import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { signInWithPassword } from './helpers';

/**
 * Issue #17 (exports and bulk print): as the exam administrator, the exam
 * list and 我的任务 export to Excel with exactly the rows on screen, and the
 * admission tickets of three selected registrations print as one PDF of
 * three pages after a confirmation naming the count.
 */

const RELEASED_EXAM = '2026年度第四次认证人员注册全国统一考试（准考证已发放）';

async function sheetRows(download: Download): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/** Clicks the export button, sees 正在导出… or the file, and returns the download. */
async function exportFrom(page: Page, testId: string): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  await expect(page.getByTestId(testId)).toHaveText('导出 Excel');
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  return download;
}

test.beforeEach(async ({ page }) => {
  await signInWithPassword(page, 'examadmin', 'Exam1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);
});

test('the exam list exports with the rows on screen', async ({ page }) => {
  await page.goto('/staff/exams');
  const table = page.getByTestId('staff-exam-table');
  await expect(table).toBeVisible();
  const onScreen = await table.getByTestId('exam-row').evaluateAll((rows) =>
    rows.map((r) => {
      const cells = [...r.querySelectorAll('td')];
      return [cells[0].querySelector('a')!.textContent!.trim(), cells[5].textContent!.trim(), cells[6].textContent!.trim()];
    }),
  );
  expect(onScreen.map((r) => r[0])).toContain(RELEASED_EXAM);

  const download = await exportFrom(page, 'exams-export');
  expect(download.suggestedFilename()).toMatch(/^考试管理-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = await sheetRows(download);
  expect(rows[0]).toEqual(['考试名称', '状态', '考试日期', '报名时间', '退费时间', '报名人数', '已缴费']);
  expect(rows.slice(1).map((r) => [r[0], r[5], r[6]])).toEqual(onScreen);
  // The released exam: six paid of seven registered, its tickets released.
  expect(rows.find((r) => r[0] === RELEASED_EXAM)?.slice(5)).toEqual(['7', '6']);
  expect(rows.find((r) => r[0] === RELEASED_EXAM)?.[1]).toContain('准考证已发放');
});

/** 我的任务 on screen (each list's application numbers) and its export, compared row for row. */
async function tasksMatch(page: Page): Promise<number> {
  await page.goto('/staff/tasks');
  await expect(page.getByRole('heading', { name: '我的任务', level: 1 })).toBeVisible();
  const numbers = async (testId: string) => {
    const list = page.getByTestId(testId);
    return (await list.count()) ? list.locator('li .font-mono').allTextContents() : [];
  };
  const todo = await numbers('tasks-todo');
  const done = await numbers('tasks-done');
  const rows = await sheetRows(await exportFrom(page, 'tasks-export'));
  expect(rows[0]).toEqual(['列表', '申请类型', '申请人', '申请编号', '状态', '办理期限', '已逾期']);
  expect(rows.slice(1).filter((r) => r[0] === '待办').map((r) => r[3])).toEqual(todo);
  expect(rows.slice(1).filter((r) => r[0] === '已办').map((r) => r[3])).toEqual(done);
  return todo.length + done.length;
}

test('我的任务 exports with the rows on screen', async ({ page, browser }) => {
  // The exam administrator's list (the demo leaves it empty: the sheet holds the header alone).
  await tasksMatch(page);
  // The reviewer has the demo's applications waiting: the same comparison over real rows.
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const reviewer = await ctx.newPage();
  await signInWithPassword(reviewer, 'reviewer', 'Review1234', 'staff');
  await expect(reviewer).toHaveURL(/\/staff$/);
  expect(await tasksMatch(reviewer)).toBeGreaterThan(0);
  await ctx.close();
});

test('bulk print: three selected admission tickets become one PDF of three pages, after a confirmation naming the count', async ({ page }) => {
  await page.goto('/staff/exams');
  const href = await page.getByRole('link', { name: RELEASED_EXAM, exact: true }).getAttribute('href');
  await page.goto(`${href}/registrations?status=paid`);
  await expect(page.getByTestId('registration-row')).toHaveCount(6);
  await expect(page.getByText('每次最多 50 份')).toBeVisible();

  // Nothing selected: told so, no dialog.
  await page.getByTestId('ticket-print').click();
  await expect(page.getByRole('alert').filter({ hasText: '请先勾选' })).toHaveText('请先勾选要打印的准考证');

  for (const name of ['陈晓东', '林雨桐', '黄志强']) await page.getByLabel(`选择 ${name} 的准考证`).check();
  await expect(page.getByTestId('ticket-print')).toHaveText('批量打印所选准考证（3）');
  await page.getByTestId('ticket-print').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('确认批量打印准考证');
  await expect(dialog).toContainText('将把所选 3 份准考证合并为一个 PDF 文件');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '生成 PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/准考证-3\.pdf$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  // Page objects in the PDF (not the /Pages tree).
  expect(bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)).toHaveLength(3);
  await expect(page.getByTestId('ticket-print')).toHaveText('批量打印所选准考证（3）');
});
