// The renderer's state (a zustand store) and the actions that change it. Every
// action goes through the API client; events from the core land here too.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventPayload, MethodOutput } from '../../src-shared/api/contract';
import type { Conversation, Message, ProviderView } from '../../src-shared/domain';
import { errorCode, userMessage } from '../api/errors';
import type { ConnectionSource, ConnectionStatus } from '../api/websocket-client';
import { createDeltaBatcher, nextAnimationFrame, type DeltaBatcher, type FrameScheduler } from './delta-batcher';
import type { ProviderFields } from './provider-form';
import { coalesced } from './coalesced';
import { withSentMessages } from './sent-messages';
import { appendDeltas, applyStreamEnd, mergeLoadedMessages, type StreamingText } from './streaming';

export interface Notice {
  id: number;
  text: string;
}

export interface AppState {
  conversations: Conversation[];
  conversationsLoaded: boolean;
  openConversationId: string | null;
  /** The open conversation's messages, oldest first. */
  messages: Message[];
  conversationLoading: boolean;
  /** Whole text so far of each streaming reply, by message id. */
  streaming: StreamingText;
  providers: ProviderView[];
  providersLoaded: boolean;
  selectedProviderId: string | null;
  providerDialogOpen: boolean;
  sending: boolean;
  /** Why the last message could not be sent (shown by the composer). */
  composerError: string | null;
  /** Problems shown above the chat until dismissed. */
  errors: Notice[];
  /** What the polite live region says last: a reply finished, failed or stopped. */
  announcement: Notice | null;
  connection: ConnectionStatus;
  everConnected: boolean;
}

export interface AppControllerOptions {
  connection?: ConnectionSource | null;
  scheduleFrame?: FrameScheduler;
  /** Remembers the chosen provider between sessions. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

const PROVIDER_STORAGE_KEY = 'realmultillm.selectedProvider';
const MAX_FINALS = 50;
const CONVERSATION_PAGE = 200;

export type ProviderTestResult = MethodOutput<'provider.test'>;

/** The reply still being written in the open conversation, if any. */
export function activeReplyId(state: Pick<AppState, 'messages'>): string | null {
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const message = state.messages[i]!;
    if (message.role === 'assistant' && message.status === 'streaming') return message.id;
  }
  return null;
}

export class AppController {
  readonly store: StoreApi<AppState>;
  private readonly batcher: DeltaBatcher;
  /** Final states of replies that ended before their conversation was loaded. */
  private readonly finals = new Map<string, Message>();
  private loadSeq = 0;
  private noticeSeq = 0;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  private readonly connection: ConnectionSource | null;
  readonly refreshConversations: () => Promise<void>;

  constructor(
    private readonly api: ApiClient,
    options: AppControllerOptions = {},
  ) {
    this.connection = options.connection ?? null;
    this.storage = options.storage ?? null;
    this.store = createStore<AppState>()(() => ({
      conversations: [],
      conversationsLoaded: false,
      openConversationId: null,
      messages: [],
      conversationLoading: false,
      streaming: {},
      providers: [],
      providersLoaded: false,
      selectedProviderId: this.readStoredProvider(),
      providerDialogOpen: false,
      sending: false,
      composerError: null,
      errors: [],
      announcement: null,
      connection: this.connection?.status ?? 'open',
      everConnected: this.connection?.everOpened ?? true,
    }));
    this.batcher = createDeltaBatcher(
      (batch) => this.set((s) => ({ streaming: appendDeltas(s.streaming, s.messages, batch) })),
      options.scheduleFrame ?? nextAnimationFrame,
    );
    this.refreshConversations = coalesced(() => this.loadConversationList());
  }

  /** Subscribes to the core's events and loads what the first screen needs. Returns the unsubscribe. */
  start(): () => void {
    const subscriptions = [
      this.api.on('stream.delta', (delta) => this.batcher.push(delta.messageId, delta.text)),
      this.api.on('stream.end', (end) => this.onStreamEnd(end)),
      this.api.on('conversation.changed', ({ conversationId }) => this.onConversationChanged(conversationId)),
    ];
    if (this.connection) {
      const connection = this.connection;
      subscriptions.push(
        connection.onStatus((status) => {
          const wasDown = this.get().connection !== 'open';
          this.set({ connection: status, everConnected: connection.everOpened });
          // Events sent while we were away are lost: catch up from the store.
          if (status === 'open' && wasDown) this.resync();
        }),
      );
    }
    void this.refreshProviders();
    void this.refreshConversations();
    return () => {
      for (const unsubscribe of subscriptions) unsubscribe();
    };
  }

