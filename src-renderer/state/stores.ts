// The renderer's state, one store per concern, and how they hang together: which
// store follows which of the core's events, what the live region says when a
// reply ends, and catching up after the connection was lost or a backup restored.
import type { ApiClient, EventPayload } from '../../src-shared/api/contract';
import type { ConnectionSource } from '../api/websocket-client';
import { t } from '../i18n';
import { describeError } from '../i18n/errors';
import { ComposerStore } from './composer-store';
import { ConversationListStore } from './conversations-store';
import type { FrameScheduler } from './delta-batcher';
import type { Preferences } from './preferences';
import { ProviderDraftStore } from './provider-draft-store';
import { ProvidersStore } from './providers-store';
import { SettingsStore } from './settings-store';
import { StatusStore } from './status-store';
import { StreamingStore } from './streaming-store';
import { SyncStore } from './sync-store';
import { ThreadStore } from './thread-store';
import { UiStore } from './ui-store';
import { VaultStore } from './vault-store';

export interface StoresOptions {
  connection?: ConnectionSource | null;
  scheduleFrame?: FrameScheduler;
  /** Where choices are remembered between sessions. */
  storage?: Preferences;
  /** The language already applied before the first paint. */
  language?: string;
}

export interface Stores {
  api: ApiClient;
  status: StatusStore;
  providers: ProvidersStore;
  /** The provider form's unsaved draft, kept while settings tabs change. */
  providerDraft: ProviderDraftStore;
  /** Where keys are kept and whether they can be used now. */
  vault: VaultStore;
  conversations: ConversationListStore;
  thread: ThreadStore;
  streaming: StreamingStore;
  composer: ComposerStore;
  settings: SettingsStore;
  ui: UiStore;
  /** Team sync: the status, the account's spaces. */
  sync: SyncStore;
  /** Subscribes to the core's events and loads what the first screen needs. Returns the unsubscribe. */
  start(): () => void;
}

export function createStores(api: ApiClient, options: StoresOptions = {}): Stores {
  const storage = options.storage ?? null;
  const status = new StatusStore(options.connection ?? null);
  const ui = new UiStore(storage);
  const settings = new SettingsStore(storage, options.language ? { language: options.language } : {});
  const providers = new ProvidersStore(api, status, storage);
  const vault = new VaultStore(api);
  const providerDraft = new ProviderDraftStore(providers, vault);
  const thread = new ThreadStore(api, status, storage);
  const streaming = new StreamingStore(api, thread, options.scheduleFrame);
  const conversations = new ConversationListStore(api, status, thread, ui);
  const composer = new ComposerStore(api, thread, providers, conversations, status);
  const sync = new SyncStore(api);

  const resync = () => {
    void providers.refresh();
    void vault.refresh();
    void conversations.refresh();
    void sync.refresh();
    const open = thread.state.conversationId;
    if (open) void thread.reload(open);
  };

  const start = () => {
    const subscriptions = [
      streaming.listen(),
      thread.listen(),
      conversations.listen(),
      composer.listen(),
      sync.listen(),
      api.on('stream.end', (end) => status.announce(announcement(end, stores))),
      // Everything was replaced by a backup: show the restored data.
      api.on('backup.restored', resync),
      status.watchConnection(resync),
    ];
    void providers.refresh();
    void vault.refresh();
    void conversations.refresh();
    void sync.refresh();
    thread.reopenLast();
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  };

  const stores: Stores = { api, status, providers, providerDraft, vault, conversations, thread, streaming, composer, settings, ui, sync, start };
  return stores;
}

/** "Reply finished." (or failed, or stopped), naming the conversation when it is not the one on screen. */
function announcement(end: EventPayload<'stream.end'>, { thread, composer, conversations }: Pick<Stores, 'thread' | 'composer' | 'conversations'>): string {
  const open = thread.state.conversationId;
  // While a new chat is being sent its id is not known yet: its reply is the one on screen.
  const onScreen = open === end.conversationId || (open === null && composer.state.sending);
  const title = conversations.state.conversations.find((c) => c.id === end.conversationId)?.title;
  const where = !onScreen && title ? 'In' : '';
  if (end.status === 'error') return `${t(`announce.failed${where}`, { title })} ${end.error ? describeError(end.error) : ''}`.trim();
  if (end.status === 'interrupted') return t(`announce.stopped${where}`, { title });
  return t(`announce.finished${where}`, { title });
}
