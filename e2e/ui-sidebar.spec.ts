// The sidebar's conversation management through the real core: rename, pin,
// archive, folders, tags, and delete with Undo, by mouse and by keyboard.
import { expect, test, type Page } from '@playwright/test';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider, send } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;
const apiKey = 'sk-test-ui-sidebar-0001';

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 5 });
  host = await startHost(makeDataDir('ui-sidebar'));
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

const conversations = (page: Page) => page.getByLabel('Conversations', { exact: true });
const link = (page: Page, title: string) => conversations(page).getByRole('link', { name: title });
const views = (page: Page) => page.getByRole('navigation', { name: 'Folders' });

/** Starts a new chat and waits for the reply. */
async function chat(page: Page, text: string) {
  await page.getByRole('button', { name: 'New chat' }).click();
  await send(page, text);
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await expect(link(page, text)).toBeVisible();
}

async function menuOf(page: Page, title: string) {
  await conversations(page).getByRole('listitem').filter({ hasText: title }).getByRole('button', { name: 'Conversation actions' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
}

test('renames, pins to the top, archives and brings back a conversation', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo', baseUrl: provider.url, apiKey, model: 'echo' });
  await chat(page, 'Alpha conversation');
  await chat(page, 'Beta conversation');
  await chat(page, 'Gamma conversation');
  await expect(conversations(page).getByRole('link').first()).toHaveAccessibleName('Gamma conversation');

  await menuOf(page, 'Alpha conversation');
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'New title' }).fill('Alpha renamed');
  await page.keyboard.press('Enter');
  await expect(link(page, 'Alpha renamed')).toBeVisible();
  await expect(link(page, 'Alpha renamed')).toBeFocused();
  await expect(link(page, 'Alpha conversation')).toHaveCount(0);
  // F2 renames from the keyboard; Escape keeps the title.
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'New title' }).fill('Not this');
  await page.keyboard.press('Escape');
  await expect(link(page, 'Alpha renamed')).toBeFocused();
  await expect(link(page, 'Not this')).toHaveCount(0);

  // Shift+F10 opens the menu from the focused conversation.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Pin' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(conversations(page).getByRole('link').first()).toHaveAccessibleName('Pinned: Alpha renamed');
  await page.reload();
  await expect(conversations(page).getByRole('link').first()).toHaveAccessibleName('Pinned: Alpha renamed');

  await menuOf(page, 'Beta conversation');
  await page.getByRole('menuitem', { name: 'Archive' }).click();
  await expect(page.getByText('Archived “Beta conversation”.')).toBeVisible();
  await expect(link(page, 'Beta conversation')).toHaveCount(0);
  await views(page).getByRole('button', { name: 'Archived' }).click();
  await expect(views(page).getByRole('button', { name: 'Archived' })).toHaveAttribute('aria-current', 'true');
  await expect(conversations(page).getByRole('link')).toHaveCount(1);
  await expect(link(page, 'Beta conversation')).toBeVisible();
  // Opened from the archive, it is still named in the chat's heading.
  await link(page, 'Beta conversation').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beta conversation' })).toBeVisible();
  await menuOf(page, 'Beta conversation');
  await page.getByRole('menuitem', { name: 'Unarchive' }).click();
  await expect(link(page, 'Beta conversation')).toHaveCount(0);
  await expect(page.getByText('No archived conversations.')).toBeVisible();
  await views(page).getByRole('button', { name: 'All conversations' }).click();
  await expect(link(page, 'Beta conversation')).toBeVisible();
  await expect(conversations(page).getByRole('link')).toHaveCount(3);

  // The palette acts on the open conversation.
  await link(page, 'Gamma conversation').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gamma conversation');
  await page.keyboard.press('Control+K');
  await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill('Rename this conversation');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'New title' })).toBeFocused();
  await page.keyboard.type(' from the palette');
  await page.keyboard.press('Enter');
  await expect(link(page, 'Gamma conversation from the palette')).toBeVisible();
});

