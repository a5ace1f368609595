// Reflow (WCAG 2.1 SC 1.4.10), which axe does not check: every screen at 320 CSS px
// (a phone, and a 1280 px window zoomed to 400%) and at 200% text size scrolls in
// one direction only, keeps every navigation control visible, unobstructed and
// clickable, and gives the view the window's width. At narrow widths the
// conversation sidebar is a drawer, opened and closed from the keyboard. With
// SCREENSHOTS set, each screen is saved to docs/ui/ (scripts/screenshots.mjs).
import { expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { expectNoHorizontalScroll } from './support/reflow';
import { addProvider, send } from './support/ui';

const screenshots = process.env.SCREENSHOTS ? path.resolve(import.meta.dirname, '../docs/ui') : null;
const apiKey = 'sk-test-reflow-0001';
const SCREENS = ['Chat', 'Compare', 'Personas', 'Pipelines', 'Goals', 'Analytics'] as const;

interface Mode {
  name: string;
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  /** The root font size, for the 200% text check. */
  rootFontSize?: string;
  /** The conversation sidebar is a drawer at this width. */
  narrow: boolean;
}

const MODES: Mode[] = [
  { name: 'phone-320', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, narrow: true },
  // A 1280×800 window at 400% zoom: 320×200 CSS px, four device pixels to each.
  { name: 'zoom-400', viewport: { width: 320, height: 200 }, deviceScaleFactor: 4, narrow: true },
  // 200% text: a 1280 px window is 40rem wide, narrow; a 1920 px one keeps the sidebar.
  { name: 'text-200', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, rootFontSize: '200%', narrow: true },
  { name: 'text-200-wide', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, rootFontSize: '200%', narrow: false },
];

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;

test.beforeAll(async ({ browser }) => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 2 });
  host = await startHost(makeDataDir('reflow'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await addProvider(page, { name: 'Local markdown', baseUrl: provider.url, apiKey, model: 'markdown' });
  await addProvider(page, { name: 'Local echo', baseUrl: provider.url, apiKey, model: 'echo' });
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Local markdown · markdown' });
  await send(page, 'Show me some markdown with a long line of code');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByLabel('Prompt').fill('Say something about narrow windows');
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('compare-column').nth(1)).toHaveAttribute('data-status', 'done');
  await page.close();
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

async function open(browser: Browser, mode: Mode): Promise<Page> {
  const context = await browser.newContext({ viewport: mode.viewport, deviceScaleFactor: mode.deviceScaleFactor });
  const page = await context.newPage();
  await page.goto(host.url);
  if (mode.rootFontSize) await page.evaluate((size) => (document.documentElement.style.fontSize = size), mode.rootFontSize);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  return page;
}

const rail = (page: Page) => page.getByRole('navigation', { name: 'Views' });

/**
 * Nothing is wider than the window: the page scrolls vertically only, and so does
 * every scrolling part of it, except the content that needs two dimensions (code,
 * tables), which scrolls sideways in its own box.
 */
/** Each navigation control is visible, is what a pointer at its centre hits, and takes a click. */
async function expectNavigationUsable(page: Page, where: string) {
  const buttons = await rail(page).getByRole('button').all();
  expect(buttons.length, where).toBeGreaterThanOrEqual(8);
  for (const button of buttons) {
    const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
    await button.scrollIntoViewIfNeeded();
    await expect(button, `${where}: ${name}`).toBeVisible();
    const hitsItself = await button.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && element.contains(hit);
    });
    expect(hitsItself, `${where}: "${name}" is covered by something else`).toBe(true);
    await button.click({ trial: true, timeout: 2_000 });
  }
}

/** The view has the window's width, not a column of a few letters. */
async function expectViewGetsTheWidth(page: Page, where: string) {
  const share = await page.evaluate(() => document.getElementById('main')!.getBoundingClientRect().width / document.documentElement.clientWidth);
  expect(share, `${where}: the view's share of the width`).toBeGreaterThan(0.55);
}

async function check(page: Page, mode: Mode, screen: string) {
  const where = `${screen} (${mode.name})`;
  await page.waitForTimeout(100);
  await expectNoHorizontalScroll(page, where);
  await expectNavigationUsable(page, where);
  await expectViewGetsTheWidth(page, where);
  if (screenshots) {
    fs.mkdirSync(screenshots, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshots, `${screen.toLowerCase()}-${mode.name}.png`) });
  }
}

for (const mode of MODES) {
  test(`every screen reflows: ${mode.name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await open(browser, mode);
    for (const screen of SCREENS) {
      await rail(page).getByRole('button', { name: screen, exact: true }).click();
      await expect(page.locator('main h1').first()).toBeVisible();
      await check(page, mode, screen);
    }

    // Settings: the dialog fits the window, its tabs and Close within reach.
    await rail(page).getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    for (const tab of ['Providers', 'Keys and vault', 'Models and prices', 'Appearance', 'Data', 'Team sync']) {
      await dialog.getByRole('tab', { name: tab }).click();
      await expect(dialog.getByRole('tabpanel')).toBeVisible();
      await expectNoHorizontalScroll(page, `settings: ${tab} (${mode.name})`);
      const box = (await dialog.boundingBox())!;
      expect(box.x, `settings: ${tab} (${mode.name}) starts inside the window`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `settings: ${tab} (${mode.name}) ends inside the window`).toBeLessThanOrEqual(mode.viewport.width);
    }
    if (screenshots) await page.screenshot({ path: path.join(screenshots, `settings-${mode.name}.png`) });
    await dialog.getByRole('button', { name: 'Close' }).click({ trial: true });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // The conversation list: beside the view when wide, a drawer when narrow.
    await rail(page).getByRole('button', { name: 'Chat', exact: true }).click();
    const sidebar = page.getByRole('complementary', { name: 'Conversations and search' });
    const menu = rail(page).getByRole('button', { name: 'Open menu' });
    if (!mode.narrow) {
      await expect(sidebar).toBeVisible();
      await expect(menu).toBeHidden();
      return;
    }
    await expect(sidebar).toBeHidden();
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(sidebar).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(sidebar.getByRole('button', { name: 'New chat' })).toBeFocused();
    await expectNoHorizontalScroll(page, `drawer (${mode.name})`);
    if (screenshots) await page.screenshot({ path: path.join(screenshots, `drawer-${mode.name}.png`) });
    await page.keyboard.press('Escape');
    await expect(sidebar).toBeHidden();
    await expect(menu).toBeFocused();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    // Opening a conversation from the drawer closes it and shows the conversation.
    await page.keyboard.press('Enter');
    await sidebar.getByRole('link', { name: 'Show me some markdown with a long line of code' }).click();
    await expect(sidebar).toBeHidden();
    await expect(page.locator('.chat-header h1')).toHaveText('Show me some markdown with a long line of code');
    await check(page, mode, 'Conversation');
  });
}
