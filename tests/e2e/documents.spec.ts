import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { newPerson, registerIndividualViaUi, signInWithPassword } from './helpers';

const image = (format: 'png' | 'jpeg') => sharp({ create: { width: 16, height: 16, channels: 3, background: '#2060c0' } })[format]().toBuffer();

test.describe('documents: 我的文件', () => {
  test('uploads a PNG with a progress bar, downloads it, refuses a disguised file, and receives a photo from a phone by QR link', async ({ page, browser, baseURL }) => {
    const png = await image('png');
    const jpg = await image('jpeg');
    const p = newPerson();
    await registerIndividualViaUi(page, p);
    await signInWithPassword(page, p.mobile, p.password);
    await expect(page).toHaveURL(/\/portal$/);

    await page.goto('/portal/files');
    await expect(page.getByRole('heading', { name: '我的文件' })).toBeVisible();
    const field = page.getByTestId('upload-field-personal_files');
    await expect(field).toContainText('支持 PDF/JPG/PNG 格式，单个文件不超过 5 MB');
    const list = field.getByTestId('personal_files-documents');

    // Hold the PUT to storage for a moment so the progress bar can be seen.
    await page.route(/\/uploads\//, async (route) => {
      await new Promise((r) => setTimeout(r, 1200));
      await route.continue();
    });
    await field.getByLabel('选择要上传到“个人文件”的文件').setInputFiles({ name: '证件照.png', mimeType: 'image/png', buffer: png });
    const bar = field.getByRole('progressbar', { name: '正在上传 证件照.png' });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
    // The page stays usable while the file uploads.
    await expect(page.getByRole('link', { name: '修改密码' }).first()).toBeEnabled();
    await expect(list).toContainText('证件照.png');
    await expect(bar).toHaveCount(0);
    await page.unroute(/\/uploads\//);

    // Download through the authorized route: 200 with the same bytes and the Chinese name.
    const href = await list.getByRole('link', { name: '证件照.png', exact: true }).getAttribute('href');
    expect(href).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toContain(encodeURIComponent('证件照.png'));
    expect(Buffer.from(await res.body()).equals(png)).toBe(true);
    // Nobody else gets it (and cannot tell it exists).
    const stranger = await browser.newContext();
    expect((await stranger.request.get(`${baseURL}${href}`, { maxRedirects: 0 })).status()).toBe(404);
    await stranger.close();

    // A PNG named .pdf is refused with the server's message, next to the field.
    await field.getByLabel('选择要上传到“个人文件”的文件').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: png });
    await expect(field.getByRole('alert')).toHaveText('「合同.pdf」的扩展名与实际内容（PNG）不符，请选择原始文件重新上传');
    await expect(list).not.toContainText('合同.pdf');

    // 用手机上传: the desktop shows a QR code and the link; a phone opens the link.
    await field.getByRole('button', { name: '用手机上传' }).click();
    const dialog = page.getByTestId('phone-upload-dialog');
    await expect(dialog.getByRole('img', { name: '手机上传二维码' })).toBeVisible();
    const url = (await dialog.getByTestId('phone-upload-url').textContent())!.trim();
    expect(url).toMatch(new RegExp(`^${baseURL}/m/upload/[A-Za-z0-9_-]{43}$`));

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const phone = await phoneContext.newPage();
    await phone.goto(url);
    await expect(phone.getByRole('heading', { name: '手机上传' })).toBeVisible();
    await expect(phone.getByText('上传到：个人文件')).toBeVisible();
    await expect(phone.getByTestId('phone-take')).toHaveAttribute('capture', 'environment');
    await phone.getByTestId('phone-pick').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: jpg });
    await expect(phone.getByText('上传成功！请回到电脑上继续操作。')).toBeVisible();

    // The desktop notices by itself (polling), without a reload.
    await expect(dialog).toBeHidden();
    await expect(list).toContainText('IMG_0001.jpg');
    await expect(field.getByRole('status')).toHaveText('已收到手机上传的文件「IMG_0001.jpg」');
    await expect(list.getByText('手机上传')).toBeVisible();

    // The link was single-use.
    await phone.reload();
    await expect(phone.getByTestId('phone-link-dead')).toContainText('该链接已使用过，每个二维码只能上传一次');
    await phoneContext.close();

    // Delete asks first, then removes the file.
    await list.getByRole('button', { name: '删除 证件照.png' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await expect(field.getByRole('status')).toHaveText('「证件照.png」已删除');
    await expect(list).not.toContainText('证件照.png');
    expect((await page.request.get(href!, { maxRedirects: 0 })).status()).toBe(404);
  });
});