  newChat(): void {
    this.loadSeq++;
    this.set({ openConversationId: null, messages: [], conversationLoading: false, composerError: null });
  }

  async openConversation(id: string): Promise<void> {
    if (this.get().openConversationId === id) return;
    this.set({ openConversationId: id, messages: [], conversationLoading: true, composerError: null });
    await this.loadConversation(id);
  }

  /** Sends the composer's text; resolves true when the core accepted it. */
  async send(text: string): Promise<boolean> {
    const state = this.get();
    if (state.sending || !text.trim()) return false;
    const provider = state.providers.find((p) => p.id === state.selectedProviderId);
    if (!provider) {
      this.set({
        composerError: state.providers.length
          ? 'Choose a provider in the Provider list before sending.'
          : 'Add a provider before sending: open Providers and enter its Base URL and model.',
      });
      return false;
    }
    if (activeReplyId(state)) {
      this.set({ composerError: 'A reply is still being written. Wait for it, or stop it, before sending again.' });
      return false;
    }
    const conversationId = state.openConversationId;
    this.set({ sending: true, composerError: null });
    try {
      const sent = await this.api.call('chat.send', {
        ...(conversationId ? { conversationId } : {}),
        providerId: provider.id,
        text,
      });
      // The user may have opened another conversation while this was on its way.
      if (this.get().openConversationId === conversationId) {
        const turn = { ...sent, text: text.trim(), providerId: provider.id, model: provider.model };
        this.set((s) => ({
          openConversationId: sent.conversationId,
          messages: withSentMessages(s.messages, turn, this.finals),
          conversationLoading: false,
        }));
        void this.loadConversation(sent.conversationId);
      }
      void this.refreshConversations();
      return true;
    } catch (error) {
      this.set({ composerError: userMessage(error) });
      return false;
    } finally {
      this.set({ sending: false });
    }
  }

  async stop(): Promise<void> {
    const messageId = activeReplyId(this.get());
    if (!messageId) return;
    try {
      await this.api.call('chat.stop', { messageId });
    } catch (error) {
      this.pushError(userMessage(error));
    }
  }

  selectProvider(id: string | null): void {
    this.set({ selectedProviderId: id, composerError: null });
    if (id) this.remember(id);
  }

  openProviderDialog(): void {
    this.set({ providerDialogOpen: true });
  }

  closeProviderDialog(): void {
    this.set({ providerDialogOpen: false });
  }

  /** Saves a provider (the key only when one was typed); rejects with a user-readable error. */
  async saveProvider(id: string | null, fields: ProviderFields): Promise<ProviderView> {
    const apiKey = fields.apiKey.trim();
    const saved = await this.api.call('provider.save', {
      ...(id ? { id } : {}),
      name: fields.name.trim(),
      baseUrl: fields.baseUrl.trim(),
      model: fields.model.trim(),
      ...(apiKey ? { apiKey } : {}),
    });
    this.set((s) => {
      const exists = s.providers.some((p) => p.id === saved.id);
      const providers = exists ? s.providers.map((p) => (p.id === saved.id ? saved : p)) : [...s.providers, saved];
      const keepSelection = s.selectedProviderId !== null && providers.some((p) => p.id === s.selectedProviderId);
      return { providers, selectedProviderId: keepSelection ? s.selectedProviderId : saved.id, composerError: null };
    });
    if (this.get().selectedProviderId === saved.id) this.remember(saved.id);
    return saved;
  }

  testProvider(id: string): Promise<ProviderTestResult> {
    return this.api.call('provider.test', { id });
  }

  async deleteProvider(id: string): Promise<void> {
    await this.api.call('provider.delete', { id });
    this.set((s) => {
      const providers = s.providers.filter((p) => p.id !== id);
      const selectedProviderId = s.selectedProviderId === id ? (providers[0]?.id ?? null) : s.selectedProviderId;
      return { providers, selectedProviderId };
    });
  }

