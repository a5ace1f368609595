// Where keys are kept on this machine (the system keychain, encrypted app storage
// or a passphrase key file) and whether that place can take keys now. Shared by
// the first screen, the provider form, the composer and Settings → Keys and vault,
// so unlocking in one place shows as unlocked in every other.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/contract';
import type { VaultStatus } from '../../src-shared/api/methods/vault';
import { userMessage } from '../api/errors';

export interface VaultState {
  /** Null until the core first answered. */
  status: VaultStatus | null;
  /** Why the last refresh failed, while there is no status to show. */
  error: string | null;
}

/** What the key file needs before a key can be saved or read: created (first run) or unlocked (each start); null when nothing. */
export type KeyFileStep = 'create' | 'unlock';

export function keyFileStep(status: VaultStatus | null): KeyFileStep | null {
  if (!status || status.backend !== 'passphrase-file' || !status.passphraseFile || status.passphraseFile.unlocked) return null;
  return status.passphraseFile.exists ? 'unlock' : 'create';
}

export class VaultStore {
  readonly store: StoreApi<VaultState>;

  constructor(private readonly api: ApiClient) {
    this.store = createStore<VaultState>()(() => ({ status: null, error: null }));
  }

  get state(): VaultState {
    return this.store.getState();
  }

  /** Asks the core again; keeps the last answer when it cannot be reached. */
  async refresh(): Promise<VaultStatus | null> {
    try {
      this.set(await this.api.call('vault.status', {}));
    } catch (error) {
      // An older answer stays on screen; whoever asked also shows its own call's error.
      this.store.setState({ error: userMessage(error) });
    }
    return this.state.status;
  }

  /** The key file's step, asking the core first: its answer may be older than the last start or lock. */
  async pendingStep(): Promise<KeyFileStep | null> {
    return keyFileStep(await this.refresh());
  }

  /** Creates or unlocks the key file; rejects with the core's sentence (wrong passphrase, too short). */
  async unlock(passphrase: string): Promise<VaultStatus> {
    return this.set(await this.api.call('vault.unlock', { passphrase }));
  }

  async lock(): Promise<VaultStatus> {
    return this.set(await this.api.call('vault.lock', {}));
  }

  /** Any answer that carries the status (unlock, consent, a move) replaces the one shown. */
  set(status: VaultStatus): VaultStatus {
    this.store.setState({ status, error: null });
    return status;
  }
}
