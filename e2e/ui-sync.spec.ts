// Team sync end to end, as two people's devices would do it: two browser-host
// instances with two data folders, and two real team server replicas on one
// PostgreSQL database made for this run (A talks to the first, B to the second).
// Both sign in through the server's own page in a second tab; A writes and B sees
// it; B goes offline (its replica is stopped), renames while A tags, and after
// it comes back both edits are on both devices; the status says offline with the
// changes waiting, then synced, in English and in German. Then A moves the
// conversation into a shared space; B syncs that space once it ticks it, and
// signing out with "remove the shared copies" takes it off B again.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import type { TestDatabase } from '../src-server/testing/databases';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost, type RunningHost } from './support/host';
import { expectNoHorizontalScroll } from './support/reflow';
import { createSharedSpace, scriptToken, startReplica, teamDatabase, type Replica } from './support/team-server';
import { addProvider, send } from './support/ui';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// With SCREENSHOTS set, the Team sync screens are saved to docs/ui/ (scripts/screenshots.mjs).
const screenshots = process.env.SCREENSHOTS ? path.resolve(import.meta.dirname, '../docs/ui') : null;
const apiKey = 'sk-test-ui-sync-0001';
const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let database: TestDatabase;
let first: Replica;
let second: Replica;
let hostA: RunningHost;
let hostB: RunningHost;

async function screenshot(page: Page, name: string) {
  if (!screenshots) return;
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}

// The second test goes on from where the first left the devices.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 2 });
  database = await teamDatabase();
  first = await startReplica(database);
  second = await startReplica(database);
  hostA = await startHost(makeDataDir('ui-sync-a'));
  hostB = await startHost(makeDataDir('ui-sync-b'));
});

test.afterAll(async () => {
  await hostA?.stop();
  await hostB?.stop();
  await first?.stop();
  await second?.stop();
  await provider?.close();
  await database?.drop();
});

const conversations = (page: Page) => page.getByLabel('Conversations', { exact: true });
const link = (page: Page, title: string) => conversations(page).getByRole('link', { name: title });
const indicator = (page: Page) => page.getByRole('button', { name: /^Team[- ][Ss]ync: / });

async function openTeamSync(page: Page) {
  const dialog = page.getByRole('dialog', { name: /Settings|Einstellungen/ });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: /^Providers$|^Anbieter$/ }).click();
  await dialog.getByRole('tab', { name: /Team sync|Team-Sync/ }).click();
  return dialog;
}

async function closeSettings(page: Page) {
  const dialog = page.getByRole('dialog', { name: /Settings|Einstellungen/ });
  await dialog.getByRole('button', { name: /^(Close|Schließen)$/ }).click();
  await expect(dialog).toBeHidden();
}

/** The first admin, made through the setup link the first replica printed. */
async function makeAdmin(context: BrowserContext, setupUrl: string) {
  const page = await context.newPage();
  await page.goto(setupUrl);
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Your name').fill('Ada');
  await page.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Your account is ready')).toBeVisible();
  await page.close();
}

/** Points a device at a replica and signs it in through the server's page in a second tab. */
async function signIn(page: Page, context: BrowserContext, serverUrl: string) {
  const dialog = await openTeamSync(page);
  await dialog.getByLabel('Team server address').fill(serverUrl);
  await dialog.getByRole('button', { name: 'Use this server' }).click();
  const opened = context.waitForEvent('page');
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  const signInPage = await opened;
  await expect(dialog.getByText('Waiting for sign-in in your browser…')).toBeVisible();
  await signInPage.waitForLoadState();
  await signInPage.getByLabel('E-mail').fill(EMAIL);
  await signInPage.getByLabel('Password').fill(PASSWORD);
  await signInPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(signInPage.getByText('You are signed in.')).toBeVisible();
  await signInPage.close();
  await expect(dialog.getByText(`Signed in as Ada (${EMAIL})`)).toBeVisible();
  await expect(dialog.getByTestId('sync-status')).toHaveText('Synced', { timeout: 20_000 });
  return dialog;
}

