// Math and links in replies, in the real page under the hosts' strict CSP: math
// is MathML and needs no inline style (no CSP violation at all), and a link whose
// text is not its address asks first, naming where it really goes.
import { expect, test, type Page } from '@playwright/test';
import { startProviderServer, type ProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost, type RunningHost } from './support/host';
import { addProvider, send } from './support/ui';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

const apiKey = `sk-e2e-math-${crypto.randomUUID()}`;
let provider: ProviderServer;
let host: RunningHost;

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 2 });
  host = await startHost(makeDataDir('math-links'));
});
test.afterAll(async () => {
  await host?.stop();
  await provider?.close();
});

async function countViolations(page: Page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations!.push(`${event.violatedDirective} ${event.sample}`));
  });
}

test('formulas render as MathML without a single CSP violation', async ({ page }) => {
  await countViolations(page);
  await page.goto(host.url);
  await addProvider(page, { name: 'Math', baseUrl: provider.url, apiKey, model: 'math' });
  await send(page, 'Show me some math');
  const reply = page.getByTestId('message-assistant').last();
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply.locator('math')).toHaveCount(4);
  await expect(reply.locator('math[display="block"] mfrac')).toHaveCount(1);
  await expect(reply.locator('annotation').first()).toHaveText('e^{i\\pi} + 1 = 0');
  // Laid out by the browser as math: the fraction is taller than a line of text.
  expect((await reply.locator('math[display="block"]').boundingBox())!.height).toBeGreaterThan(30);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
});

test('a link whose text is not its address asks first and names the real host; mailto links open the same way', async ({ page, context }) => {
  // Nothing may leave the machine: opened pages are answered here.
  await context.route(/^https?:\/\/(example\.com|evil\.example)\//, (route) => route.fulfill({ body: 'opened', contentType: 'text/plain' }));
  await page.goto(host.url);
  await addProvider(page, { name: 'Links', baseUrl: provider.url, apiKey, model: 'links' });
  await send(page, 'Give me links');
  const reply = page.getByTestId('message-assistant').last();
  await expect(reply).toHaveAttribute('data-status', 'done');

  // Text that is the address: opens straight away, in a new window.
  const [same] = await Promise.all([page.waitForEvent('popup'), reply.getByRole('link', { name: 'https://example.com/a' }).click()]);
  await expect.poll(() => same.url()).toBe('https://example.com/a');
  await same.close();

  // Text that names another site: a dialog says where it really goes; Cancel opens nothing.
  const disguised = reply.getByRole('link', { name: 'https://bank.example/login' });
  await disguised.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Open evil.example?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('https://evil.example/steal');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(disguised).toBeFocused();
  expect(context.pages()).toHaveLength(1);

  // Confirmed, it opens the real address.
  await disguised.click();
  const [opened] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Open evil.example' }).click()]);
  await expect.poll(() => opened.url()).toBe('https://evil.example/steal');
  await opened.close();

  // A mailto link is drawn as a link and asks the same way, naming the address.
  await reply.getByRole('link', { name: 'write to us' }).click();
  const mail = page.getByRole('dialog', { name: 'Open help@example.com?' });
  await expect(mail).toBeVisible();
  await mail.getByRole('button', { name: 'Cancel' }).click();
  await expect(mail).toBeHidden();
});
