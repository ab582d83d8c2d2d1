import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { COLORS, jpegPhoto } from '../helpers/photos';
import { newPerson, registerIndividualViaUi, signInWithPassword } from './helpers';

/** The demo exam the seed opens for registration. */
export const EXAM = '2027年度第一次认证人员注册全国统一考试';

/** Uploads a generated ID photo (white background, > 30 KB) and confirms it. */
export async function uploadIdPhoto(page: Page) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exam-e2e-'));
  const photo = path.join(dir, '证件照.jpg');
  fs.writeFileSync(photo, await jpegPhoto({ background: COLORS.white }));
  await page.goto('/portal/exam/photo');
  await page.getByLabel('选择证件照片').setInputFiles(photo);
  await page.getByRole('button', { name: '确认使用此照片' }).click();
  await expect(page.getByRole('button', { name: '确认使用此照片' })).toHaveCount(0);
}

/** From the exam list: the notice with its undertaking ticked, through to the registration info page. */
export async function openRegistration(page: Page, exam = EXAM) {
  await page.goto('/portal/exam');
  await page.getByTestId('open-exams').locator('li', { hasText: exam }).getByRole('link', { name: '报名' }).click();
  await page.getByLabel('我已了解并知悉上述内容并承诺').check();
  await page.getByRole('button', { name: '接受并开始报名' }).click();
  await expect(page).toHaveURL(/\/info$/);
}

/** A new individual registers and signs in, uploads the ID photo and accepts the demo exam's notice: on the info step. */
export async function newCandidateAtInfoStep(page: Page, gender: 'male' | 'female') {
  const p = newPerson(gender);
  await registerIndividualViaUi(page, p);
  await signInWithPassword(page, p.idNumber, p.password);
  await expect(page).toHaveURL(/\/portal$/);
  await uploadIdPhoto(page);
  await openRegistration(page);
  return p;
}

/** The registration info fields a candidate fills (ethnicity, residence in 杭州市西湖区, education, address), not saved. */
export async function fillInfoFields(page: Page) {
  await page.getByLabel('民族').selectOption({ label: '汉族' });
  await page.getByLabel('省', { exact: true }).selectOption({ label: '浙江省' });
  await page.getByLabel('市', { exact: true }).selectOption({ label: '杭州市' });
  await page.getByLabel('区县', { exact: true }).selectOption({ label: '西湖区' });
  await page.getByLabel('学历').selectOption({ label: '大学本科' });
  await page.getByLabel('通讯地址').fill('杭州市西湖区文三路1号');
}

/** The registration info page filled with no invoice and saved: back on the process page, then on to the subjects. */
export async function fillInfo(page: Page) {
  await fillInfoFields(page);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\?saved=info$/);
  await expect(page.getByTestId('step-saved')).toContainText('报名信息已保存');
  await page.getByRole('link', { name: /去填写\s*选择科目/ }).click();
  await expect(page).toHaveURL(/\/subjects$/);
}

/** Subjects and area, then the confirm page ticked and the order created: the page shows the unpaid order. */
export async function chooseAndOrder(page: Page, subjects: string[], area: string) {
  for (const s of subjects) await page.getByLabel(s).check();
  await page.getByRole('button', { name: '保存科目' }).click();
  await expect(page).toHaveURL(/\?saved=subjects$/);
  await page.getByRole('link', { name: /去填写\s*选择考区/ }).click();
  await expect(page).toHaveURL(/\/area$/);
  await page.getByLabel(area).check();
  await page.getByRole('button', { name: '保存考区' }).click();
  await expect(page).toHaveURL(/\?saved=area$/);
  await page.getByRole('link', { name: /去填写\s*网上缴费/ }).click();
  await page.getByLabel('我确认以上报考信息无误').check();
  await page.getByRole('button', { name: '确认并生成订单' }).click();
  await expect(page.getByTestId('unpaid-order')).toBeVisible();
}