test('two devices on two replicas: sign in, write, see it, edit offline on both, converge', async ({ browser }) => {
  test.setTimeout(240_000);
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await a.goto(hostA.url);
  await b.goto(hostB.url);

  // Sync is off until a server is chosen: the sidebar says nothing about it.
  await expect(a.getByRole('button', { name: 'New chat' })).toBeVisible();
  await expect(indicator(a)).toHaveCount(0);

  expect(first.setupUrl, first.output()).toBeTruthy();
  await makeAdmin(contextA, first.setupUrl!);

  // A wrong address is refused with a sentence, and nothing is kept.
  const settingsA = await openTeamSync(a);
  await settingsA.getByLabel('Team server address').fill('sync example com');
  await settingsA.getByRole('button', { name: 'Use this server' }).click();
  await expect(settingsA.getByRole('alert')).toContainText('“sync example com” is not a server address.');
  await expect(settingsA.getByLabel('Team server address')).toHaveAttribute('aria-invalid', 'true');

  await signIn(a, contextA, first.url);
  await expect(settingsA.getByText(/^This device: /)).toBeVisible();
  await expect(settingsA.getByRole('group', { name: 'Spaces to sync' }).getByRole('checkbox', { name: /^Personal/ })).toBeChecked();
  const axe = await new AxeBuilder({ page: a }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await closeSettings(a);
  await expect(indicator(a)).toHaveAccessibleName('Team sync: Synced. Open Team sync settings');

  // A writes.
  await addProvider(a, { name: 'Echo', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(a, 'Plans for the offsite');
  await expect(a.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await expect(link(a, 'Plans for the offsite')).toBeVisible();

  // B, on the second replica, sees it with its reply.
  await signIn(b, contextB, second.url);
  await closeSettings(b);
  await expect(link(b, 'Plans for the offsite')).toBeVisible({ timeout: 20_000 });
  await link(b, 'Plans for the offsite').click();
  await expect(b.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await expect(b.getByTestId('message-user').last()).toContainText('Plans for the offsite');

  // B goes offline (its replica stops) and renames; A tags meanwhile.
  await second.stop();
  await conversations(b).getByRole('listitem').filter({ hasText: 'Plans for the offsite' }).getByRole('button', { name: 'Conversation actions' }).click();
  await b.getByRole('menuitem', { name: 'Rename' }).click();
  await b.getByRole('textbox', { name: 'New title' }).fill('Offsite in March');
  await b.keyboard.press('Enter');
  await expect(link(b, 'Offsite in March')).toBeVisible();
  await expect(indicator(b)).toHaveText(/^Offline, [1-9]\d* changes? waiting$/, { timeout: 20_000 });
  await screenshot(b, 'team-sync-offline');

  await conversations(a).getByRole('listitem').filter({ hasText: 'Plans for the offsite' }).getByRole('button', { name: 'Conversation actions' }).click();
  await a.getByRole('menuitem', { name: 'Tags…' }).click();
  const tags = a.getByRole('dialog', { name: /^Tags of/ });
  await tags.getByLabel('Add a tag').fill('travel');
  await a.keyboard.press('Enter');
  await expect(tags.getByRole('button', { name: 'Remove the tag travel' })).toBeVisible();
  await tags.getByRole('button', { name: 'Done' }).click();
  await expect(indicator(a)).toHaveText('Synced', { timeout: 20_000 });

  // B comes back: the rename goes up, the tag comes down; both devices have both.
  await second.start();
  const settingsB = await openTeamSync(b);
  await settingsB.getByRole('button', { name: 'Sync now' }).click();
  await expect(settingsB.getByTestId('sync-status')).toHaveText('Synced', { timeout: 30_000 });
  await expect(settingsB.getByText(/^Last sync: /)).toBeVisible();
  await closeSettings(b);
  await expect(indicator(b)).toHaveText('Synced');
  await expect(b.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /travel/ })).toBeVisible({ timeout: 20_000 });
  await expect(link(a, 'Offsite in March')).toBeVisible({ timeout: 20_000 });
  await expect(link(a, 'Plans for the offsite')).toHaveCount(0);
  await expect(a.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /travel/ })).toBeVisible();

  // The status in German.
  const settings = await openTeamSync(b);
  await settings.getByRole('tab', { name: 'Appearance' }).click();
  await settings.getByLabel('Language').selectOption('de');
  await settings.getByRole('tab', { name: 'Team-Sync' }).click();
  await expect(settings.getByTestId('sync-status')).toHaveText('Synchronisiert');
  await expect(settings.getByText(/^Zuletzt synchronisiert: /)).toBeVisible();
  await closeSettings(b);
  await expect(indicator(b)).toHaveAccessibleName('Team-Sync: Synchronisiert. Einstellungen für Team-Sync öffnen');

  await contextA.close();
  await contextB.close();
});

test('moves a conversation into a shared space by keyboard and labels it; the other device opts in, signs out removing the shared copy, cancels a sign-in', async ({ browser }) => {
  test.setTimeout(120_000);
  const token = await scriptToken(first.url, EMAIL, PASSWORD);
  await createSharedSpace(first.url, token, 'Research');
  const context = await browser.newContext();
  const a = await context.newPage();
  await a.goto(hostA.url);
  await expect(link(a, 'Offsite in March')).toBeVisible();

  // The new space is offered among the spaces to sync.
  const settings = await openTeamSync(a);
  await expect(settings.getByRole('checkbox', { name: 'Research (owner, 0 conversations)' })).toBeVisible({ timeout: 20_000 });
  await closeSettings(a);

  // The row's menu from the keyboard: Shift+F10 on the focused conversation, then the last-but-one entry.
  await link(a, 'Offsite in March').focus();
  await a.keyboard.press('Shift+F10');
  await expect(a.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await a.keyboard.press('End');
  await a.keyboard.press('ArrowUp');
  await expect(a.getByRole('menuitem', { name: 'Move to a shared space…' })).toBeFocused();
  await a.keyboard.press('Enter');
  const dialog = a.getByRole('dialog', { name: 'Move “Offsite in March” to a space' });
  await expect(dialog.getByRole('radio', { name: 'Research (owner)' })).toBeVisible();
  await screenshot(a, 'team-sync-move');
  const axe = await new AxeBuilder({ page: a }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await dialog.getByRole('radio', { name: 'Research (owner)' }).focus();
  await a.keyboard.press('Space');
  await expect(dialog.getByRole('radio', { name: 'Research (owner)' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Move', exact: true }).focus();
  await a.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(a.getByText('Moved “Offsite in March” to Research.')).toBeVisible();

  // The row says which space it is in.
  await expect(link(a, 'Offsite in March')).toHaveAccessibleDescription('in the shared space Research');
  await expect(conversations(a).getByText('Research', { exact: true })).toBeVisible();
  await expect(indicator(a)).toHaveText('Synced', { timeout: 20_000 });
  const settingsAfter = await openTeamSync(a);
  await expect(settingsAfter.getByRole('checkbox', { name: 'Research (owner, 1 conversation)' })).toBeChecked();
  await screenshot(a, 'team-sync');
  // Signed in, the tab reflows at 320 px like the others.
  await a.setViewportSize({ width: 320, height: 640 });
  await expect(settingsAfter.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expectNoHorizontalScroll(a, 'Team sync, signed in, at 320 px');
  await screenshot(a, 'team-sync-phone-320');
  await a.setViewportSize({ width: 1280, height: 720 });
  await closeSettings(a);

  // B does not keep the team space until it chooses to: the conversation leaves its
  // personal space, and comes back, labelled, once Research is ticked.
  const contextB = await browser.newContext();
  const b = await contextB.newPage();
  await b.goto(hostB.url);
  await expect(indicator(b)).toBeVisible();
  await expect(link(b, 'Offsite in March')).toHaveCount(0, { timeout: 20_000 });
  const settingsB = await openTeamSync(b);
  const research = settingsB.getByRole('checkbox', { name: /^Research \((Besitzer|owner)/ });
  await expect(research).not.toBeChecked();
  await research.check();
  await expect(research).toBeChecked();
  await closeSettings(b);
  await expect(link(b, 'Offsite in March')).toHaveAccessibleDescription(/^(in the shared space|im geteilten Bereich) Research$/, { timeout: 20_000 });

  // B signs out and removes its copy of the shared spaces: the team's conversation
  // goes from B (it stays on the server and on A); the status says signed out.
  const signOutB = await openTeamSync(b);
  await signOutB.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signOutB.getByRole('checkbox', { name: 'Also remove this device’s copy of the shared spaces' }).check();
  await signOutB.getByRole('button', { name: 'Sign out now' }).click();
  await expect(signOutB.getByText('Signed out. Your data is still on this device.')).toBeVisible();
  await expect(signOutB.getByTestId('sync-status')).toHaveText('Not signed in');
  await closeSettings(b);
  await expect(link(b, 'Offsite in March')).toHaveCount(0);
  await expect(link(a, 'Offsite in March')).toBeVisible();

  // A sign-in that is waiting for the browser can be cancelled.
  const again = await openTeamSync(b);
  const opened = contextB.waitForEvent('page');
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await (await opened).close();
  await expect(again.getByText('Waiting for sign-in in your browser…')).toBeVisible();
  await again.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(again.getByText('Waiting for sign-in in your browser…')).toHaveCount(0);
  await expect(again.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

  await contextB.close();
  await context.close();
});
