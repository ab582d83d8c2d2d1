import { expect, test, type Page } from '@playwright/test';
import { signInWithPassword } from './helpers';

/**
 * The console's filter forms at the widths staff use (a laptop, a small laptop, a tablet, a phone): no field sticks
 * out of its place over the next one. The queue's date fields need 160 px for the date and the picker
 * (components/ui/input.tsx); in a grid of eight equal columns they got 129 px at 1366 px and 86 px at 1024 px, and
 * covered the assignee select.
 */

/** The form fields (and buttons) of the page's filter form that are wider than the box they sit in, e.g. "input#f-from 160 in 129". */
async function fieldsOutOfPlace(page: Page): Promise<string[]> {
  return page.getByRole('search').evaluate((form) =>
    [...form.querySelectorAll('input:not([type=hidden]), select, button, a')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .flatMap((el) => {
        const r = el.getBoundingClientRect();
        const p = el.parentElement!.getBoundingClientRect();
        return r.right > p.right + 1 || r.left < p.left - 1 ? [`${el.tagName.toLowerCase()}#${el.id} ${Math.round(r.width)} in ${Math.round(p.width)}`] : [];
      }),
  );
}

test('the queue and the outbox lay out their filters without overlap at 1366, 1024, 768 and 390 px', async ({ page }) => {
  await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
  await expect(page).toHaveURL(/\/staff/);
  for (const width of [1366, 1024, 768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/staff/queue', '/staff/outbox']) {
      await page.goto(path);
      await expect(page.getByRole('search')).toBeVisible();
      expect(await fieldsOutOfPlace(page), `${path} at ${width} px`).toEqual([]);
      // The dates keep their full width (the date and the picker's icon).
      for (const date of await page.getByRole('search').locator('input[type=date]').all()) expect((await date.boundingBox())!.width).toBeGreaterThanOrEqual(159);
    }
  }
});
