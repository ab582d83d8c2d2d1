import { expect, test } from '@playwright/test';

test.describe('foundation', () => {
  test('the home page renders in Chinese with module entries, notices and support contacts', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一个平台，办理认证认可全部业务');
    for (const name of ['认可预申请', '企业会员与资质', '检验检测人员', '全国统一考试', '鉴定评审']) {
      await expect(page.getByRole('region', { name: '业务入口' }).getByRole('link', { name: new RegExp(name) })).toBeVisible();
    }
    await expect(page.getByTestId('notice-list').getByRole('listitem').first()).toBeVisible();
    await expect(page.getByTestId('support-contacts')).toContainText('咨询电话');
  });

  test('the language switch turns the site into English and back', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('One platform for every certification and accreditation service');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The choice sticks across navigation.
    await page.goto('/notices');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('News and documents');
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('动态信息');
  });

  test('a notice opens from the list', async ({ page }) => {
    await page.goto('/notices');
    const first = page.getByTestId('notice-list').getByRole('link').first();
    const title = await first.textContent();
    await first.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);
  });

  test('the health endpoint is green', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', checks: { database: { ok: true }, storage: { ok: true } } });
  });

  test('the layout works on a phone: navigation moves into a drawer', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: '菜单' }).click();
    const drawer = page.getByRole('dialog', { name: '菜单' });
    await drawer.getByRole('link', { name: '动态信息' }).click();
    await expect(page).toHaveURL(/\/notices$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('动态信息');
    await ctx.close();
  });
});

test('the home page lists the open exam and the help page answers common questions', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('home-open-exams')).toContainText('2027年度第一次认证人员注册全国统一考试');
  await page.getByRole('link', { name: /帮助/ }).first().click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('帮助中心');
  await expect(page.getByText('忘记密码怎么办？')).toBeVisible();
});
