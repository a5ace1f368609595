// The canary: a key made of a unique random string goes in through the UI, drives
// a whole conversation through the browser host, and must then appear nowhere:
// in no file under the data folder (database, WAL, logs, every byte), in no
// WebSocket frame the renderer received, in no log line of the host. Settings
// exports leave it out, or carry it only sealed under a passphrase, from which a
// fresh install restores it. Runs under the private keyring of `npm run test:e2e`.
import { expect, test } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openSealedKeys } from '../src-main/core/settings-transfer/sealed-keys';
import { startProviderServer } from './fixtures/provider-server';
import { callApi } from './support/api';
import { makeDataDir, startHost, type RunningHost } from './support/host';
import { addProvider, recordReceivedFrames, send } from './support/ui';

/** The files under `dir` whose bytes contain `needle`, and every file that was read. */
function filesHolding(dir: string, needle: string): { holding: string[]; read: string[] } {
  const read = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(dir, name)).isFile());
  return { holding: read.filter((name) => fs.readFileSync(path.join(dir, name)).includes(needle)), read };
}

test('a canary key reaches the provider and nothing else: no file, no frame to the renderer, no log line', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const canary = `sk-canary-${crypto.randomBytes(24).toString('hex')}`;
  const passphrase = `export-${crypto.randomBytes(8).toString('hex')}`;
  const provider = await startProviderServer({ apiKey: canary, tokenDelayMs: 5 });
  const dataDir = makeDataDir('vault-canary');
  const host = await startHost(dataDir);
  const frames = recordReceivedFrames(page);
  let restoredHost: RunningHost | null = null;
  const restoredDir = makeDataDir('vault-canary-restored');
  try {
    await page.goto(host.url);
    await addProvider(page, { name: 'Canary echo', baseUrl: provider.url, apiKey: canary, model: 'echo' });
    for (const text of ['First message of the canary conversation', 'Second message, same conversation']) {
      await send(page, text);
      const reply = page.getByTestId('message-assistant').last();
      await expect(reply).toContainText(`You said: ${text}`);
      await expect(reply).toHaveAttribute('data-status', 'done');
    }
    // The key really was used: the provider saw it on every call (so the checks below can fail).
    const chatCalls = provider.requests.filter((request) => request.path.endsWith('/chat/completions'));
    expect(chatCalls.length).toBeGreaterThanOrEqual(2);
    expect(chatCalls.every((request) => request.headers.authorization === `Bearer ${canary}`)).toBe(true);

    // What the settings screen sees: where the key lives, never the key.
    const [saved] = await callApi<Array<{ id: string; key: Record<string, unknown> }>>(page, host, 'provider.list', {});
    expect(saved!.key).toMatchObject({ hasKey: true, hint: canary.slice(-4), label: 'default', isDefault: true, backend: 'keychain' });
    expect(await callApi(page, host, 'vault.status', {})).toMatchObject({ backend: 'keychain', state: 'ready', locked: false, keys: 1, unreadable: [] });

    // A plain export has no key; an encrypted one has it only sealed under the passphrase.
    const plain = await callApi<{ content: string; includesKeys: boolean }>(page, host, 'settings.export', {});
    expect(plain.includesKeys).toBe(false);
    expect(plain.content).not.toContain(canary);
    expect(JSON.parse(plain.content).encryptedKeys).toBeNull();
    const sealed = await callApi<{ content: string; includesKeys: boolean; keys: number }>(page, host, 'settings.export', { passphrase });
    expect(sealed).toMatchObject({ includesKeys: true, keys: 1 });
    expect(sealed.content).not.toContain(canary);
    const sealedBytes = Buffer.from(JSON.parse(sealed.content).encryptedKeys, 'base64');
    expect(sealedBytes.includes(canary)).toBe(false);
    expect([...(await openSealedKeys(sealedBytes, passphrase)).values()]).toEqual([canary]);

    // While the host runs (the WAL not yet checkpointed), no file holds the key.
    const live = filesHolding(dataDir, canary);
    expect(live.read.some((name) => name.endsWith('.sqlite-wal') || name.endsWith('-wal'))).toBe(true);
    expect(live.holding).toEqual([]);

    // A fresh install, with its own keychain service, restores the key from the sealed export.
    restoredHost = await startHost(restoredDir, { REALMULTILLM_KEYCHAIN_SERVICE: `${process.env.REALMULTILLM_KEYCHAIN_SERVICE}-restored` });
    const page2 = await browser.newPage();
    const frames2 = recordReceivedFrames(page2);
    await page2.goto(restoredHost.url);
    expect(await callApi(page2, restoredHost, 'settings.import', { content: sealed.content, passphrase })).toEqual({ providers: 1, settings: 0, keys: 1, keysLeftOut: 0 });
    const before = provider.requests.length;
    await callApi(page2, restoredHost, 'provider.test', { id: saved!.id });
    expect(provider.requests.slice(before).some((request) => request.headers.authorization === `Bearer ${canary}`)).toBe(true);
    expect(frames2.length).toBeGreaterThan(0);
    expect(frames2.filter((frame) => frame.includes(canary))).toEqual([]);
    await page2.close();
  } finally {
    await restoredHost?.stop();
    await host.stop();
    await provider.close();
  }

  // Frames: the renderer received replies, deltas and exports, and none held the key.
  expect(frames.filter((frame) => frame.includes('"stream.delta"')).length).toBeGreaterThan(1);
  expect(frames.some((frame) => frame.includes('encryptedKeys'))).toBe(true);
  expect(frames.filter((frame) => frame.includes(canary))).toEqual([]);

  // Files: every byte of every file in both data folders (database, WAL, logs, key file).
  for (const dir of [dataDir, restoredDir]) {
    const after = filesHolding(dir, canary);
    expect(after.read.some((name) => name.endsWith('.sqlite'))).toBe(true);
    expect(after.read.some((name) => name.endsWith('core.log'))).toBe(true);
    expect(after.holding).toEqual([]);
  }

  // Log lines: the host's stdout and stderr, and the core logs (read above as files).
  expect(host.output()).toContain('running at');
  expect(host.output().includes(canary)).toBe(false);
  expect(restoredHost).not.toBeNull();
  expect(restoredHost?.output().includes(canary)).toBe(false);
});
