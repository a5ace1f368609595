import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../src-shared/api/methods/vault';
import { ApiError } from '../api/errors';
import { PROVIDER, provider, settle, setup } from './test-support';

const KEY = 'sk-typed-000000000000-9f3e';

function keyFileStatus(passphraseFile: VaultStatus['passphraseFile']): VaultStatus {
  return {
    backend: 'passphrase-file',
    state: passphraseFile?.unlocked ? 'ready' : 'locked',
    locked: !passphraseFile?.unlocked,
    needsConsent: false,
    problem: null,
    reason: { code: 'keychain-unreachable', unusable: null, said: null },
    passphraseFile,
    plaintext: { applies: false, consent: false, consentAt: null },
    backends: [],
    keys: 0,
    keysElsewhere: 0,
    unreadable: [],
  };
}

function fill(stores: ReturnType<typeof setup>['stores'], apiKey = KEY) {
  const draft = stores.providerDraft;
  draft.begin();
  draft.edit(null);
  draft.change('name', 'Echo');
  draft.change('baseUrl', 'http://127.0.0.1:1/v1');
  draft.change('apiKey', apiKey);
  draft.change('model', 'echo');
  return draft;
}

describe('ProviderDraftStore', () => {
  it('tests the draft as typed and saves nothing, also when the test fails', async () => {
    const { api, stores } = setup({
      'provider.list': () => [],
      'provider.test': () => {
        throw new ApiError('provider.auth', 'The key was refused.');
      },
    });
    await settle();
    const draft = fill(stores);
    await draft.test();
    expect(api.called('provider.save')).toHaveLength(0);
    expect(api.called('provider.test')[0]?.input).toEqual({ draft: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'echo', apiKey: KEY } });
    expect(draft.state.note).toMatchObject({ tone: 'error', text: 'The key was refused.' });
    expect(draft.state.fields).toMatchObject({ name: 'Echo', apiKey: KEY });
  });

  it('saves a new provider once, then updates that one: a second save never adds a twin', async () => {
    const { api, stores } = setup({ 'provider.list': () => [], 'provider.save': () => provider, 'vault.status': () => keyFileStatus({ exists: true, unlocked: true }) });
    await settle();
    const draft = fill(stores);
    await draft.save();
    draft.change('name', 'Renamed');
    await draft.save();
    const saves = api.called('provider.save').map((call) => call.input as { id?: string });
    expect(saves.map((input) => input.id)).toEqual([undefined, PROVIDER]);
    expect(draft.state).toMatchObject({ editingId: PROVIDER, dirty: false });
  });

  it('keeps a half-filled form when the form is shown again (another tab, then back)', async () => {
    const { stores } = setup({ 'provider.list': () => [provider] });
    await settle();
    const draft = stores.providerDraft;
    draft.begin();
    expect(draft.state.editingId).toBe(PROVIDER);
    draft.edit(null);
    draft.change('name', 'Half done');
    draft.begin();
    expect(draft.state).toMatchObject({ editingId: null, dirty: true, fields: { name: 'Half done' } });
  });

  it('asks for a new key file passphrase in place, says why a passphrase failed, then saves the provider with its key', async () => {
    let file = { exists: false, unlocked: false };
    const { api, stores } = setup({
      'provider.list': () => [],
      'vault.status': () => keyFileStatus(file),
      'vault.unlock': (input) => {
        if ((input as { passphrase: string }).passphrase.length < 8) throw new ApiError('vault.weak_passphrase', 'Choose a passphrase of at least 8 characters.');
        file = { exists: true, unlocked: true };
        return keyFileStatus(file);
      },
      'provider.save': () => provider,
    });
    await settle();
    const draft = fill(stores);
    await draft.save();
    expect(api.called('provider.save')).toHaveLength(0);
    expect(draft.state.keyFile).toEqual({ step: 'create', then: 'save', error: null });
    await draft.unlockKeyFile('short');
    expect(draft.state.keyFile?.error).toMatch(/at least 8/);
    await draft.unlockKeyFile('long enough passphrase');
    expect(draft.state.keyFile).toBeNull();
    expect(api.called('provider.save').map((call) => call.input)).toEqual([expect.objectContaining({ apiKey: KEY })]);
    expect(stores.vault.state.status?.passphraseFile).toEqual({ exists: true, unlocked: true });
    expect(draft.state.note).toMatchObject({ tone: 'success' });
  });

  it('asks to unlock in place when the core finds the key file locked, and offers Keys and vault for a locked keychain', async () => {
    let locked: 'file' | 'keychain' = 'file';
    const { stores } = setup({
      'provider.list': () => [provider],
      'vault.status': () => (locked === 'file' ? keyFileStatus({ exists: true, unlocked: false }) : { ...keyFileStatus(null), backend: 'keychain' }),
      'provider.test': () => {
        throw new ApiError('vault.locked', 'The key file is locked.');
      },
    });
    await settle();
    const draft = stores.providerDraft;
    draft.begin();
    await draft.test();
    expect(draft.state.keyFile).toEqual({ step: 'unlock', then: 'test', error: null });
    draft.cancelKeyFile();
    locked = 'keychain';
    await draft.test();
    expect(draft.state.keyFile).toBeNull();
    expect(draft.state.note).toMatchObject({ tone: 'error', vault: true });
  });
});
