// Saving and testing providers through the dispatcher, with the key file as the
// vault (browser mode without a keychain) and the replay provider server: a test
// saves nothing, and a save the vault cannot finish leaves nothing behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../../../../e2e/fixtures/provider-server';
import type { ChatService } from '../../chat/chat-service';
import { createLogger, SecretRedactor } from '../../log/logger';
import { useTempStores } from '../../store/testing';
import { passphraseFileBackend } from '../../vault/backend';
import { createManagedVault } from '../../vault/managed-vault';
import { openPassphraseVault } from '../../vault/passphrase-vault';
import { loadVaultSettings } from '../../vault/vault-settings';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { createHandlers } from './index';
import { FileGrants } from '../../files/grants';

const KEY = 'sk-draft-000000000000000-7d2a';
const PASSPHRASE = 'a passphrase for the tests';
const stores = useTempStores();
let server: ProviderServer;
let dir: string;
let dispatch: Dispatch;

async function call<T>(method: string, input: unknown): Promise<T> {
  const reply = await dispatch(method, input);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as T;
}

beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, tokenDelayMs: 1 });
});
afterAll(async () => server.close());

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-provider-api-'));
  const store = await stores.open(path.join(dir, 'db.sqlite'));
  const file = openPassphraseVault({ file: path.join(dir, 'keys.rmllm'), kdf: { log2N: 10, r: 8, p: 1 } });
  const redactor = new SecretRedactor();
  const vault = createManagedVault({
    store,
    backends: [passphraseFileBackend(file)],
    passphraseFile: file,
    active: { backend: 'passphrase-file', reason: { code: 'no-keychain', unusable: null, said: null } },
    settings: await loadVaultSettings(store),
    secrets: redactor,
  });
  const log = createLogger({ dir: path.join(dir, 'logs'), redactor });
  dispatch = createDispatcher(createHandlers({ store, vault, chat: {} as ChatService, redactor, transport: 'browser', files: new FileGrants() }), log);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const draft = (apiKey?: string) => ({ name: 'Echo', baseUrl: server.url, model: 'echo', ...(apiKey ? { apiKey } : {}) });

describe('provider.test', () => {
  it('tests the typed values and key, and saves nothing, whether it connects or not', async () => {
    const values = { baseUrl: server.url, model: 'echo', apiKey: KEY };
    await expect(call('provider.test', { draft: { ...values, apiKey: 'sk-wrong-0000000000000000-0000' } })).rejects.toMatchObject({ code: expect.stringMatching(/^provider\./) });
    expect(await call('provider.test', { draft: values })).toMatchObject({ ok: true, model: 'echo' });
    expect(await call('provider.list', {})).toEqual([]);
    expect(await call('vault.list', {})).toEqual([]);
    expect(await call('vault.status', {})).toMatchObject({ keys: 0, passphraseFile: { exists: false } });
  });

  it('uses the saved key of the provider being edited when none is typed', async () => {
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const saved = await call<{ id: string }>('provider.save', draft(KEY));
    expect(await call('provider.test', { id: saved.id, draft: { baseUrl: server.url, model: 'echo' } })).toMatchObject({ ok: true });
    await call('vault.lock', {});
    await expect(call('provider.test', { id: saved.id, draft: { baseUrl: server.url, model: 'echo' } })).rejects.toMatchObject({ code: 'vault.locked' });
  });
});

describe('provider.save', () => {
  it('refuses a key the locked key file cannot take and saves no provider, so the next try makes exactly one', async () => {
    await expect(call('provider.save', draft(KEY))).rejects.toMatchObject({ code: 'vault.locked', message: expect.stringMatching(/Settings → Keys and vault/) });
    expect(await call('provider.list', {})).toEqual([]);
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const saved = await call<{ id: string }>('provider.save', draft(KEY));
    await call('provider.save', { id: saved.id, ...draft(), name: 'Echo renamed' });
    const list = await call<Array<{ id: string; name: string; key: { hasKey: boolean } }>>('provider.list', {});
    expect(list).toEqual([expect.objectContaining({ id: saved.id, name: 'Echo renamed', key: expect.objectContaining({ hasKey: true }) })]);
  });

  it('keeps an edited provider as it was when its new key cannot be saved', async () => {
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const saved = await call<{ id: string }>('provider.save', draft(KEY));
    await call('vault.lock', {});
    await expect(call('provider.save', { id: saved.id, ...draft('sk-new-00000000000000000-1111'), name: 'Changed' })).rejects.toMatchObject({ code: 'vault.locked' });
    expect(await call('provider.list', {})).toEqual([expect.objectContaining({ name: 'Echo' })]);
  });
});