  dismissError(id: number): void {
    this.set((s) => ({ errors: s.errors.filter((error) => error.id !== id) }));
  }

  private get = () => this.store.getState();
  private set = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => this.store.setState(partial);

  private async loadConversationList(): Promise<void> {
    try {
      const conversations = await this.api.call('conversation.list', { limit: CONVERSATION_PAGE });
      this.set({ conversations, conversationsLoaded: true });
    } catch (error) {
      this.pushError(`Could not load your conversations. ${userMessage(error)}`);
    }
  }

  private async refreshProviders(): Promise<void> {
    try {
      const providers = await this.api.call('provider.list', {});
      this.set((s) => {
        const keep = providers.some((p) => p.id === s.selectedProviderId);
        const selectedProviderId = keep ? s.selectedProviderId : (providers[0]?.id ?? null);
        return { providers, providersLoaded: true, selectedProviderId };
      });
    } catch (error) {
      this.pushError(`Could not load your providers. ${userMessage(error)}`);
    }
  }

  private async loadConversation(id: string): Promise<void> {
    const seq = ++this.loadSeq;
    try {
      const { messages } = await this.api.call('conversation.get', { id });
      if (seq !== this.loadSeq || this.get().openConversationId !== id) return;
      this.batcher.flush();
      this.set((s) => ({
        ...mergeLoadedMessages(messages, { messages: s.messages, streaming: s.streaming }, this.finals),
        conversationLoading: false,
      }));
      for (const message of messages) this.finals.delete(message.id);
    } catch (error) {
      if (seq !== this.loadSeq) return;
      this.set({ conversationLoading: false });
      // Deleted elsewhere (another window, a restore): leave it rather than show a ghost.
      if (errorCode(error) === 'conversation.missing') this.newChat();
      this.pushError(userMessage(error));
    }
  }

  private onStreamEnd(end: EventPayload<'stream.end'>): void {
    // Deltas still waiting for a frame belong before the final state.
    this.batcher.flush();
    const state = this.get();
    const result = applyStreamEnd({ messages: state.messages, streaming: state.streaming }, end);
    if (!result.applied) this.rememberFinal(end.message);
    this.set({ messages: result.messages, streaming: result.streaming, announcement: this.announce(end, state) });
    void this.refreshConversations();
  }

  private onConversationChanged(conversationId: string): void {
    void this.refreshConversations();
    if (this.get().openConversationId === conversationId) void this.loadConversation(conversationId);
  }

  private resync(): void {
    void this.refreshProviders();
    void this.refreshConversations();
    const open = this.get().openConversationId;
    if (open) void this.loadConversation(open);
  }

  private announce(end: EventPayload<'stream.end'>, state: AppState): Notice {
    // While a new chat is being sent its id is not known yet: its reply is the one on screen.
    const onScreen = state.openConversationId === end.conversationId || (state.openConversationId === null && state.sending);
    const title = state.conversations.find((c) => c.id === end.conversationId)?.title;
    const where = !onScreen && title ? ` in “${title}”` : '';
    const text =
      end.status === 'error'
        ? `Reply failed${where}. ${end.error?.message ?? ''}`.trim()
        : end.status === 'interrupted'
          ? `Reply stopped${where}.`
          : `Reply finished${where}.`;
    return { id: ++this.noticeSeq, text };
  }

  private rememberFinal(message: Message): void {
    this.finals.set(message.id, message);
    if (this.finals.size > MAX_FINALS) this.finals.delete(this.finals.keys().next().value!);
  }

  private pushError(text: string): void {
    this.set((s) =>
      s.errors.some((error) => error.text === text) ? {} : { errors: [...s.errors, { id: ++this.noticeSeq, text }] },
    );
  }

  private readStoredProvider(): string | null {
    try {
      return this.storage?.getItem(PROVIDER_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private remember(providerId: string): void {
    try {
      this.storage?.setItem(PROVIDER_STORAGE_KEY, providerId);
    } catch {
      // Not remembering the choice is harmless.
    }
  }
}
