// Team sync as the rest of the app sees it: which server, signing in and out,
// which spaces sync, and one status (`sync.status` events). The engine does the
// pushing and pulling; this keeps the settings (local, never synced) and starts
// and stops it. Tokens stay in the vault (credentials.ts).
import os from 'node:os';
import { AppError } from '../../../src-shared/api/errors';
import type { EventName, EventPayload } from '../../../src-shared/api/contract';
import type { SyncSpace, SyncState, SyncStatus } from '../../../src-shared/api/methods/sync';
import type { Me } from '../../../src-shared/sync/wire';
import type { Logger } from '../log/logger';
import type { SettingStore, SyncStore } from '../store';
import type { SecretSink } from '../vault/types';
import { CredentialStore, syncVaultSlot, type CredentialVault } from './credentials';
import { SyncEngine, type EngineState } from './engine';
import { startLoopbackSignIn, type PageLanguage, type PendingSignIn } from './loopback-sign-in';
import { normaliseServerUrl, ServerApi } from './server-api';
import { credentialsOf, SyncSession } from './session';

export type SyncServiceStore = SyncStore & Pick<SettingStore, 'getSetting' | 'setSetting'>;

export interface SyncServiceOptions {
  store: SyncServiceStore;
  vault: CredentialVault;
  secrets: SecretSink;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log: Logger;
  /** Opens a page in the system browser (the desktop shell); absent in browser mode, where the renderer opens it. */
  openExternal?: (url: string) => Promise<void>;
  /** Engine knobs for tests. */
  engine?: { pollMs?: number; events?: boolean };
  deviceName?: string;
}

/** What is kept about the signed-in account (a local setting; the tokens are in the vault). */
interface AccountSetting {
  accountId: string;
  email: string;
  name: string;
  deviceId: string;
  deviceName: string;
  personalSpace: string;
}

const SETTING = {
  server: 'sync.serverUrl',
  account: 'sync.account',
  shared: 'sync.sharedSpaces',
  lastSynced: 'sync.lastSyncedAt',
} as const;

/** How often `sync.status` may report progress while syncing. */
const PROGRESS_EVERY_MS = 100;

export class SyncService {
  private serverUrl: string | null = null;
  private account: AccountSetting | null = null;
  private shared: string[] = [];
  private lastSyncedAt: number | null = null;
  private state: SyncState = { state: 'off' };
  private waiting = 0;
  private me: Me | null = null;
  private session: SyncSession | null = null;
  private engine: SyncEngine | null = null;
  private pending: PendingSignIn | null = null;
  private pendingUrl: string | null = null;
  private lastProgressAt = 0;
  private readonly credentials: CredentialStore;
  private readonly ready: Promise<void>;

  constructor(private readonly options: SyncServiceOptions) {
    this.credentials = new CredentialStore(options.vault, syncVaultSlot(options.store.nodeId), options.secrets);
    this.ready = this.restore().catch((error: unknown) => options.log.error('sync could not start', { error }));
  }

  /** Reads the settings and, when signed in, starts syncing. */
  private async restore(): Promise<void> {
    const { store } = this.options;
    const [server, account, shared, last] = (
      await Promise.all([store.getSetting(SETTING.server), store.getSetting(SETTING.account), store.getSetting(SETTING.shared), store.getSetting(SETTING.lastSynced)])
    ).map((setting) => setting?.value ?? null);
    this.serverUrl = typeof server === 'string' ? server : null;
    this.account = isAccount(account) ? account : null;
    this.shared = Array.isArray(shared) ? shared.filter((s): s is string => typeof s === 'string') : [];
    this.lastSyncedAt = typeof last === 'number' ? last : null;
    this.waiting = await store.countOutbox();
    if (!this.serverUrl) return this.setState({ state: 'off' });
    if (!this.account) return this.setState({ state: 'signed-out' });
    await this.resume();
  }

