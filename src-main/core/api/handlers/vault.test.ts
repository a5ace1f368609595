// The vault's API as the renderer calls it: through the dispatcher, so every input
// and output passes its schema. A real SQLite store, the real key file, and an
// in-memory stand-in for the keychain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatService } from '../../chat/chat-service';
import { createLogger, SecretRedactor } from '../../log/logger';
import { useTempStores } from '../../store/testing';
import { passphraseFileBackend } from '../../vault/backend';
import { createManagedVault } from '../../vault/managed-vault';
import { openPassphraseVault } from '../../vault/passphrase-vault';
import { createMemoryBackend } from '../../vault/testing/memory-backend';
import { loadVaultSettings } from '../../vault/vault-settings';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { createHandlers } from './index';
import { FileGrants } from '../../files/grants';

const stores = useTempStores();
let dir: string;
let dispatch: Dispatch;
let logFile: string;

async function call<T>(method: string, input: unknown): Promise<T> {
  const reply = await dispatch(method, input);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as T;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-vault-api-'));
  const store = await stores.open(path.join(dir, 'db.sqlite'));
  const file = openPassphraseVault({ file: path.join(dir, 'keys.rmllm'), kdf: { log2N: 10, r: 8, p: 1 } });
  const redactor = new SecretRedactor();
  const vault = createManagedVault({
    store,
    backends: [createMemoryBackend('keychain'), passphraseFileBackend(file)],
    passphraseFile: file,
    active: { backend: 'keychain', reason: { code: 'keychain-answered', unusable: null, said: null } },
    settings: await loadVaultSettings(store),
    secrets: redactor,
  });
  const log = createLogger({ dir: path.join(dir, 'logs'), redactor });
  logFile = path.join(dir, 'logs', 'core.log');
  dispatch = createDispatcher(createHandlers({ store, vault, chat: {} as ChatService, redactor, transport: 'browser', files: new FileGrants() }), log);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('vault API', () => {
  it('gives the settings screen every key with its name, hint, backend and default, and the status line', async () => {
    const provider = await call<{ id: string }>('provider.save', { name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o', apiKey: 'sk-first-0000000000000-AAAA' });
    await call('vault.setKey', { provider: provider.id, key: 'sk-work-00000000000000-BBBB', label: 'work', makeDefault: true });
    const list = await call<unknown[]>('vault.list', {});
    expect(list).toEqual([
      { provider: provider.id, hasKey: true, hint: 'AAAA', label: 'default', isDefault: false, backend: 'keychain', updatedAt: expect.any(Number), problem: null },
      { provider: provider.id, hasKey: true, hint: 'BBBB', label: 'work', isDefault: true, backend: 'keychain', updatedAt: expect.any(Number), problem: null },
    ]);
    expect(await call('vault.status', {})).toEqual({
      backend: 'keychain',
      state: 'ready',
      locked: false,
      needsConsent: false,
      problem: null,
      reason: { code: 'keychain-answered', unusable: null, said: null },
      passphraseFile: { exists: false, unlocked: false },
      plaintext: { applies: false, consent: false, consentAt: null },
      backends: [
        { backend: 'keychain', state: 'ready', problem: null, keys: 2 },
        { backend: 'passphrase-file', state: 'locked', problem: { code: 'vault.locked', message: expect.stringMatching(/Choose a passphrase/), params: {} }, keys: 0 },
      ],
      keys: 2,
      keysElsewhere: 0,
      unreadable: [],
    });
  });

  it('replaces the default key when a provider is saved with a new key, whatever its name', async () => {
    const provider = await call<{ id: string }>('provider.save', { name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o', apiKey: 'sk-first-0000000000000-AAAA' });
    await call('vault.setKey', { provider: provider.id, key: 'sk-work-00000000000000-BBBB', label: 'work', makeDefault: true });
    const saved = await call<{ key: { label: string; hint: string } }>('provider.save', {
      id: provider.id,
      name: 'OpenAI',
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o',
      apiKey: 'sk-work-replaced-000000-CCCC',
    });
    expect(saved.key).toMatchObject({ label: 'work', hint: 'CCCC', isDefault: true });
    expect(await call<unknown[]>('vault.list', {})).toHaveLength(2);
  });

  it('deletes by name, switches default, moves keys, locks and unlocks the key file', async () => {
    const provider = await call<{ id: string }>('provider.save', { name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', model: 'llama', apiKey: 'sk-groq-0000000000000-AAAA' });
    await call('vault.setKey', { provider: provider.id, key: 'sk-groq-work-00000000-BBBB', label: 'work' });
    expect(await call('vault.setDefault', { provider: provider.id, label: 'work' })).toMatchObject({ label: 'work', isDefault: true });
    expect(await call('vault.deleteKey', { provider: provider.id, label: 'work' })).toMatchObject({ label: 'default', isDefault: true });

    await expect(call('vault.migrate', { to: 'passphrase-file' })).rejects.toMatchObject({ code: 'vault.locked' });
    expect(await call('vault.unlock', { passphrase: 'a long passphrase' })).toMatchObject({ state: 'ready', passphraseFile: { exists: true, unlocked: true } });
    const report = await call<{ moved: unknown[]; failed: unknown[]; status: { backend: string } }>('vault.migrate', { to: 'passphrase-file' });
    expect(report).toMatchObject({ moved: [{ provider: provider.id, providerName: 'Groq', label: 'default', backend: 'passphrase-file' }], failed: [], status: { backend: 'passphrase-file' } });
    expect(await call('vault.verify', {})).toEqual([{ provider: provider.id, providerName: 'Groq', label: 'default', backend: 'passphrase-file', ok: true, error: null }]);
    expect(await call('vault.lock', {})).toMatchObject({ state: 'locked', locked: true });
    await expect(call('vault.setKey', { provider: provider.id, key: 'sk-more-000000000000-DDDD' })).rejects.toMatchObject({ code: 'vault.locked' });
    expect(await call('vault.deleteKey', { provider: provider.id }).catch((error: { code: string }) => error.code)).toBe('vault.locked');
  });

  it('records consent for plaintext storage', async () => {
    expect(await call('vault.setPlaintextConsent', { consent: true })).toMatchObject({ plaintext: { consent: true, consentAt: expect.any(Number) } });
  });

  it('refuses a bad label before anything is saved, and keeps passphrases out of the log', async () => {
    const provider = await call<{ id: string }>('provider.save', { name: 'X', baseUrl: 'https://x.example/v1', model: 'm' });
    await expect(call('vault.setKey', { provider: provider.id, key: 'sk-00000000000000', label: 'a/b' })).rejects.toMatchObject({ code: 'vault.bad_label' });
    await expect(call('vault.unlock', { passphrase: 'secret passphrase never logged' })).resolves.toBeDefined();
    await expect(call('settings.export', { passphrase: 'export passphrase never logged' })).resolves.toMatchObject({ includesKeys: true });
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    expect(log).not.toContain('never logged');
  });
});
