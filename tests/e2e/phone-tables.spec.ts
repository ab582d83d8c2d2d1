import { expect, test, type Page } from '@playwright/test';
import { signInWithPassword } from './helpers';

/**
 * An applicant's lists on a phone (components/ui/table.tsx `stack`, app/globals.css `table[data-stack]`): each row
 * is a card of "heading — value" lines, so its state and its actions are on screen without scrolling sideways; on a
 * desktop the same markup is an ordinary table. Walked as the demo inspector (李明, module C), whose certificates and
 * enrollment are seeded.
 */

/** What a row of the table shows at the current width: the card's width, each cell's label and where the row's links end. */
async function rowLayout(page: Page, table: string) {
  return page.getByTestId(table).evaluate((t) => {
    const region = t.parentElement!;
    const row = t.querySelector('tbody > tr')!;
    const cells = [...row.querySelectorAll(':scope > td')].map((td) => ({
      label: td.getAttribute('data-label'),
      shown: getComputedStyle(td, '::before').content,
      display: getComputedStyle(td).display,
    }));
    return {
      overflows: region.scrollWidth > region.clientWidth + 1,
      headerShown: t.querySelector('thead')!.getBoundingClientRect().height > 1,
      rowDisplay: getComputedStyle(row).display,
      cells,
      linksRight: Math.max(...[...row.querySelectorAll('a')].map((a) => a.getBoundingClientRect().right)),
    };
  });
}

test.describe('lists on a phone', () => {
  test('the certificates and the enrollment status show each row as a labelled card at 390 px, and as a table at 1366 px', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signInWithPassword(page, 'inspector', 'Insp1234');
    await expect(page).toHaveURL(/\/portal$/);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/portal/certificates');
    await expect(page.getByTestId('my-certificates').locator('tbody tr').first()).toBeVisible();
    const phone = await rowLayout(page, 'my-certificates');
    expect(phone.overflows).toBe(false);
    expect(phone.headerShown).toBe(false);
    expect(phone.rowDisplay).toBe('block');
    // Each labelled cell shows its column's heading before its value.
    const labelled = phone.cells.filter((c) => c.label);
    expect(labelled.map((c) => c.label)).toEqual(['证书编号', '证书类型', '持证人', '发证日期', '有效期至', '状态']);
    for (const c of labelled) expect(c.shown).toBe(`"${c.label}"`);
    // The download and verify links are within the phone's width, not off to the right of a scrolling table.
    expect(phone.linksRight).toBeLessThanOrEqual(390);
    await expect(page.getByTestId('certificate-download').first()).toBeInViewport();
    // A screen reader still meets a table: the cell's name starts with its heading.
    await expect(page.getByTestId('my-certificates').getByRole('cell', { name: /^状态/ }).first()).toBeVisible();

    await page.goto('/portal/personnel/status');
    const row = page.getByTestId('status-row').first();
    await expect(row).toBeVisible();
    const status = await rowLayout(page, 'status-table');
    expect(status.overflows).toBe(false);
    expect(status.cells.filter((c) => c.label).map((c) => c.label)).toEqual(['选择', '报名编号', '报名类别 / 项目', '考试计划', '资格审核', '考试结果', '发证状态', '操作']);
    // The review state and the print link, at the far right of the desktop table, are on screen.
    await expect(row.getByTestId('review-status')).toBeInViewport();
    await expect(row.getByTestId('print-form')).toBeInViewport();

    // The same pages on a desktop: an ordinary table with its header row, no label before the values.
    await page.setViewportSize({ width: 1366, height: 900 });
    const desk = await rowLayout(page, 'status-table');
    expect(desk.headerShown).toBe(true);
    expect(desk.rowDisplay).toBe('table-row');
    expect(desk.cells.every((c) => c.display === 'table-cell' && c.shown === 'none')).toBe(true);
  });

  test('a cell with nothing in it takes no line of its card (an enterprise\'s staff roster at 390 px)', async ({ page }) => {
    await signInWithPassword(page, 'qualdemo', 'Qual12345', 'organization');
    await expect(page).toHaveURL(/\/portal/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/portal/membership/staff');
    await expect(page.getByTestId('roster-table').locator('tbody tr').first()).toBeVisible();
    const cells = await page.getByTestId('roster-table').evaluate((t) =>
      [...t.querySelectorAll('tbody td[data-label]')].map((td) => ({ empty: td.querySelector('[data-cell]')!.childNodes.length === 0, display: getComputedStyle(td).display })),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.display).toBe(c.empty ? 'none' : 'grid');
  });

  test('the staff console\'s lists are cards on a phone too: the queue, the staff users and an application\'s flow record', async ({ page }) => {
    await signInWithPassword(page, 'admin', 'Admin1234', 'staff');
    await expect(page).toHaveURL(/\/staff/);
    await page.setViewportSize({ width: 390, height: 844 });

    await page.goto('/staff/queue');
    await expect(page.getByTestId('queue-table').locator('tbody tr').first()).toBeVisible();
    const queue = await rowLayout(page, 'queue-table');
    expect(queue.overflows).toBe(false);
    expect(queue.headerShown).toBe(false);
    expect(queue.cells.filter((c) => c.label).map((c) => c.label)).toEqual(['申请编号', '申请类型', '申请人', '状态', '最近更新', '办理期限', '经办人', '操作']);
    // Each row's 办理 link is within the phone's width (it was past 900 px of a sideways-scrolling table).
    expect(queue.linksRight).toBeLessThanOrEqual(390);
    // A row that cannot be claimed has no checkbox: its empty cell takes no line; a claimable row keeps its checkbox.
    const checkboxCells = await page.getByTestId('queue-table').evaluate((t) =>
      [...t.querySelectorAll('tbody > tr > td:first-child')].map((td) => ({ box: td.querySelector('input') !== null, display: getComputedStyle(td).display })),
    );
    expect(checkboxCells.some((c) => c.box)).toBe(true);
    expect(checkboxCells.some((c) => !c.box)).toBe(true);
    for (const c of checkboxCells) expect(c.display).toBe(c.box ? 'block' : 'none');

    // A row of buttons wraps inside its card instead of running off the screen (编辑角色 · 停用 · 重置密码).
    await page.goto('/staff/users');
    await expect(page.getByTestId('staff-users').locator('tbody tr').first()).toBeVisible();
    const users = await page.getByTestId('staff-users').evaluate((t) => ({
      overflows: t.parentElement!.scrollWidth > t.parentElement!.clientWidth + 1,
      buttonsRight: Math.max(...[...t.querySelectorAll('tbody button')].map((b) => b.getBoundingClientRect().right)),
    }));
    expect(users.overflows).toBe(false);
    expect(users.buttonsRight).toBeLessThanOrEqual(390);

    // The flow record of an application (shown to its applicant too) is a list of cards.
    await page.goto('/staff/queue');
    await page.getByTestId('queue-table').getByRole('link', { name: /办理/ }).first().click();
    await expect(page.getByTestId('flow-record')).toBeVisible();
    const flow = await rowLayout(page, 'flow-record');
    expect(flow.overflows).toBe(false);
    expect(flow.cells.map((c) => c.label)).toEqual(['时间', '处理人', '操作', '处理后状态', '意见']);
  });
});
