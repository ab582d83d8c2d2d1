import { expect, test, type Page, type Response } from '@playwright/test';
import { signInWithPassword } from './helpers';

/**
 * Issue #17 (light pages): the region picker bundles only the 34 provinces and
 * fetches a province's cities and districts from the cached region route.
 * The other specs that fill a picker (organization, membership, review, exam
 * registration …) run unchanged; this one checks what only the fetch adds:
 * no script of the page carries the tree, one request per province, the
 * waiting state, a failure with 重试, an initial value, the English names.
 */

/** The bodies of the page's scripts, collected while the page loads. */
function collectScripts(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on('response', (r: Response) => {
    if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
  });
  return bodies;
}

/** The paths of the region route asked for. */
function regionRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/regions/')) seen.push(url.pathname);
  });
  return seen;
}

test.describe('region picker', () => {
  test('the page carries only the province list; a province is fetched once, from the cached route, when chosen', async ({ page }) => {
    const scripts = collectScripts(page);
    const asked = regionRequests(page);
    await page.goto('/register/organization');
    const province = page.getByLabel('省', { exact: true });
    await expect(province).toBeEnabled();
    await expect(province.locator('option')).toHaveCount(35);
    expect(asked).toEqual([]);
    // A district's name appears in no script of the page (the tree's 西湖区, the English "Xihu District").
    const texts = await Promise.all(scripts);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((t) => t.includes('西湖区') || t.includes('Xihu District'))).toEqual([]);

    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/regions/330000');
    await province.selectOption({ label: '浙江省' });
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    await page.getByLabel('市', { exact: true }).selectOption({ label: '杭州市' });
    await page.getByLabel('区县', { exact: true }).selectOption({ label: '西湖区' });

    await province.selectOption({ label: '北京市' });
    await page.getByLabel('区县', { exact: true }).selectOption({ label: '海淀区' });
    // Back to a province already fetched: its cities at once, no second request.
    await province.selectOption({ label: '浙江省' });
    await expect(page.getByLabel('市', { exact: true })).toBeEnabled();
    await page.getByLabel('市', { exact: true }).selectOption({ label: '宁波市' });
    expect(asked).toEqual(['/api/regions/330000', '/api/regions/110000']);
  });

  test('while a province loads its selects wait with 加载中…; a failed fetch says so and 重试 fetches again', async ({ page }) => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    // The first answer is held, then fails as a dropped connection would; the second goes through.
    await page.route(
      (url) => url.pathname === '/api/regions/330000',
      async (route) => {
        calls += 1;
        if (calls === 1) {
          await held;
          await route.abort('failed');
        } else {
          await route.continue();
        }
      },
    );
    await page.goto('/register/organization');
    const province = page.getByLabel('省', { exact: true });
    const city = page.getByLabel('市', { exact: true });
    const district = page.getByLabel('区县', { exact: true });
    await province.selectOption({ label: '浙江省' });
    await expect(city).toBeDisabled();
    await expect(city.locator('option').first()).toHaveText('加载中…');
    await expect(district).toBeDisabled();
    await expect(district.locator('option').first()).toHaveText('加载中…');

    release();
    const failed = page.getByTestId('regionCode-load-failed');
    await expect(failed).toContainText('地区数据加载失败');
    await expect(city).toBeDisabled();
    await failed.getByRole('button', { name: '重试' }).click();
    await expect(failed).toHaveCount(0);
    await city.selectOption({ label: '杭州市' });
    await district.selectOption({ label: '西湖区' });
    expect(calls).toBe(2);
  });

  test('an initial value names its province: the account page shows the saved district once fetched, in English too', async ({ page, baseURL }) => {
    const asked = regionRequests(page);
    // The demo enterprise (README: orgdemo), registered in 浙江省 杭州市 西湖区.
    await signInWithPassword(page, 'orgdemo', 'Org12345', 'organization');
    await expect(page).toHaveURL(/\/portal$/);
    await page.goto('/portal/account');
    await expect(page.locator('#regionCode-province')).toHaveValue('330000');
    await expect(page.locator('#regionCode-city')).toHaveValue('330100');
    await expect(page.locator('#regionCode-district')).toHaveValue('330106');
    expect(asked).toEqual(['/api/regions/330000']);

    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await page.reload();
    await expect(page.locator('#regionCode-province option:checked')).toHaveText('Zhejiang');
    await expect(page.locator('#regionCode-city option:checked')).toHaveText('Hangzhou');
    await expect(page.locator('#regionCode-district option:checked')).toHaveText('Xihu District');
  });
});
