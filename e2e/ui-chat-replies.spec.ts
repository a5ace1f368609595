// What the chat says about a reply, and that it still says it after the app
// restarts: a failed reply shows its error and no cost; a reply's time to first
// token comes back from the store.
import { expect, test, type Page } from '@playwright/test';
import { startProviderServer } from './fixtures/provider-server';
import { callApi } from './support/api';
import { makeDataDir, startHost, type RunningHost } from './support/host';
import { send } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: RunningHost;
const dataDir = makeDataDir('ui-replies');

test.beforeAll(async () => {
  provider = await startProviderServer({ tokenDelayMs: 5 });
  host = await startHost(dataDir);
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

/** A local (LM Studio) provider on the replay server: its calls are recorded as free. */
async function addLocal(page: Page, name: string, model: string) {
  await page.goto(host.url);
  await callApi(page, host, 'provider.save', { name, kind: 'lmstudio', baseUrl: provider.urlFor('openai'), model });
  await page.reload();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: `${name} · ${model}` });
}

/** Stops the app and starts it again on the same data folder; opens the conversation titled `title`. */
async function restartAndOpen(page: Page, title: string) {
  await host.stop();
  host = await startHost(dataDir);
  await page.goto(host.url);
  await page.getByLabel('Conversations', { exact: true }).getByRole('link', { name: title }).click();
}

test('a failed reply shows its error and no cost, also after a restart', async ({ page }) => {
  await addLocal(page, 'Local broken', 'error-404');
  await send(page, 'Will this one fail?');
  const reply = page.getByTestId('message-assistant').last();
  await expect(reply).toHaveAttribute('data-status', 'error');
  await expect(reply.getByRole('alert')).toBeVisible();
  await expect(reply).not.toContainText('$');

  await restartAndOpen(page, 'Will this one fail?');
  await expect(reply).toHaveAttribute('data-status', 'error');
  await expect(reply.getByRole('alert')).toBeVisible();
  await expect(reply).not.toContainText('$');
});

test('a reply’s time to first token is still shown after a restart', async ({ page }) => {
  await addLocal(page, 'Local echo', 'echo');
  await send(page, 'How fast was that?');
  const reply = page.getByTestId('message-assistant').last();
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply).toContainText(/first token in \d+ ms/);
  const shown = (await reply.textContent())!.match(/first token in (\d+) ms/)![1];

  await restartAndOpen(page, 'How fast was that?');
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply).toContainText(`first token in ${shown} ms`);
});
