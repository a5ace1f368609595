// First run of the browser host where no keychain answers (a server, a
// container): the first screen says keys go into a key file; the provider form
// tests what is typed without saving it, keeps a half-filled draft across tabs,
// and asks for the new key file's passphrase in place when the key is saved.
// After a restart, sending asks for the passphrase in place; Settings → Keys and
// vault says what happened inside the dialog and shows the file unlocked after.
import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startProviderServer } from './fixtures/provider-server';
import { callApi } from './support/api';
import { makeDataDir, startHost, type RunningHost } from './support/host';
import { send } from './support/ui';

interface Listed {
  name: string;
  key: { hasKey: boolean; backend?: string };
}

const listed = (page: Page, host: RunningHost) => callApi<Listed[]>(page, host, 'provider.list', {});

test('first run with a key file: tests save nothing, drafts survive tabs, the passphrase is asked where the key is saved and where a message is sent', async ({ page }) => {
  test.setTimeout(180_000);
  const key = `sk-first-${crypto.randomBytes(20).toString('hex')}`;
  const passphrase = `first run ${crypto.randomBytes(4).toString('hex')}`;
  const provider = await startProviderServer({ apiKey: key, tokenDelayMs: 5 });
  const dataDir = makeDataDir('first-run');
  const dir = makeDataDir('no-bus');
  const noKeychain = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-such-bus')}`, DISPLAY: '' };
  let host = await startHost(dataDir, noKeychain);
  try {
    await page.goto(host.url);
    await expect(page.getByText(/no system keychain, so your API keys will be kept in a key file/)).toBeVisible();
    await page.getByRole('button', { name: 'Add a provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByText(/kept in a key file protected by a passphrase/)).toBeVisible();
    await dialog.getByLabel('Name', { exact: true }).fill('Echo');
    await dialog.getByLabel('Base URL').fill(provider.url);
    await dialog.getByLabel('API key').fill('sk-wrong-00000000000000000000');
    await dialog.getByLabel('Model', { exact: true }).fill('echo');

    // A failed test saves nothing.
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.locator('#provider-status')).toHaveClass(/error/);
    expect(await listed(page, host)).toEqual([]);

    // The draft survives a visit to another tab.
    await dialog.getByRole('tab', { name: 'Keys and vault' }).click();
    await expect(dialog.getByRole('heading', { name: 'Key vault' })).toBeVisible();
    await dialog.getByRole('tab', { name: 'Providers' }).click();
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Echo');
    await expect(dialog.getByLabel('Model', { exact: true })).toHaveValue('echo');
    await dialog.getByLabel('API key').fill(key);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.locator('#provider-status')).toHaveText(/Connected: echo/);
    expect(await listed(page, host)).toEqual([]);

    // Saving asks for the new key file's passphrase in place, then saves the provider with its key.
    await dialog.getByRole('button', { name: 'Save' }).click();
    const choose = dialog.getByLabel('Choose a passphrase for the new key file');
    await expect(choose).toBeFocused();
    await choose.fill('short');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText(/at least 8 characters/);
    await choose.fill(passphrase);
    await dialog.getByRole('button', { name: 'Create key file and continue' }).click();
    await expect(dialog.getByText('Saved “Echo”.')).toBeVisible();
    expect(await listed(page, host)).toEqual([expect.objectContaining({ name: 'Echo', key: expect.objectContaining({ hasKey: true, backend: 'passphrase-file' }) })]);

    // Saving again updates the same provider.
    await dialog.getByLabel('Name', { exact: true }).fill('Echo two');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Saved “Echo two”.')).toBeVisible();
    expect((await listed(page, host)).map((p) => p.name)).toEqual(['Echo two']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await host.stop();

    // Next start: the key file is locked; sending asks for its passphrase in place, then sends.
    host = await startHost(dataDir, noKeychain);
    await page.goto(host.url);
    await send(page, 'Hello after a restart');
    const unlock = page.getByLabel('Key file passphrase');
    await expect(unlock).toBeFocused();
    await unlock.fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock and continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /passphrase/ })).toBeVisible();
    await unlock.fill(passphrase);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
    await expect(unlock).toBeHidden();

    // Keys and vault: unlocked; a wrong passphrase is said inside the dialog; unlocking shows at once.
    await page.getByRole('button', { name: 'Providers' }).click();
    await dialog.getByRole('tab', { name: 'Keys and vault' }).click();
    const line = dialog.locator('.vault-line');
    await expect(line).toContainText('ready');
    await expect(dialog.getByLabel('Keys that cannot be read')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Lock the key file' }).click();
    await expect(line).toContainText('locked');
    await dialog.getByLabel('Key file passphrase').fill('still not the passphrase');
    await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
    const wrong = dialog.getByRole('alert');
    await expect(wrong).toHaveText(/passphrase/);
    // Inside the modal dialog, so nothing covers it: a click there would reach it.
    await wrong.click({ trial: true });
    await dialog.getByLabel('Key file passphrase').fill(passphrase);
    await dialog.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(dialog.getByText('The key file is unlocked.')).toBeVisible();
    await expect(line).toContainText('ready');
    await expect(dialog.getByRole('button', { name: 'Lock the key file' })).toBeVisible();
  } finally {
    await host.stop();
    await provider.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(host.output().includes(key)).toBe(false);
});
