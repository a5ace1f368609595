// A Claude export with more than text, imported from Settings as a person would:
// the summary names what was left out (a tool call, a message from an unknown
// sender), and the conversation shows the files sent with a message and the
// reply's thinking as its reasoning.
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { makeDataDir, startHost } from './support/host';

let host: Awaited<ReturnType<typeof startHost>>;
const CLAUDE_EXPORT = fileURLToPath(new URL('../src-main/core/store/import/fixtures/claude-attachments.json', import.meta.url));

test.beforeAll(async () => {
  host = await startHost(makeDataDir('ui-import-claude'));
});
test.afterAll(async () => {
  await host.stop();
});

test('a Claude import keeps files and thinking, and says what it left out', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Data' }).click();
  await dialog.getByLabel('Or choose the export file (it is imported at once)').setInputFiles(CLAUDE_EXPORT);
  const summary = dialog.getByText(/^Imported 1 conversations \(3 messages\); 0 were already here\. Left out:/);
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('1 “tool_use” block was left out');
  await expect(summary).toContainText('its sender is “system”');
  await page.keyboard.press('Escape');

  await page.getByLabel('Conversations', { exact: true }).getByRole('link', { name: 'Reviewing the quarterly notes' }).click();
  const question = page.getByTestId('message-user').first();
  await expect(question.getByText('q3-notes.txt')).toBeVisible();
  await expect(question.getByText('whiteboard.png')).toBeVisible();
  const reply = page.getByTestId('message-assistant').first();
  await expect(reply).toContainText('Revenue rose 4%; hiring is paused until Q1.');
  await reply.getByText('Reasoning').click();
  await expect(reply).toContainText('The notes mention revenue and hiring; keep it short.');
  await expect(page.getByTestId('message-user').last()).toContainText('Thanks!');
});