test('a folder is made, a conversation moved into it and the folder lists only it; a tag filters the same way', async ({ page }) => {
  await page.goto(host.url);
  await chat(page, 'Delta goes in a folder');
  await chat(page, 'Epsilon gets a tag');

  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill('Clients');
  await page.keyboard.press('Enter');
  const clients = views(page).getByRole('button', { name: 'Clients', exact: true });
  await expect(clients).toHaveAttribute('aria-current', 'true');
  await expect(clients).toBeFocused();
  await expect(page.getByText('No conversations here.')).toBeVisible();

  await views(page).getByRole('button', { name: 'All conversations' }).click();
  await menuOf(page, 'Delta goes in a folder');
  await page.getByRole('menuitem', { name: 'Move to folder…' }).click();
  const move = page.getByRole('dialog', { name: 'Move “Delta goes in a folder” to a folder' });
  await move.getByRole('radio', { name: 'Clients' }).check();
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(move).toBeHidden();

  await clients.click();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
  await expect(conversations(page).getByRole('link')).toHaveCount(1);
  await expect(link(page, 'Delta goes in a folder')).toBeVisible();

  await views(page).getByRole('button', { name: 'Folder actions: Clients' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'Folder name' }).fill('Clients 2025');
  await page.keyboard.press('Enter');
  await expect(views(page).getByRole('button', { name: 'Clients 2025', exact: true })).toBeFocused();
  await expect(link(page, 'Delta goes in a folder')).toBeVisible();

  await views(page).getByRole('button', { name: 'All conversations' }).click();
  await menuOf(page, 'Epsilon gets a tag');
  await page.getByRole('menuitem', { name: 'Tags…' }).click();
  const tags = page.getByRole('dialog', { name: 'Tags of “Epsilon gets a tag”' });
  await expect(tags.getByLabel('Add a tag')).toBeFocused();
  await page.keyboard.type('urgent');
  await page.keyboard.press('Enter');
  await expect(tags.getByRole('button', { name: 'Remove the tag urgent' })).toBeVisible();
  await tags.getByLabel('Add a tag').fill('#later');
  await tags.getByRole('button', { name: 'Add' }).click();
  await expect(tags.getByRole('button', { name: 'Remove the tag later' })).toBeVisible();
  await tags.getByRole('button', { name: 'Remove the tag later' }).click();
  await expect(tags.getByRole('button', { name: 'Remove the tag later' })).toHaveCount(0);
  await tags.getByRole('button', { name: 'Done' }).click();
  await expect(tags).toBeHidden();

  const chip = page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'urgent' });
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(conversations(page).getByRole('link')).toHaveCount(1);
  await expect(link(page, 'Epsilon gets a tag')).toBeVisible();
  // Folder and tag together: nothing in the folder carries the tag.
  await views(page).getByRole('button', { name: 'Clients 2025', exact: true }).click();
  await expect(page.getByText('No conversations here.')).toBeVisible();
  await chip.click();
  await expect(link(page, 'Delta goes in a folder')).toBeVisible();

  page.once('dialog', (dialog) => void dialog.accept());
  await views(page).getByRole('button', { name: 'Folder actions: Clients 2025' }).click();
  await page.getByRole('menuitem', { name: 'Delete folder' }).click();
  await expect(views(page).getByRole('button', { name: 'Clients 2025', exact: true })).toHaveCount(0);
  await expect(views(page).getByRole('button', { name: 'All conversations' })).toHaveAttribute('aria-current', 'true');
  await expect(link(page, 'Delta goes in a folder')).toBeVisible();
});

test('a deleted conversation comes back with its messages on Undo; one deleted without Undo is gone after a reload', async ({ page }) => {
  await page.goto(host.url);
  await chat(page, 'Zeta comes back');
  await chat(page, 'Eta is lost');

  await link(page, 'Zeta comes back').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zeta comes back');
  await menuOf(page, 'Zeta comes back');
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(link(page, 'Zeta comes back')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New chat');
  await page.locator('.toast', { hasText: 'Deleted “Zeta comes back”.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(link(page, 'Zeta comes back')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zeta comes back');
  await expect(page.getByTestId('message-user')).toContainText('Zeta comes back');
  await expect(page.getByTestId('message-assistant')).toContainText('You said: Zeta comes back');

  await link(page, 'Eta is lost').focus();
  await page.keyboard.press('Delete');
  await expect(link(page, 'Eta is lost')).toHaveCount(0);
  await expect(page.getByText('Deleted “Eta is lost”.')).toBeVisible();
  await page.reload();
  await expect(link(page, 'Zeta comes back')).toBeVisible();
  await expect(link(page, 'Eta is lost')).toHaveCount(0);
  await views(page).getByRole('button', { name: 'Archived' }).click();
  await expect(page.getByText('No archived conversations.')).toBeVisible();
});
