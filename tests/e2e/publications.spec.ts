import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { signInWithPassword } from './helpers';

/** A tiny but valid PDF (header, catalog, empty page tree, trailer). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

test('an admin publishes a review document with a PDF; a visitor finds, opens and downloads it; unpublished, it is gone', async ({ page, browser, baseURL }) => {
  const title = `鉴定评审工作程序（E2E ${Date.now().toString(36)}）`;
  await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
  await expect(page).toHaveURL(/\/staff$/);

  // New notice: review module, 鉴定评审文件, no publish date (a draft).
  await page.goto('/staff/notices');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('信息发布');
  await page.getByRole('link', { name: '新建信息' }).click();
  await expect(page.getByTestId('attachments-after-save')).toHaveText('保存后即可上传附件。');
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('模块').selectOption({ label: '鉴定评审' });
  await page.getByLabel('类别').selectOption({ label: '鉴定评审文件' });
  await page.getByLabel('正文').fill('第一段：<b>不是粗体</b><script>window.__pwned = 1</script>\n第一段第二行\n\n第二段');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/staff\/notices\/[0-9a-f-]{36}\/edit\?created=1$/);
  const id = /notices\/([0-9a-f-]{36})\/edit/.exec(page.url())![1];
  await expect(page.getByTestId('notice-status')).toContainText('草稿');

  // A PNG named .pdf is refused by the server's content check, with its message.
  const attachments = page.getByTestId('notice-attachments');
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#06c' } }).png().toBuffer();
  await attachments.getByLabel('选择要上传的附件').setInputFiles({ name: '假文件.pdf', mimeType: 'application/pdf', buffer: png });
  await expect(attachments.getByRole('alert')).toHaveText('「假文件.pdf」的扩展名与实际内容（PNG）不符，请选择原始文件重新上传');

  // The real PDF: uploaded with a progress bar, checked, listed.
  await page.route(/\/uploads\//, async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await attachments.getByLabel('选择要上传的附件').setInputFiles({ name: '评审程序.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(attachments.getByRole('progressbar', { name: '正在上传 评审程序.pdf' })).toBeVisible();
  await expect(attachments.getByTestId('attachment-list')).toContainText('评审程序.pdf');
  await expect(attachments.getByRole('status')).toHaveText('已添加附件「评审程序.pdf」');
  await page.unroute(/\/uploads\//);

  // A visitor cannot see the draft nor its file.
  const visitor = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const anon = await visitor.newPage();
  expect((await anon.goto(`/notices/${id}`))!.status()).toBe(404);
  expect((await visitor.request.get(`${baseURL}/api/notices/${id}/attachments/0`, { maxRedirects: 0 })).status()).toBe(404);

  // 立即发布, confirmed.
  await page.getByRole('button', { name: '立即发布' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(`立即发布「${title}」？`);
  await confirm.getByRole('button', { name: '立即发布' }).click();
  await expect(page.getByTestId('notice-status')).toContainText('已发布');

  // The visitor finds it under 鉴定评审文件 and opens it.
  await anon.goto('/notices');
  await anon.getByRole('navigation', { name: '按类别筛选' }).getByRole('link', { name: '鉴定评审文件' }).click();
  await expect(anon).toHaveURL(/\/notices\?category=document$/);
  await anon.getByTestId('notice-list').getByRole('link', { name: title }).click();
  await expect(anon).toHaveURL(new RegExp(`/notices/${id}$`));
  await expect(anon.getByRole('heading', { level: 1 })).toHaveText(title);
  // Plain text: markup shows as typed and never runs; a blank line makes a paragraph.
  const body = anon.getByTestId('notice-body');
  await expect(body.locator('p')).toHaveCount(2);
  await expect(body.locator('p').first()).toContainText('第一段：<b>不是粗体</b><script>window.__pwned = 1</script>');
  await expect(body.locator('b, script')).toHaveCount(0);
  expect(await anon.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  const files = anon.getByTestId('notice-attachments');
  await expect(files).toContainText('评审程序.pdf');
  await expect(files).toContainText(`${PDF.length} B`);
  const href = await files.getByRole('link', { name: '评审程序.pdf', exact: true }).getAttribute('href');
  expect(href).toBe(`/api/notices/${id}/attachments/0`);
  const redirect = await visitor.request.get(`${baseURL}${href}`, { maxRedirects: 0 });
  expect(redirect.status()).toBe(302);
  const res = await visitor.request.get(`${baseURL}${href}`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toContain(encodeURIComponent('评审程序.pdf'));
  expect(Buffer.from(await res.body()).equals(PDF)).toBe(true);

  // 撤回发布, confirmed: the public page and the file are gone.
  await page.getByRole('button', { name: '撤回发布' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '撤回发布' }).click();
  await expect(page.getByTestId('notice-status')).toContainText('草稿');
  expect((await anon.goto(`/notices/${id}`))!.status()).toBe(404);
  expect((await visitor.request.get(`${baseURL}${href}`, { maxRedirects: 0 })).status()).toBe(404);
  await anon.goto('/notices?category=document');
  await expect(anon.getByRole('link', { name: title })).toHaveCount(0);
  await visitor.close();

  // The staff list still has it, as a draft.
  await page.goto('/staff/notices?status=draft');
  await expect(page.getByTestId('staff-notice-table').getByRole('link', { name: title })).toBeVisible();
});
