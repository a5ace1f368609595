// Errors from the core in the user's language: with the German UI, a provider
// that cannot be reached is reported in German, in the reply and in the
// provider's connection test, with the host and the cause filled in.
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { makeDataDir, startHost } from './support/host';
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
