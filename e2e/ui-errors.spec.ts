// Errors from the core in the user's language: with the German UI, a provider
// that cannot be reached is reported in German, in the reply and in the
// provider's connection test, with the host and the cause filled in; a
// pipeline's template problems are worded in German step by step; the key
// vault's status says why and what is wrong in German.
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeDataDir, startHost, type RunningHost } from './support/host';
import { addProvider, runCommand } from './support/ui';

let host: Awaited<ReturnType<typeof startHost>>;
let closedPort: number;

/** A port nothing listens on: one the system just handed out and took back. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.beforeAll(async () => {
  closedPort = await freePort();
  host = await startHost(makeDataDir('ui-errors'));
});
test.afterAll(async () => {
  await host.stop();
});

test('with the German UI, an unreachable provider is reported in German', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Niemand da', baseUrl: `http://127.0.0.1:${closedPort}/v1`, apiKey: 'sk-test-ui-errors-0001', model: 'echo' });
  await runCommand(page, 'Language: Deutsch');
  await expect(page.getByRole('button', { name: 'Neuer Chat' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Nachricht' }).fill('Hallo?');
  await page.getByRole('button', { name: 'Senden' }).click();
  const reply = page.getByTestId('message-assistant').last();
  await expect(reply).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
  const said = `127.0.0.1:${closedPort} ist nicht erreichbar (Verbindung abgelehnt). Prüfe die Basis-URL und ob der Server läuft.`;
  await expect(reply.getByRole('alert')).toHaveText(said);

  // After a reload the stored reply says it in German too.
  await page.reload();
  await expect(page.getByTestId('message-assistant').last().getByRole('alert')).toHaveText(said);

  // The provider's connection test, from the keyboard.
  await page.getByRole('button', { name: 'Anbieter' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Verbindung testen' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status').filter({ hasText: said })).toHaveText(said, { timeout: 20_000 });
  // The model list beside it could not be fetched either, and says why in German too.
  await expect(dialog.getByText(said)).toHaveCount(2);
});

/** A host of its own, so the language chosen in another test does not carry over. */
async function withOwnHost(label: string, env: NodeJS.ProcessEnv, body: (own: RunningHost) => Promise<void>) {
  const own = await startHost(makeDataDir(label), env);
  try {
    await body(own);
  } finally {
    await own.stop();
  }
}

test('with the German UI, a pipeline’s template problems are said in German, step by step', async ({ page }) => {
  await withOwnHost('ui-errors-pipeline', {}, async (own) => {
    await page.goto(own.url);
    await addProvider(page, { name: 'Schritte', baseUrl: `http://127.0.0.1:${closedPort}/v1`, apiKey: 'sk-test-ui-errors-0002', model: 'echo' });
    await runCommand(page, 'Language: Deutsch');
    await page.getByRole('navigation', { name: 'Ansichten' }).getByRole('button', { name: 'Pipelines', exact: true }).click();
    await page.getByRole('button', { name: 'Neue Pipeline' }).click();
    await page.getByLabel('Name der Pipeline').fill('Falsch verdrahtet');
    await page.getByLabel('Name des Schritts').first().fill('Eins');
    await page.getByLabel('Vorlage der Eingabe').first().fill('Nutze {{steps.Zwei}}');
    await page.getByRole('button', { name: 'Schritt hinzufügen' }).click();
    await page.getByLabel('Name des Schritts').nth(1).fill('Zwei');
    await page.getByLabel('Vorlage der Eingabe').nth(1).fill('{{inptu}}');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Pipeline' })).toHaveText(
      'Die Pipeline kann nicht gespeichert werden; korrigiere diese Platzhalter und speichere erneut. ' +
        'Schritt 1 (Eins): {{steps.Zwei}} muss einen früheren Schritt nennen. ' +
        'Schritt 2 (Zwei): {{inptu}} ist kein Platzhalter; verwende {{input}}, {{previous_output}} oder {{steps.NAME}}.',
    );
  });
});

test('with the German UI, the key vault says in German why it keeps keys where it does and what is wrong', async ({ page }) => {
  // A session bus address that leads nowhere: no keychain answers, so keys go to a key file not made yet.
  const noKeychain = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(makeDataDir('ui-errors-no-bus'), 'no-such-bus')}`, DISPLAY: '' };
  await withOwnHost('ui-errors-vault', noKeychain, async (own) => {
    await page.goto(own.url);
    await runCommand(page, 'Language: Deutsch');
    await page.getByRole('navigation', { name: 'Ansichten' }).getByRole('button', { name: 'Einstellungen', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('tab', { name: 'Schlüssel und Tresor' }).click();
    const vault = dialog.getByRole('region', { name: 'Schlüsseltresor' });
    await expect(vault.locator('.hint').first()).toHaveText(/^Der Schlüsselbund des Systems ist nicht erreichbar\. Das System meldete: „.+“$/);
    await expect(vault.locator('.form-status.error').first()).toHaveText(/^Der Schlüsselspeicher ist gesperrt, daher können API-Schlüssel weder gelesen noch gespeichert werden\./);
    await expect(vault).not.toContainText('cannot be reached');
  });
});