  /** Starts syncing with the tokens in the vault; a locked vault says so and `sync.now` tries again. */
  private async resume(): Promise<void> {
    if (!(await this.credentials.load())) {
      return this.setState({ state: 'error', error: new AppError('sync.vault', 'The sign-in in the key store cannot be read now; unlock the key store.').toJSON() });
    }
    this.startEngine();
  }

  async status(): Promise<SyncStatus> {
    await this.ready;
    this.waiting = await this.options.store.countOutbox();
    return this.snapshot();
  }

  async configure(serverUrl: string | null): Promise<SyncStatus> {
    await this.ready;
    if (this.account) throw new AppError('sync.signed_in', 'Sign out before choosing another server.');
    if (serverUrl === null || serverUrl === '') {
      this.serverUrl = null;
      await this.options.store.setSetting(SETTING.server, null, false);
      this.setState({ state: 'off' });
      return this.status();
    }
    const url = normaliseServerUrl(serverUrl);
    await new ServerApi(url).hello();
    this.serverUrl = url;
    await this.options.store.setSetting(SETTING.server, url, false);
    this.setState({ state: 'signed-out' });
    return this.status();
  }

  /** Starts a sign-in; the rest happens when the browser comes back to the loopback address. */
  async signIn(language?: PageLanguage): Promise<{ url: string; opened: boolean }> {
    await this.ready;
    if (!this.serverUrl) throw new AppError('sync.not_configured', 'Enter the team server address first.');
    if (this.account) throw new AppError('sync.signed_in', 'This device is signed in already.');
    if (this.pending) throw new AppError('sync.sign_in_busy', 'A sign-in is already waiting for the browser.');
    const api = new ServerApi(this.serverUrl);
    await api.hello();
    const pending = await startLoopbackSignIn({
      serverUrl: this.serverUrl,
      deviceName: this.options.deviceName ?? os.hostname(),
      devicePlatform: process.platform,
      ...(language && { language }),
    });
    this.pending = pending;
    this.pendingUrl = pending.url;
    this.emitStatus();
    void pending.result
      .then((code) => this.finishSignIn(api, code))
      .catch((error: unknown) => {
        this.options.log.warn('sign-in did not finish', { code: error instanceof AppError ? error.code : 'internal' });
        this.setState({ state: 'error', error: toUserError(error) });
      })
      .finally(() => {
        if (this.pending === pending) {
          this.pending = null;
          this.pendingUrl = null;
          this.emitStatus();
        }
      });
    let opened = false;
    if (this.options.openExternal) {
      opened = await this.options.openExternal(pending.url).then(
        () => true,
        () => false,
      );
    }
    return { url: pending.url, opened };
  }

