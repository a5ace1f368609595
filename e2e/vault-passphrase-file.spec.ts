// The browser host where no keychain answers (a server, a container): keys go to
// the passphrase-protected key file, which is locked in each run until the user
// types the passphrase. A locked file is a sentence saying what to do, never a
// lost key and never a silent switch to somewhere else.
import { expect, test } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startProviderServer } from './fixtures/provider-server';
import { ApiCallError, callApi } from './support/api';
import { makeDataDir, startHost, type RunningHost } from './support/host';
import { addProvider, send } from './support/ui';

interface Status {
  backend: string;
  state: string;
  locked: boolean;
  problem: { code: string; message: string } | null;
  passphraseFile: { exists: boolean; unlocked: boolean } | null;
}

test('without a keychain, keys live in the key file, locked each run until the passphrase is typed', async ({ page }) => {
  test.setTimeout(120_000);
  const key = `sk-file-${crypto.randomBytes(20).toString('hex')}`;
  const passphrase = `file passphrase ${crypto.randomBytes(4).toString('hex')}`;
  const provider = await startProviderServer({ apiKey: key, tokenDelayMs: 5 });
  const dataDir = makeDataDir('vault-file');
  const dir = makeDataDir('no-bus');
  // A session bus address that leads nowhere: keytar cannot reach any keychain.
  const noKeychain = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-such-bus')}`, DISPLAY: '' };
  let host: RunningHost = await startHost(dataDir, noKeychain);
  try {
    await page.goto(host.url);
    const first = await callApi<Status>(page, host, 'vault.status', {});
    expect(first).toMatchObject({ backend: 'passphrase-file', state: 'locked', locked: true, passphraseFile: { exists: false, unlocked: false } });
    expect(first.problem).toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/Choose a passphrase/) });
    await expect(callApi(page, host, 'vault.unlock', { passphrase: 'short' })).rejects.toMatchObject({ code: 'vault.weak_passphrase' });
    expect(await callApi<Status>(page, host, 'vault.unlock', { passphrase })).toMatchObject({ state: 'ready', passphraseFile: { exists: true, unlocked: true } });

    await addProvider(page, { name: 'File echo', baseUrl: provider.url, apiKey: key, model: 'echo' });
    await send(page, 'Hello from the key file');
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
    expect(provider.requests.some((request) => request.headers.authorization === `Bearer ${key}`)).toBe(true);
    await host.stop();

    // Next run: locked again. Sending says so and names the key; nothing is lost.
    host = await startHost(dataDir, noKeychain);
    await page.goto(host.url);
    expect(await callApi<Status>(page, host, 'vault.status', {})).toMatchObject({ backend: 'passphrase-file', state: 'locked', passphraseFile: { exists: true, unlocked: false } });
    const [saved] = await callApi<Array<{ id: string; key: Record<string, unknown> }>>(page, host, 'provider.list', {});
    expect(saved!.key).toMatchObject({ hasKey: true, label: 'default', backend: 'passphrase-file' });
    const refused = await callApi(page, host, 'chat.send', { providerId: saved!.id, text: 'Are you still there?' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiCallError);
    expect(refused).toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/"default" key of File echo.*locked.*passphrase/s) });

    const wrong = await callApi(page, host, 'vault.unlock', { passphrase: 'not the passphrase' }).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(ApiCallError);
    expect((wrong as ApiCallError).code).toBe('vault.wrong_passphrase');
    await callApi(page, host, 'vault.unlock', { passphrase });
    await send(page, 'Now with the file unlocked');
    await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');

    expect(await callApi<Status>(page, host, 'vault.lock', {})).toMatchObject({ state: 'locked', passphraseFile: { exists: true, unlocked: false } });
  } finally {
    await host.stop();
    await provider.close();
  }

  // The key is in the key file, encrypted; no file holds it in the clear, nor the host's output.
  expect(fs.existsSync(path.join(dataDir, 'keys.rmllm'))).toBe(true);
  for (const name of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
    const full = path.join(dataDir, name);
    if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(key), `${name} holds the key`).toBe(false);
  }
  expect(host.output().includes(key)).toBe(false);
  fs.rmSync(dir, { recursive: true, force: true });
});
