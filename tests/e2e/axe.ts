import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0/2.1 A and AA: what issue #17 asks of every page. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const WIDE = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * The axe findings of the page as it is now, at 1366 px and at 390 px (and, at
 * 390 px, a page wider than the phone), one line each; the page is left at 1366 px.
 */
export async function axeFindings(page: Page, who: string): Promise<string[]> {
  const found: string[] = [];
  const where = () => {
    const url = new URL(page.url());
    return `${url.pathname}${url.search.length > 60 ? `${url.search.slice(0, 60)}…` : url.search}`;
  };
  for (const [label, size] of [['1366', WIDE], ['390', PHONE]] as const) {
    await page.setViewportSize(size);
    const analyze = async () => {
      // Layout settles after a resize (media queries, the drawer trigger).
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // Only violations are collected: axe then skips building the details of every passing node.
      // (`options` replaces what `withTags` set: the tags go in here.)
      return new AxeBuilder({ page }).options({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] }).analyze();
    };
    // A page that sends the visitor on by itself (a step not open yet) navigates once more: check where it lands.
    const result = await analyze().catch(async (e: Error) => {
      if (!/context was destroyed|navigation/i.test(e.message)) throw e;
      await page.waitForLoadState('load');
      return analyze();
    });
    for (const v of result.violations) {
      found.push(`[${who} ${label}px] ${where()} — ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join('\n    ')}`);
    }
    if (label === '390') {
      // A page wider than the phone scrolls sideways as a whole: tables must scroll inside their own region.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width + 1) found.push(`[${who} 390px] ${where()} — page overflows to ${width}px`);
    }
  }
  await page.setViewportSize(WIDE);
  return found;
}

/**
 * For a page a flow reaches only by creating its state first (a draft of one's
 * own, an unpaid order): asserts the flow is on `template` now and that axe
 * finds nothing at either width. `a11y.spec.ts` lists these templates and
 * checks that the named spec calls this with them.
 */
export async function expectAccessible(page: Page, template: string): Promise<void> {
  const re = new RegExp('^' + template.replace(/\[[^\]]+\]/g, '[^/]+') + '/?$');
  const before = page.viewportSize();
  expect(new URL(page.url()).pathname, `on ${template}`).toMatch(re);
  const found = await axeFindings(page, template);
  if (before) await page.setViewportSize(before);
  expect(found, found.join('\n')).toEqual([]);
}