  /** Resolves when the sign-in under way has finished (for tests and the first sync). */
  async signInSettled(): Promise<void> {
    const pending = this.pending;
    if (pending) await pending.result.catch(() => {});
    while (this.pending) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  async cancelSignIn(): Promise<SyncStatus> {
    this.pending?.cancel();
    await this.signInSettled();
    if (this.state.state === 'error') this.setState({ state: this.serverUrl ? 'signed-out' : 'off' });
    return this.status();
  }

  private async finishSignIn(api: ServerApi, code: { code: string; redirectUri: string; verifier: string }): Promise<void> {
    const result = await api.token({
      grant_type: 'authorization_code',
      code: code.code,
      code_verifier: code.verifier,
      redirect_uri: code.redirectUri,
      client_id: 'realmultillm-desktop',
    });
    if (!result.ok) throw new AppError('sync.sign_in_failed', `The server refused the sign-in: ${result.description}`, { details: result.description.slice(0, 200) });
    await this.credentials.save(credentialsOf(result.reply));
    const session = this.newSession(api);
    const me = await session.call((token) => api.me(token));
    const personal = me.spaces.find((space) => space.kind === 'personal');
    if (!personal) throw new AppError('sync.sign_in_failed', 'The account has no personal space.', { details: 'no personal space' });
    // The device's local space becomes the account's personal space (docs/SYNC.md, Spaces).
    const local = await this.options.store.personalSpace();
    if (local !== personal.id) await this.options.store.rehomeSpace(local, personal.id);
    this.account = {
      accountId: me.account.id,
      email: me.account.email,
      name: me.account.name,
      deviceId: me.device.id,
      deviceName: me.device.name,
      personalSpace: personal.id,
    };
    this.me = me;
    await this.options.store.setSetting(SETTING.account, { ...this.account }, false);
    this.options.log.info('signed in to the team server', { host: api.host, device: me.device.id });
    this.startEngine(session);
  }

  async signOut(removeSharedCopies: boolean): Promise<SyncStatus> {
    await this.ready;
    this.pending?.cancel();
    const session = this.session;
    this.stopEngine();
    if (session) await session.revoke().catch((error: unknown) => this.options.log.warn('could not revoke the device on the server', { error }));
    await this.credentials.clear();
    if (removeSharedCopies && this.account) {
      const shared = (await this.spacesKnown()).filter((space) => space.kind === 'shared').map((space) => space.id);
      for (const space of new Set([...shared, ...this.shared])) await this.options.store.removeSpace(space);
    }
    await this.forgetAccount();
    this.setState({ state: this.serverUrl ? 'signed-out' : 'off' });
    return this.status();
  }

  async spaces(): Promise<SyncSpace[]> {
    await this.ready;
    if (!this.account || !this.session) throw new AppError('sync.not_signed_in', 'This device is not signed in to the team server.');
    const session = this.session;
    this.me = await session.call((token) => session.api.me(token));
    const counts = await this.options.store.conversationsPerSpace();
    return this.me.spaces.map((space) => ({
      id: space.id,
      name: space.name,
      kind: space.kind,
      role: space.role,
      synced: space.kind === 'personal' || this.shared.includes(space.id),
      conversations: counts[space.id] ?? 0,
    }));
  }

  async setSpaces(ids: string[]): Promise<SyncSpace[]> {
    const known = await this.spaces();
    const shared = known.filter((space) => space.kind === 'shared');
    const unknown = ids.find((id) => !shared.some((space) => space.id === id));
    if (unknown) throw new AppError('sync.space_missing', `Space ${unknown} is not a shared space of this account.`);
    this.shared = [...new Set(ids)];
    await this.options.store.setSetting(SETTING.shared, this.shared, false);
    this.engine?.nudge();
    return this.spaces();
  }

  async syncNow(): Promise<SyncStatus> {
    await this.ready;
    if (!this.engine && this.account) await this.resume();
    if (!this.engine) throw new AppError(this.serverUrl ? 'sync.not_signed_in' : 'sync.not_configured', 'This device is not signed in to a team server.');
    await this.engine.syncNow().catch(() => {});
    return this.status();
  }

  async moveConversation(conversationId: string, spaceId: string): Promise<{ conversationId: string; spaceId: string }> {
    await this.ready;
    if (!this.account) throw new AppError('sync.not_signed_in', 'Sign in to the team server to move a conversation into a team space.');
    const spaces = await this.spacesKnown();
    const target = spaces.find((space) => space.id === spaceId);
    if (!target || target.role === 'viewer') throw new AppError('sync.space_missing', `Space ${spaceId} is not one this account can write to.`);
    if (!(await this.options.store.moveConversationToSpace(conversationId, spaceId))) {
      throw new AppError('conversation.missing', `Conversation ${conversationId} does not exist.`);
    }
    if (target.kind === 'shared' && !this.shared.includes(spaceId)) {
      this.shared = [...this.shared, spaceId];
      await this.options.store.setSetting(SETTING.shared, this.shared, false);
    }
    this.nudge();
    return { conversationId, spaceId };
  }

  /** Rotates the tokens now (the engine does it before they expire; tests call it). */
  async refreshTokens(): Promise<void> {
    await this.ready;
    if (!this.session) throw new AppError('sync.not_signed_in', 'This device is not signed in to the team server.');
    await this.session.refresh();
  }

  /** A local write happened: push it soon. */
  nudge(): void {
    this.engine?.nudge();
  }

  /** Resolves when the engine has nothing running (tests, benches). */
  async idle(): Promise<void> {
    await this.ready;
    await this.engine?.idle();
  }

  async close(): Promise<void> {
    await this.ready;
    this.pending?.cancel();
    this.stopEngine();
  }

  private async spacesKnown(): Promise<{ id: string; kind: 'personal' | 'shared'; role: 'owner' | 'editor' | 'viewer' }[]> {
    if (this.me) return this.me.spaces;
    if (!this.session) return [];
    const session = this.session;
    this.me = await session.call((token) => session.api.me(token)).catch(() => null);
    return this.me?.spaces ?? [];
  }

  private newSession(api: ServerApi): SyncSession {
    return new SyncSession(api, this.credentials, (error) => {
      // The server signed this device out (a reused refresh token, or revoked elsewhere).
      this.options.log.warn('the team server signed this device out', { host: api.host });
      this.stopEngine();
      void this.forgetAccount().then(() => this.setState({ state: 'error', error: error.toJSON() }));
    });
  }

  private startEngine(session = this.newSession(new ServerApi(this.serverUrl!))): void {
    this.stopEngine();
    this.session = session;
    const personal = this.account!.personalSpace;
    this.engine = new SyncEngine({
      store: this.options.store,
      session,
      log: this.options.log,
      spaces: () => [personal, ...this.shared],
      onState: (state) => this.onEngineState(state),
      onApplied: (conversations) => {
        for (const conversationId of conversations) this.options.emit('conversation.changed', { conversationId });
      },
      ...this.options.engine,
    });
    this.setState({ state: 'syncing', done: 0, total: 0 });
    this.engine.start();
  }

  private stopEngine(): void {
    this.engine?.stop();
    this.engine = null;
    this.session = null;
  }

  private async forgetAccount(): Promise<void> {
    this.account = null;
    this.me = null;
    await this.options.store.setSetting(SETTING.account, null, false);
  }

  private onEngineState(state: EngineState): void {
    if (state.state === 'synced') {
      this.lastSyncedAt = state.at;
      this.waiting = 0;
      void this.options.store.setSetting(SETTING.lastSynced, state.at, false).catch(() => {});
      this.setState(state);
      return;
    }
    if (state.state === 'error') return this.setState({ state: 'error', error: state.error.toJSON() });
    if (state.state === 'offline') this.waiting = state.waiting;
    if (state.state === 'syncing') {
      const now = Date.now();
      if (this.state.state === 'syncing' && now - this.lastProgressAt < PROGRESS_EVERY_MS) {
        this.state = state;
        return;
      }
      this.lastProgressAt = now;
    }
    this.setState(state);
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.options.emit('sync.status', this.snapshot());
  }

  private snapshot(): SyncStatus {
    return {
      serverUrl: this.serverUrl,
      account: this.account ? { email: this.account.email, name: this.account.name } : null,
      device: this.account ? { id: this.account.deviceId, name: this.account.deviceName } : null,
      signingIn: this.pendingUrl ? { url: this.pendingUrl } : null,
      waiting: this.waiting,
      lastSyncedAt: this.lastSyncedAt,
      status: this.state,
    };
  }
}

function isAccount(value: unknown): value is AccountSetting {
  const v = value as AccountSetting | null;
  return typeof v === 'object' && v !== null && typeof v.accountId === 'string' && typeof v.personalSpace === 'string' && typeof v.deviceId === 'string';
}

function toUserError(error: unknown): { code: string; message: string; params: Record<string, string | number> } {
  if (error instanceof AppError) return error.toJSON() as { code: string; message: string; params: Record<string, string | number> };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), params: {} };
}
