import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { COLORS, jpegPhoto } from '../helpers/photos';
import { signInWithPassword } from './helpers';

test('exam ID photo: a wrong background is refused; a valid photo is checked, shown before/after and confirmed', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  // Real files on disk, as a candidate would pick them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exam-photo-e2e-'));
  const validPath = path.join(dir, '证件照.jpg');
  const greenPath = path.join(dir, '绿色背景.jpg');
  fs.writeFileSync(validPath, await jpegPhoto({ background: COLORS.blue }));
  fs.writeFileSync(greenPath, await jpegPhoto({ background: COLORS.green }));
  const validSize = fs.statSync(validPath).size;
  expect(validSize).toBeGreaterThan(30 * 1024);

  await signInWithPassword(page, 'candidate', 'Demo1234', 'individual');
  await expect(page).toHaveURL(/\/portal$/);
  // The module home still answers next to the photo route.
  expect((await page.goto('/portal/exam'))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto('/portal/exam/photo');
  await expect(page.getByRole('heading', { level: 1, name: '证件照片' })).toBeVisible();
  const rules = page.getByTestId('exam-photo-rules');
  await expect(rules).toContainText('格式为 JPG 或 JPEG');
  await expect(rules).toContainText('源文件大于 30KB');
  await expect(rules).toContainText('像素不小于 215×300（宽×高）');
  await expect(rules).toContainText('红色、白色或蓝色的纯色背景');
  await expect(rules).toContainText('不戴帽子');

  const input = page.getByLabel('选择证件照片');
  // A green background: the server's reason next to the field, nothing shown as a photo.
  await input.setInputFiles(greenPath);
  await expect(page.getByTestId('exam-photo-error')).toHaveText('照片背景须为红色、白色或蓝色的纯色背景');

  // A valid photo, with the PUT held a moment so the progress bar shows.
  await page.route(/\/uploads\//, async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await input.setInputFiles(validPath);
  await expect(page.getByRole('progressbar', { name: '正在上传 证件照.jpg' })).toBeVisible();
  await expect(page.getByTestId('exam-photo-notice')).toHaveText('照片已通过审核并处理完成，请核对后点击“确认使用此照片”');
  await page.unroute(/\/uploads\//);
  await expect(page.getByTestId('exam-photo-error')).toHaveCount(0);

  const current = page.getByTestId('exam-photo-current');
  await expect(current).toContainText('待确认');
  await expect(current).toContainText('背景：蓝色');
  const before = page.getByTestId('exam-photo-original');
  const after = page.getByTestId('exam-photo-standard');
  await expect(before).toContainText('原始照片');
  await expect(before).toContainText('600×800 像素');
  await expect(after).toContainText('标准照片');
  await expect(after).toContainText('215×300 像素');
  // Both images really load, the standard one at its 215×300.
  const standardImg = after.getByRole('img', { name: '处理后的标准照片' });
  await expect.poll(() => standardImg.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight])).toEqual([true, 215, 300]);
  await expect.poll(() => before.getByRole('img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([600, 800]);

  // The download route: mine, a small JPEG without metadata, never cached; a stranger gets 404.
  const res = await page.request.get('/api/exam/photo/standard');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/jpeg');
  expect(res.headers()['cache-control']).toContain('no-store');
  const body = await res.body();
  expect(body.byteLength).toBeLessThanOrEqual(12 * 1024);
  const meta = await sharp(body).metadata();
  expect([meta.width, meta.height, meta.exif]).toEqual([215, 300, undefined]);
  expect((await page.request.get('/api/exam/photo/original')).status()).toBe(200);
  const stranger = await browser.newContext();
  expect((await stranger.request.get(`${baseURL}/api/exam/photo/standard`)).status()).toBe(404);
  await stranger.close();

  await page.getByRole('button', { name: '确认使用此照片' }).click();
  await expect(page.getByTestId('exam-photo-notice')).toContainText('照片已确认，可以报名考试');
  await expect(current).toContainText('已确认');
  await expect(page.getByRole('button', { name: '确认使用此照片' })).toHaveCount(0);

  // After a reload the confirmed photo is the current one.
  await page.reload();
  await expect(page.getByTestId('exam-photo-current')).toContainText('当前照片');
  await expect(page.getByTestId('exam-photo-current')).toContainText('已确认');
  await expect(page.getByTestId('exam-photo-standard')).toContainText('215×300 像素');

  // A refused new photo leaves the confirmed one as it was.
  await page.getByLabel('选择证件照片').setInputFiles(greenPath);
  await expect(page.getByTestId('exam-photo-error')).toHaveText('照片背景须为红色、白色或蓝色的纯色背景');
  await page.reload();
  await expect(page.getByTestId('exam-photo-current')).toContainText('已确认');
  fs.rmSync(dir, { recursive: true, force: true });
});
