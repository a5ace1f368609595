// The app shell and chat around the messages: delete with undo, the command
// palette, theme and language, coming back to the last conversation, search that
// jumps to the message, and a blind comparison revealed by the vote.
import { expect, test } from '@playwright/test';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider, goTo, runCommand, send } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;
const apiKey = 'sk-test-ui-chat-0001';

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 5 });
  host = await startHost(makeDataDir('ui-chat'));
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

test('a deleted conversation can be brought back with Undo, and stays gone without it', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Keep me around please');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  const list = page.getByLabel('Conversations', { exact: true });
  const link = list.getByRole('link', { name: 'Keep me around please' });
  await expect(link).toBeVisible();

  await list.getByRole('listitem').filter({ hasText: 'Keep me around please' }).getByRole('button', { name: 'Conversation actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(link).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New chat');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(link).toBeVisible();

  // Delete from the keyboard; with the toast dismissed it stays deleted.
  await link.focus();
  await page.keyboard.press('Delete');
  await expect(link).toBeHidden();
  await page.getByRole('button', { name: 'Dismiss notification' }).first().click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible();
  await expect(page.getByLabel('Conversations', { exact: true }).getByRole('link', { name: 'Keep me around please' })).toHaveCount(0);
});

test('the palette switches theme and language, and the choice survives a reload', async ({ page }) => {
  await page.goto(host.url);
  await runCommand(page, 'Theme: Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await runCommand(page, 'Language: Deutsch');
  await expect(page.getByRole('button', { name: 'Neuer Chat' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Neuer Chat' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Back to English through the settings, by their German names.
  await page.getByRole('navigation', { name: 'Ansichten' }).getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByRole('tab', { name: 'Darstellung' }).click();
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('tab', { name: 'Appearance' })).toBeVisible();
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the conversation open last time comes back after a reload', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo again', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Remember where I was');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Remember where I was');
  await expect(page.getByTestId('message-assistant').last()).toContainText('You said: Remember where I was');
});

test('search finds a message by a word prefix and jumps to it', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo search', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Xylophones are percussion instruments');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await page.getByRole('button', { name: 'New chat' }).click();
  await page.getByLabel('Search history').fill('xyloph');
  const hit = page.getByLabel('Search results').getByRole('link').first();
  await expect(hit).toContainText('Xylophones');
  await expect(hit.locator('mark').first()).toBeVisible();
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xylophones are percussion instruments');
  await expect(page.locator('.message-focused')).toHaveCount(1);
});

test('a blind comparison hides the models until the vote', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Markdown', baseUrl: provider.url, apiKey, model: 'markdown' });
  await addProvider(page, { name: 'Echo blind', baseUrl: provider.url, apiKey, model: 'echo' });
  await goTo(page, 'Compare');
  await page.getByLabel('Column 1', { exact: true }).selectOption({ label: 'Markdown · markdown' });
  await page.getByLabel('Column 2', { exact: true }).selectOption({ label: 'Echo blind · echo' });
  await page.getByLabel(/^Blind/).check();
  await page.getByLabel('Prompt').fill('Which of you is which?');
  await page.getByRole('button', { name: 'Run comparison' }).click();
  const columns = page.getByTestId('compare-column');
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(columns.nth(1)).toHaveAttribute('data-status', 'done');
  await expect(page.getByRole('heading', { name: 'Model A' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Echo blind/ })).toHaveCount(0);
  await expect(columns.filter({ hasText: 'First token' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Vote for Model A' }).click();
  await expect(page.getByText(/^Voted for/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Echo blind|Markdown/ }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Leaderboard' }).getByRole('cell', { name: 'markdown' })).toBeVisible();

  // The word diff between the two answers.
  await page.getByText('Word differences between two answers').click();
  await expect(page.getByLabel('Differences').locator('ins, del').first()).toBeVisible();
});

test('continue with this one: the chat marks the chosen reply, and the next reply comes from its provider and model', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo continue', baseUrl: provider.url, apiKey, model: 'echo' });
  await addProvider(page, { name: 'Markdown continue', baseUrl: provider.url, apiKey, model: 'markdown' });
  const composerProvider = page.getByLabel('Provider', { exact: true });
  await composerProvider.selectOption({ label: 'Echo continue · echo' });
  await goTo(page, 'Compare');
  await page.getByLabel('Column 1', { exact: true }).selectOption({ label: 'Echo continue · echo' });
  await page.getByLabel('Column 2', { exact: true }).selectOption({ label: 'Markdown continue · markdown' });
  await page.getByLabel('Prompt').fill('Which of you goes on?');
  await page.getByRole('button', { name: 'Run comparison' }).click();
  const columns = page.getByTestId('compare-column');
  await expect(columns.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(columns.nth(1)).toHaveAttribute('data-status', 'done');
  await columns.nth(1).getByRole('button', { name: 'Continue with this one' }).click();

  // Both replies side by side in the chat, the chosen one marked; the composer asks its provider.
  const group = page.getByRole('group', { name: '2 replies side by side' });
  const chosen = group.getByTestId('message-assistant').filter({ hasText: 'Continuing with this one' });
  await expect(chosen).toHaveAccessibleName('Assistant · Markdown continue · markdown');
  await expect(composerProvider.locator('option:checked')).toHaveText('Markdown continue · markdown');
  await send(page, 'Go on');
  const next = page.getByTestId('message-assistant').last();
  await expect(next).toHaveAttribute('data-status', 'done');
  await expect(next).toHaveAccessibleName('Assistant · Markdown continue · markdown');
  expect((provider.requests.at(-1)!.body as { model: string }).model).toBe('markdown');

  // From the chat too: the other reply, by keyboard.
  await group.getByRole('button', { name: 'Continue with this one' }).focus();
  await page.keyboard.press('Enter');
  await expect(group.getByTestId('message-assistant').filter({ hasText: 'Continuing with this one' })).toHaveAccessibleName('Assistant · Echo continue · echo');
  await expect(composerProvider.locator('option:checked')).toHaveText('Echo continue · echo');
});
