// Team sync as the window sees it: the core's `sync.status` (followed from its
// events), the account's spaces, and the actions of Settings → Team sync and of
// a conversation's "Move to a space". The sidebar's one-glance state and each
// conversation's space label read from here.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/contract';
import type { SyncSpace, SyncStatus } from '../../src-shared/api/methods/sync';
import { t } from '../i18n';

export interface SyncStoreState {
  /** Null until the core first answered. */
  status: SyncStatus | null;
  /** The account's spaces; empty while signed out. */
  spaces: SyncSpace[];
}

/** A server address the core could accept: http(s), a host, nothing else. The core checks it again and says why. */
export function plausibleServerUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The state in a few words (the sidebar's glance, the head of the settings tab); null when sync is off. */
export function syncStateText(status: SyncStatus | null): string | null {
  if (!status) return null;
  const state = status.status;
  switch (state.state) {
    case 'off':
      return null;
    case 'signed-out':
      return t('syncState.signedOut');
    case 'syncing':
      if (state.total > 0) return t('syncState.syncingOf', { done: state.done, total: state.total });
      return status.waiting > 0 ? t('syncState.syncingCount', { count: status.waiting }) : t('syncState.syncing');
    case 'synced':
      return t('syncState.synced');
    case 'offline':
      return state.waiting > 0 ? t('syncState.offlineWaiting', { count: state.waiting }) : t('syncState.offline');
    case 'error':
      return t('syncState.error');
  }
}

export class SyncStore {
  readonly store: StoreApi<SyncStoreState>;

  constructor(private readonly api: ApiClient) {
    this.store = createStore<SyncStoreState>()(() => ({ status: null, spaces: [] }));
  }

  get state(): SyncStoreState {
    return this.store.getState();
  }

  /** Follows the core's status; the spaces are asked again when the account changes. Returns the unsubscribe. */
  listen(): () => void {
    return this.api.on('sync.status', (status) => this.setStatus(status));
  }

  /** Asks the core for the status (and the spaces when signed in); keeps what it had when that fails. */
  async refresh(): Promise<void> {
    try {
      this.setStatus(await this.api.call('sync.status', {}));
    } catch {
      // The settings tab asks again and shows its own error; the sidebar shows nothing.
    }
  }

  async refreshSpaces(): Promise<SyncSpace[]> {
    const spaces = await this.api.call('sync.spaces', {});
    this.store.setState({ spaces });
    return spaces;
  }

  async configure(serverUrl: string | null): Promise<SyncStatus> {
    return this.setStatus(await this.api.call('sync.configure', { serverUrl }));
  }

  signIn(language?: 'en' | 'de'): Promise<{ url: string; opened: boolean }> {
    return this.api.call('sync.signIn', language ? { language } : {});
  }

  async cancelSignIn(): Promise<SyncStatus> {
    return this.setStatus(await this.api.call('sync.cancelSignIn', {}));
  }

  async signOut(removeSharedCopies: boolean): Promise<SyncStatus> {
    return this.setStatus(await this.api.call('sync.signOut', { removeSharedCopies }));
  }

  /** Chooses the shared spaces to sync; the boxes show the choice at once and go back if the core refuses it. */
  async setSpaces(spaces: string[]): Promise<SyncSpace[]> {
    const before = this.state.spaces;
    this.store.setState({ spaces: before.map((space) => (space.kind === 'shared' ? { ...space, synced: spaces.includes(space.id) } : space)) });
    try {
      const updated = await this.api.call('sync.setSpaces', { spaces });
      this.store.setState({ spaces: updated });
      return updated;
    } catch (error) {
      this.store.setState({ spaces: before });
      throw error;
    }
  }

  async syncNow(): Promise<SyncStatus> {
    return this.setStatus(await this.api.call('sync.now', {}));
  }

  async moveConversation(conversationId: string, spaceId: string): Promise<void> {
    await this.api.call('sync.moveConversation', { conversationId, spaceId });
    await this.refreshSpaces().catch(() => {});
  }

  /** The shared space a conversation is in, for its label; null for the personal space or unknown. */
  sharedSpaceOf(spaceId: string | undefined): SyncSpace | null {
    if (!spaceId) return null;
    return this.state.spaces.find((space) => space.id === spaceId && space.kind === 'shared') ?? null;
  }

  private setStatus(status: SyncStatus): SyncStatus {
    const before = this.state.status;
    this.store.setState({ status, ...(status.account ? {} : { spaces: [] }) });
    const signedInNow = status.account !== null && (before?.account?.email !== status.account.email || before?.device?.id !== status.device?.id);
    if (signedInNow) void this.refreshSpaces().catch(() => {});
    return status;
  }
}
