// The walking skeleton, end to end through the browser host in Chromium: add a
// provider, send, watch the reply stream in, restart offline, find the conversation.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider, recordReceivedFrames, send } from './support/ui';

test('add a provider, stream a reply, restart offline and find the conversation', async ({ page, browser }) => {
  const apiKey = `sk-canary-${crypto.randomUUID()}`;
  const provider = await startProviderServer({ apiKey });
  const dataDir = makeDataDir('skeleton');
  const host = await startHost(dataDir);
  const frames = recordReceivedFrames(page);
  try {
    await page.goto(host.url);
    await addProvider(page, { name: 'Local echo', baseUrl: provider.url, apiKey, model: 'echo' });
    await send(page, 'Hello from the walking skeleton');

    const reply = page.getByTestId('message-assistant').last();
    await expect(reply).toContainText('You said: Hello from the walking skeleton');
    await expect(reply).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('message-user').last()).toContainText('Hello from the walking skeleton');

    // The reply arrived as several coalesced deltas, not as one final message.
    const deltas = frames.filter((f) => f.includes('"stream.delta"'));
    expect(deltas.length).toBeGreaterThan(1);
    // The provider got the key; nothing the core sent to the renderer held it
    // (the renderer only ever sends it, once, when the user types it).
    expect(provider.requests.some((r) => r.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
    expect(frames.some((f) => f.includes(apiKey))).toBe(false);
  } finally {
    await host.stop();
    await provider.close();
  }

  // Offline: the provider server is gone; the conversation is still there.
  const again = await startHost(dataDir);
  const page2 = await browser.newPage();
  try {
    await page2.goto(again.url);
    const list = page2.getByRole('navigation', { name: 'Conversations' }).or(page2.getByLabel('Conversations'));
    await list.getByRole('link', { name: /Hello from the walking skeleton/ }).click();
    await expect(page2.getByTestId('message-assistant').last()).toContainText('You said: Hello from the walking skeleton');
    await expect(page2.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  } finally {
    await again.stop();
    await page2.close();
  }

  // The key reached no file in the data folder (database, WAL, logs).
  for (const file of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
    const full = path.join(dataDir, file);
    if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(apiKey), `${file} holds the key`).toBe(false);
  }
  expect(host.output().includes(apiKey) || again.output().includes(apiKey)).toBe(false);
});

test.describe('when things go wrong, the user is told what to do and keeps the text', () => {
  let provider: Awaited<ReturnType<typeof startProviderServer>>;
  let host: Awaited<ReturnType<typeof startHost>>;
  const apiKey = 'sk-test-bad-input-0001';

  test.beforeAll(async () => {
    provider = await startProviderServer({ apiKey, tokenDelayMs: 40 });
    host = await startHost(makeDataDir('bad-input'));
  });
  test.afterAll(async () => {
    await host.stop();
    await provider.close();
  });

  const cases = [
    { model: 'error-401', expect: /API key/i },
    { model: 'error-404', expect: /model/i },
    { model: 'error-429', expect: /7 s|7 seconds/i },
    { model: 'error-500', expect: /server/i },
  ];
  for (const c of cases) {
    test(`a provider answering ${c.model.replace('error-', '')} shows a sentence`, async ({ page }) => {
      await page.goto(host.url);
      await addProvider(page, { name: `Failing ${c.model}`, baseUrl: provider.url, apiKey, model: c.model });
      await send(page, `Try ${c.model}`);
      const reply = page.getByTestId('message-assistant').last();
      await expect(reply).toHaveAttribute('data-status', 'error');
      await expect(reply.getByRole('alert')).toContainText(c.expect);
    });
  }

  test('a wrong base URL says the server could not be reached', async ({ page }) => {
    await page.goto(host.url);
    await addProvider(page, { name: 'Nowhere', baseUrl: 'http://127.0.0.1:9/v1', apiKey, model: 'echo' });
    await send(page, 'Anyone there?');
    const reply = page.getByTestId('message-assistant').last();
    await expect(reply).toHaveAttribute('data-status', 'error');
    await expect(reply.getByRole('alert')).toContainText(/Could not reach/);
  });

  test('a stream cut in the middle keeps the text that arrived', async ({ page }) => {
    await page.goto(host.url);
    await addProvider(page, { name: 'Cut', baseUrl: provider.url, apiKey, model: 'cut' });
    await send(page, 'Tell me a long story');
    const reply = page.getByTestId('message-assistant').last();
    await expect(reply).toHaveAttribute('data-status', 'error');
    await expect(reply.getByRole('alert')).toContainText(/cut off/i);
    await expect(reply.locator('.message-text')).not.toBeEmpty();
  });

  test('Stop ends a streaming reply and keeps its text', async ({ page }) => {
    await page.goto(host.url);
    await addProvider(page, { name: 'Slow', baseUrl: provider.url, apiKey, model: 'slow' });
    await send(page, 'Count slowly');
    const reply = page.getByTestId('message-assistant').last();
    await expect(reply.locator('.message-text')).not.toBeEmpty();
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(reply).toHaveAttribute('data-status', 'interrupted');
    const kept = await reply.locator('.message-text').innerText();
    expect(kept.length).toBeGreaterThan(0);
  });

  test('model output is rendered as markdown, never as raw HTML', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs += 1;
      await d.dismiss();
    });
    await page.goto(host.url);
    await addProvider(page, { name: 'Markdown', baseUrl: provider.url, apiKey, model: 'markdown' });
    await send(page, 'Show me markdown');
    const reply = page.getByTestId('message-assistant').last();
    await expect(reply).toHaveAttribute('data-status', 'done');
    await expect(reply.locator('h1, h2, h3').first()).toBeVisible();
    await expect(reply.locator('pre code').first()).toBeVisible();
    await expect(reply.locator('script')).toHaveCount(0);
    expect(dialogs).toBe(0);
  });
});

// The store starts these from dist/main beside the host (src-main/core/store/start-worker.ts).
// The import's checkpointer or the index's merger failing to start would only cost speed, silently: this says so.
test('the build has a bundle for every worker thread', () => {
  const dist = path.resolve(import.meta.dirname, '..', 'dist', 'main');
  for (const bundle of ['store-worker.js', 'import-parser.js', 'import-checkpointer.js', 'search-merger.js']) {
    expect(fs.existsSync(path.join(dist, bundle)), `dist/main/${bundle}`).toBe(true);
  }
});
