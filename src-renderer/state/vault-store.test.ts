import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../src-shared/api/methods/vault';
import { ApiError } from '../api/errors';
import { settle, setup } from './test-support';
import { keyFileStep } from './vault-store';

function status(backend: VaultStatus['backend'], passphraseFile: VaultStatus['passphraseFile']): VaultStatus {
  const ready = backend !== 'passphrase-file' || Boolean(passphraseFile?.unlocked);
  return {
    backend,
    state: ready ? 'ready' : 'locked',
    locked: !ready,
    needsConsent: false,
    problem: null,
    reason: { code: 'chosen', unusable: null, said: null },
    passphraseFile,
    plaintext: { applies: false, consent: false, consentAt: null },
    backends: [],
    keys: 0,
    keysElsewhere: 0,
    unreadable: [],
  };
}

describe('VaultStore', () => {
  it('knows when the key file must be created or unlocked first, and never for a keychain', () => {
    expect(keyFileStep(null)).toBeNull();
    expect(keyFileStep(status('keychain', { exists: false, unlocked: false }))).toBeNull();
    expect(keyFileStep(status('passphrase-file', { exists: false, unlocked: false }))).toBe('create');
    expect(keyFileStep(status('passphrase-file', { exists: true, unlocked: false }))).toBe('unlock');
    expect(keyFileStep(status('passphrase-file', { exists: true, unlocked: true }))).toBeNull();
  });

  it('shows the key file unlocked as soon as the core says so, and keeps it locked after a wrong passphrase', async () => {
    const { stores } = setup({
      'vault.status': () => status('passphrase-file', { exists: true, unlocked: false }),
      'vault.unlock': (input) => {
        if ((input as { passphrase: string }).passphrase !== 'right passphrase') throw new ApiError('vault.wrong_passphrase', 'That passphrase does not open the key file.');
        return status('passphrase-file', { exists: true, unlocked: true });
      },
    });
    await settle();
    expect(keyFileStep(stores.vault.state.status)).toBe('unlock');
    await expect(stores.vault.unlock('wrong')).rejects.toMatchObject({ code: 'vault.wrong_passphrase' });
    expect(keyFileStep(stores.vault.state.status)).toBe('unlock');
    await stores.vault.unlock('right passphrase');
    expect(stores.vault.state.status).toMatchObject({ state: 'ready', passphraseFile: { unlocked: true } });
  });
});
