// Model output shown outside the chat is rendered, never raw: a pipeline step's
// output, the word diff of a comparison (rendered, with the changes marked) and
// search snippets (inline markdown, the match still highlighted, no raw HTML).
// And a compare card's buttons fit on one row inside the card.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider, goTo, send } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;
const apiKey = 'sk-test-ui-rendered-0001';

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 2 });
  host = await startHost(makeDataDir('ui-rendered'));
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

/** The text a person sees, with no markdown syntax left in it. */
async function expectNoMarkdownSyntax(region: Locator) {
  const text = await region.innerText();
  expect(text).not.toContain('**');
  expect(text).not.toMatch(/(^|\n)\s*#{1,6} /);
  expect(text).not.toContain('`');
}

test('a pipeline step shows its output rendered', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo rendered', baseUrl: provider.url, apiKey, model: 'echo' });
  await goTo(page, 'Pipelines');
  await page.getByRole('button', { name: 'New pipeline' }).click();
  await page.getByLabel('Pipeline name').fill('Render me');
  await page.getByLabel('Step name').first().fill('only');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Render me”.')).toBeVisible();

  await page.getByLabel('Input', { exact: true }).fill('**bold words** and `inline code`\n\n# A heading\n\n- first point\n- second point');
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await expect(page.getByText('1 of 1 steps done').first()).toBeVisible();
  const output = page.locator('.run-steps .step-output').first();
  await expect(output.locator('strong', { hasText: 'bold words' })).toBeVisible();
  await expect(output.locator('code', { hasText: 'inline code' })).toBeVisible();
  await expect(output.getByRole('heading', { name: 'A heading' })).toBeVisible();
  await expect(output.getByRole('listitem')).toHaveCount(2);
  await expectNoMarkdownSyntax(output);
});

test('search snippets render inline markdown, keep the highlight and never raw HTML', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo snippets', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Quokkas are **very friendly** animals with `tiny paws` and <b>raw tags</b>');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await page.getByRole('button', { name: 'New chat' }).click();
  await page.getByLabel('Search history').fill('quokkas');
  const hit = page.getByLabel('Search results').getByRole('link').first();
  await expect(hit).toContainText('very friendly');
  await expect(hit.locator('mark', { hasText: /quokkas/i })).toBeVisible();
  await expect(hit.locator('strong', { hasText: 'very friendly' })).toBeVisible();
  await expect(hit.locator('code', { hasText: 'tiny paws' })).toBeVisible();
  await expect(hit.locator('b')).toHaveCount(0);
  await expect(hit).toContainText('<b>raw tags</b>');
  await expectNoMarkdownSyntax(hit.locator('.hit-snippet'));
});

async function runComparison(page: Page, prompt: string) {
  await goTo(page, 'Compare');
  await page.getByLabel('Column 1', { exact: true }).selectOption({ label: 'Markdown reply · markdown' });
  await page.getByLabel('Column 2', { exact: true }).selectOption({ label: 'Echo compared · echo' });
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByRole('button', { name: 'Run comparison' }).click();
  const columns = page.getByTestId('compare-column');
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(columns.nth(1)).toHaveAttribute('data-status', 'done');
  return columns;
}

test('the word diff of a comparison is shown rendered, with the changes marked', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Markdown reply', baseUrl: provider.url, apiKey, model: 'markdown' });
  await addProvider(page, { name: 'Echo compared', baseUrl: provider.url, apiKey, model: 'echo' });
  await runComparison(page, 'Intro\n\n# Fixture heading\n\nA **bold** list:\n\n- first item\n- other item\n\nEnd of reply.');
  await page.getByText('Word differences between two answers').click();
  const diff = page.getByLabel('Differences');
  await expect(diff.getByRole('heading', { name: 'Fixture heading' })).toBeVisible();
  await expect(diff.getByRole('listitem').first()).toContainText('first item');
  await expect(diff.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(diff.locator('del', { hasText: 'second' })).toBeVisible();
  await expect(diff.locator('ins', { hasText: 'other' })).toBeVisible();
  await expect(diff.locator('ins', { hasText: 'Intro' })).toBeVisible();
  await expect(diff.locator('script, img')).toHaveCount(0);
  await expectNoMarkdownSyntax(diff);
});

for (const width of [1280, 1024]) {
  test(`a compare card's buttons fit on one row inside the card at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(host.url);
    await addProvider(page, { name: 'Markdown reply', baseUrl: provider.url, apiKey, model: 'markdown' });
    await addProvider(page, { name: 'Echo compared', baseUrl: provider.url, apiKey, model: 'echo' });
    const columns = await runComparison(page, 'Measure the buttons');
    for (const column of await columns.all()) {
      const card = (await column.boundingBox())!;
      const buttons = await column.locator('.form-actions').getByRole('button').all();
      expect(buttons.length).toBe(2);
      const boxes = await Promise.all(buttons.map(async (button) => (await button.boundingBox())!));
      for (const box of boxes) {
        expect(box.x).toBeGreaterThanOrEqual(card.x);
        expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
        // One line of text per button: no taller than the single-line height.
        expect(box.height).toBeLessThan(32);
      }
      // One row: both buttons share their top edge.
      expect(Math.abs(boxes[0]!.y - boxes[1]!.y)).toBeLessThan(1);
      for (const button of buttons) {
        const overflow = await button.evaluate((element) => element.scrollWidth - element.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
    }
  });
}
