// Reflow (WCAG 2.1 SC 1.4.10): the page scrolls in one direction only. Shared by
// ui-reflow.spec.ts (every screen) and the specs of screens that need set-up first.
import { expect, type Page } from '@playwright/test';

/** Nothing is wider than the window, and nothing but code and tables scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page, where: string) {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    const describe = (element: Element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
    if (root.scrollWidth > root.clientWidth) {
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1);
      found.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window (${wide.slice(-3).map(describe).join(', ')})`);
    }
    for (const element of document.querySelectorAll('body *')) {
      if (element.closest('pre, .table-scroll')) continue;
      const overflow = getComputedStyle(element).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${describe(element)} scrolls sideways (${element.scrollWidth} px in ${element.clientWidth} px)`);
      }
    }
    return found;
  });
  expect(problems, where).toEqual([]);
}
