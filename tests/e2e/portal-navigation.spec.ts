import { expect, test, type APIRequestContext } from '@playwright/test';
import { signInWithPassword } from './helpers';

/**
 * The portal's and the console's pages arrive in one piece (issue #17 point 7). They answer in tens of
 * milliseconds, so no loading placeholder stands in for them: a placeholder would hold the content back
 * (React reveals content that follows a shown placeholder no sooner than 300 ms after it, on a first load
 * and on a client navigation alike). What confirms a click instead is the side navigation's spinner while
 * the next page is on its way.
 */

/** Each page answers 200 with its heading and without a Suspense placeholder (React writes one as `<template id="B:n">`). */
async function expectInOnePiece(request: APIRequestContext, paths: string[]) {
  for (const path of paths) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const html = await res.text();
    expect(html, path).not.toMatch(/<template id="B:\d+"/);
    expect(html, path).toContain('<h1');
  }
}

test.beforeEach(async ({ page }) => {
  await signInWithPassword(page, 'candidate', 'Demo1234');
  await expect(page).toHaveURL(/\/portal$/);
});

test('portal pages come with their content, not a placeholder streamed in later', async ({ page }) => {
  await expectInOnePiece(page.request, ['/portal', '/portal/exam', '/portal/applications', '/portal/tasks', '/portal/files']);
});

test('staff console pages come with their content too', async ({ browser }) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  await signInWithPassword(staff, 'admin', 'Admin1234', 'staff');
  await expect(staff).toHaveURL(/\/staff/);
  await expectInOnePiece(staff.request, ['/staff', '/staff/queue', '/staff/notices', '/staff/users', '/staff/audit']);
  await context.close();
});

test('the side navigation shows that the next page is on its way', async ({ page }) => {
  // The page behind 我的申请 answers slowly: its RSC request is held for 1.5 s.
  let held = 0;
  await page.route(/\/portal\/applications(\?|$)/, async (route) => {
    if (route.request().headers()['rsc'] !== '1') return route.continue();
    held++;
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  const nav = page.getByRole('navigation', { name: '申请人中心' }).first();
  const link = nav.getByRole('link', { name: '我的申请' });
  const spinner = link.getByTestId('nav-pending');
  await expect(spinner).not.toHaveAttribute('data-pending');
  await link.click();
  await expect(spinner).toHaveAttribute('data-pending', 'true');
  await expect(page).toHaveURL(/\/portal\/applications$/);
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(spinner).not.toHaveAttribute('data-pending');
  expect(held).toBeGreaterThan(0);
});
