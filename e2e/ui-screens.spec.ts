// Every screen, in both themes, has zero axe-core violations at WCAG 2.1 AA. With
// SCREENSHOTS=<dir> (scripts/screenshots.mjs) each screen is also saved as a PNG.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { PIXEL_PNG_BASE64 } from './fixtures/pixel';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider, goTo, runCommand, send, setTheme } from './support/ui';

const screenshots = process.env.SCREENSHOTS ?? null;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FILES = [
  { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Some notes.') },
  { name: 'pixel.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG_BASE64, 'base64') },
];

async function expectAccessible(page: Page, name: string, theme: string) {
  // Let the theme's colours and any lazily loaded parts settle.
  await page.waitForTimeout(150);
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')})`);
  expect(summary, `${name} in the ${theme} theme`).toEqual([]);
  if (screenshots) {
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, `${name}-${theme}.png`) });
  }
}

test('every screen passes axe-core at WCAG 2.1 AA in the light and the dark theme', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const apiKey = 'sk-test-screens-0001';
  const provider = await startProviderServer({ apiKey, tokenDelayMs: 5 });
  const host = await startHost(makeDataDir('screens'));
  try {
    await page.goto(host.url);
    await expectAccessible(page, 'welcome', 'light');
    await addProvider(page, { name: 'Local markdown', baseUrl: provider.url, apiKey, model: 'markdown' });
    await addProvider(page, { name: 'Local echo', baseUrl: provider.url, apiKey, model: 'echo' });
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Local markdown · markdown' });
    await send(page, 'Show me some markdown with code');
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Local echo · echo' });
    await send(page, 'And now echo this sentence, please');
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
    // Highlighting loads lazily once a code block has finished.
    await expect(page.locator('.code-block .hljs-keyword').first()).toBeVisible();
    // A message with files, and a reply with two versions.
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.locator('.composer input[type=file]').setInputFiles(FILES);
    await send(page, 'What is in these files?');
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
    await page.getByTestId('message-assistant').last().getByRole('button', { name: 'Regenerate' }).click();
    await expect(page.getByRole('group', { name: 'Version 2 of 2' })).toBeVisible();
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');

    await goTo(page, 'Compare');
    await page.getByLabel('Prompt').fill('Say something about compare views');
    await page.getByRole('button', { name: 'Run comparison' }).click();
    await expect(page.getByTestId('compare-column')).toHaveCount(2);
    await expect(page.getByTestId('compare-column').nth(0)).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('compare-column').nth(1)).toHaveAttribute('data-status', 'done');
    await page.getByRole('button', { name: /^Vote for/ }).first().click();

    // Something on every screen: a persona, a pipeline run, a goal.
    await goTo(page, 'Personas');
    await page.getByRole('button', { name: 'New persona' }).click();
    await page.getByLabel('Persona name').fill('Careful reviewer');
    await page.getByLabel('Icon (an emoji)').fill('R');
    await page.getByLabel('System prompt').fill('Review code carefully and say what could break.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Saved “Careful reviewer”.')).toBeVisible();
    await goTo(page, 'Pipelines');
    await page.getByRole('button', { name: 'New pipeline' }).click();
    await page.getByLabel('Pipeline name').fill('Draft then polish');
    await page.getByLabel('Step name').first().fill('draft');
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByLabel('Step name').nth(1).fill('polish');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Saved “Draft then polish”.')).toBeVisible();
    await page.getByLabel('Input', { exact: true }).fill('Release notes for version 1.0');
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(page.getByText('2 of 2 steps done').first()).toBeVisible();
    await goTo(page, 'Goals');
    await page.getByRole('button', { name: 'New goal' }).click();
    await page.getByLabel('Goal', { exact: true }).fill('Compare the local models');
    await page.getByLabel('Description').fill('Find the best model for code review.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Saved “Compare the local models”.')).toBeVisible();
    await goTo(page, 'Chat');

    // The sidebar organised: a conversation archived, one in a folder and tagged.
    const sidebarList = page.getByLabel('Conversations', { exact: true });
    const sidebarViews = page.getByRole('navigation', { name: 'Folders' });
    const tagChips = page.getByRole('group', { name: 'Filter by tag' });
    const actionsOf = (title: string) => sidebarList.getByRole('listitem').filter({ hasText: title }).getByRole('button', { name: 'Conversation actions' });
    await page.getByRole('button', { name: 'New chat' }).click();
    await send(page, 'An old question to archive');
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
    await actionsOf('An old question to archive').click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByRole('textbox', { name: 'Folder name' }).fill('Reviews');
    await page.keyboard.press('Enter');
    await sidebarViews.getByRole('button', { name: 'All conversations' }).click();
    await actionsOf('Show me some markdown').click();
    await page.getByRole('menuitem', { name: 'Move to folder…' }).click();
    await page.getByRole('radio', { name: 'Reviews' }).check();
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await actionsOf('Show me some markdown').click();
    await page.getByRole('menuitem', { name: 'Tags…' }).click();
    await page.getByLabel('Add a tag').fill('review');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Done', exact: true }).click();

    for (const theme of ['Light', 'Dark'] as const) {
      await setTheme(page, theme);
      const name = theme.toLowerCase();
      await goTo(page, 'Chat');
      // The chat screen shows the markdown reply (code, highlighting, tokens), with no toast over it.
      for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await close.click();
      await page.getByLabel('Conversations', { exact: true }).getByRole('link', { name: 'Show me some markdown with code' }).click();
      await expect(page.locator('.code-block .hljs-keyword').first()).toBeVisible();
      await expectAccessible(page, 'chat', name);

      // A question being edited in place, files waiting in the composer, sent files, a reply's versions.
      await page.getByLabel('Conversations', { exact: true }).getByRole('link', { name: 'What is in these files?' }).click();
      await expect(page.getByRole('img', { name: 'Image: pixel.png' })).toBeVisible();
      await page.getByTestId('message-user').last().getByRole('button', { name: 'Edit' }).click();
      await page.locator('.composer input[type=file]').setInputFiles(FILES);
      const attached = page.getByRole('list', { name: 'Attached files' });
      await expect(attached.getByRole('listitem')).toHaveCount(2);
      await expectAccessible(page, 'chat-editing-with-files', name);
      await page.getByRole('textbox', { name: 'Edited text' }).press('Escape');
      await attached.getByRole('button', { name: 'Remove notes.txt' }).click();
      await attached.getByRole('button', { name: 'Remove pixel.png' }).click();
      await expect(attached).toBeHidden();

      await page.keyboard.press('Control+K');
      await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill('theme');
      await expectAccessible(page, 'command-palette', name);
      await page.keyboard.press('Escape');

      await page.getByLabel('Search history').fill('markdown');
      await expect(page.getByLabel('Search results')).toBeVisible();
      await expectAccessible(page, 'search', name);
      await page.getByLabel('Search history').fill('');

      await page.getByRole('button', { name: 'Conversation actions' }).first().click();
      await expect(page.getByRole('menu')).toBeVisible();
      await expectAccessible(page, 'conversation-menu', name);
      await page.keyboard.press('Escape');

      await sidebarViews.getByRole('button', { name: 'Reviews', exact: true }).click();
      await tagChips.getByRole('button', { name: 'review' }).click();
      await expect(sidebarList.getByRole('link')).toHaveCount(1);
      await expectAccessible(page, 'sidebar-folder-and-tag', name);
      await sidebarViews.getByRole('button', { name: 'Folder actions: Reviews' }).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await expectAccessible(page, 'folder-menu', name);
      await page.keyboard.press('Escape');
      await actionsOf('Show me some markdown').click();
      await page.getByRole('menuitem', { name: 'Tags…' }).click();
      await expect(page.getByRole('dialog', { name: /^Tags of/ })).toBeVisible();
      await expectAccessible(page, 'tags-dialog', name);
      await page.keyboard.press('Escape');
      await actionsOf('Show me some markdown').click();
      await page.getByRole('menuitem', { name: 'Move to folder…' }).click();
      await expect(page.getByRole('dialog', { name: /to a folder$/ })).toBeVisible();
      await expectAccessible(page, 'move-dialog', name);
      await page.keyboard.press('Escape');
      await tagChips.getByRole('button', { name: 'review' }).click();
      await sidebarViews.getByRole('button', { name: 'Archived' }).click();
      await expect(sidebarList.getByRole('link', { name: 'An old question to archive' })).toBeVisible();
      await expectAccessible(page, 'sidebar-archived', name);
      await sidebarViews.getByRole('button', { name: 'All conversations' }).click();

      for (const view of ['Compare', 'Personas', 'Pipelines', 'Goals', 'Analytics'] as const) {
        await goTo(page, view);
        const first = page.locator('.item-list button').first();
        if (view !== 'Compare' && view !== 'Analytics' && (await first.isVisible())) await first.click();
        await expectAccessible(page, view.toLowerCase(), name);
      }
      // The comparison's replies side by side in its conversation.
      await goTo(page, 'Chat');
      await page.getByLabel('Conversations', { exact: true }).getByRole('link', { name: 'Say something about compare views' }).click();
      await expect(page.locator('.message-group')).toBeVisible();
      await expectAccessible(page, 'chat-side-by-side', name);
      await page.getByLabel('Conversations', { exact: true }).getByRole('link', { name: 'Show me some markdown with code' }).click();

      await page.getByRole('button', { name: 'Providers' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      for (const tab of ['Providers', 'Keys and vault', 'Models and prices', 'Appearance', 'Data', 'Team sync'] as const) {
        await dialog.getByRole('tab', { name: tab }).click();
        await expect(dialog.getByRole('tabpanel')).toBeVisible();
        await expectAccessible(page, `settings-${tab.toLowerCase().replace(/ /g, '-')}`, name);
      }
      await dialog.getByRole('button', { name: 'Close' }).click();

      await runCommand(page, 'Keyboard shortcuts');
      await expectAccessible(page, 'shortcuts', name);
      await page.keyboard.press('Escape');
    }
  } finally {
    await host.stop();
    await provider.close();
  }
});
