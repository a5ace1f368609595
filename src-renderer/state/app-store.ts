// The renderer's state (a zustand store) and the actions that change it. Every
// action goes through the API client; events from the core land here too.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventPayload, MethodInput, MethodOutput } from '../../src-shared/api/contract';
import type { Message, ProviderView } from '../../src-shared/domain';
import type { Attachment, AttachmentUpload } from '../../src-shared/entities/attachments';
import type { ConversationDetails } from '../../src-shared/entities/library';
import { errorCode, userMessage } from '../api/errors';
import { t } from '../i18n';
import type { ConnectionSource, ConnectionStatus } from '../api/websocket-client';
import { createDeltaBatcher, nextAnimationFrame, type DeltaBatcher, type FrameScheduler } from './delta-batcher';
import type { ProviderFields } from './provider-form';
import { attachmentsByMessage } from './attachments';
import { coalesced } from './coalesced';
import { withSentMessages } from './sent-messages';
import { appendDeltas, applyStreamEnd, mergeLoadedMessages, type StreamingText } from './streaming';
import { chooseBranch, choicesShowing, visibleThread, type BranchChoices, type Comparisons } from './thread';
import type { UiController } from './ui-store';

export interface Notice {
  id: number;
  text: string;
}

export type ConversationPatch = Omit<MethodInput<'conversation.update'>, 'id'>;

export interface AppState {
  /** The most recently updated conversations that are not archived, pinned first. */
  conversations: ConversationDetails[];
  conversationsLoaded: boolean;
  openConversationId: string | null;
  /** The open conversation's title as loaded: `conversations` may not hold it (archived, or older than the list). */
  openTitle: string | null;
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
  /** Which sibling is shown at each fork of the open conversation's message tree. */
  branchChoices: BranchChoices;
  /** A message to scroll to and mark (a search hit); `seq` makes a repeat jump count. */
  focusMessage: { id: string; seq: number } | null;
  /** Conversations being deleted: hidden at once, before the core has answered. */
  pendingDeletes: readonly string[];
  /** How replies of this session went (time to first token, cost), from their stream.end. */
  metrics: Readonly<Record<string, ReplyMetrics>>;
  /** The persona for the next message; null for none. */
  personaId: string | null;
  /** A reply whose call is being tried again (rate limit, server error) before its first token. */
  retries: Readonly<Record<string, EventPayload<'stream.retry'>>>;
  /** Reasoning text of replies, kept apart from the answer, by message id (this session). */
  reasoning: Readonly<Record<string, string>>;
  /** The open conversation's files (names and types), by the message they came with. */
  attachments: Readonly<Record<string, readonly Attachment[]>>;
  /** The open conversation's comparisons (reply ids of each), shown side by side. */
  comparisons: Comparisons;
}

export type ReplyMetrics = NonNullable<EventPayload<'stream.end'>['metrics']>;

export interface AppControllerOptions {
  connection?: ConnectionSource | null;
  scheduleFrame?: FrameScheduler;
  /** Remembers the chosen provider between sessions. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Where toasts go (the delete undo); optional so the controller is testable alone. */
  ui?: UiController | null;
}

const PROVIDER_STORAGE_KEY = 'realmultillm.selectedProvider';
const LAST_CONVERSATION_KEY = 'realmultillm.lastConversation';
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
  private readonly reasoningBatcher: DeltaBatcher;
  /** Final states of replies that ended before their conversation was loaded. */
  private readonly finals = new Map<string, Message>();
  private loadSeq = 0;
  private noticeSeq = 0;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  private readonly connection: ConnectionSource | null;
  private readonly ui: UiController | null;
  private focusSeq = 0;
  /** The conversation being brought back at start-up, until the list confirms it still exists. */
  private reopening: string | null = null;
  readonly refreshConversations: () => Promise<void>;

  constructor(
    private readonly api: ApiClient,
    options: AppControllerOptions = {},
  ) {
    this.connection = options.connection ?? null;
    this.storage = options.storage ?? null;
    this.ui = options.ui ?? null;
    this.store = createStore<AppState>()(() => ({
      conversations: [],
      conversationsLoaded: false,
      openConversationId: null,
      openTitle: null,
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
      branchChoices: {},
      focusMessage: null,
      pendingDeletes: [],
      metrics: {},
      personaId: null,
      retries: {},
      reasoning: {},
      attachments: {},
      comparisons: [],
    }));
    this.batcher = createDeltaBatcher(
      (batch) => this.set((s) => ({ streaming: appendDeltas(s.streaming, s.messages, batch) })),
      options.scheduleFrame ?? nextAnimationFrame,
    );
    this.reasoningBatcher = createDeltaBatcher(
      (batch) =>
        this.set((s) => {
          const reasoning = { ...s.reasoning };
          for (const [id, text] of batch) reasoning[id] = (reasoning[id] ?? '') + text;
          return { reasoning };
        }),
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
      this.api.on('stream.retry', (retry) => this.set((s) => ({ retries: { ...s.retries, [retry.messageId]: retry } }))),
      this.api.on('stream.reasoning', (part) => this.reasoningBatcher.push(part.messageId, part.text)),
      // Everything was replaced by a backup: show the restored data.
      this.api.on('backup.restored', () => this.resync()),
    ];
    if (this.connection) {
      const connection = this.connection;
      subscriptions.push(
        connection.onStatus((status) => {
          const { connection: was, everConnected } = this.get();
          this.set({ connection: status, everConnected: connection.everOpened });
          // Events sent while we were away are lost: catch up from the store. Not at
          // the first connection: what start() asked for is sent then, and it would
          // all load twice.
          if (status === 'open' && was !== 'open' && everConnected) this.resync();
        }),
      );
    }
    void this.refreshProviders();
    void this.refreshConversations();
    // The conversation open last time loads alongside the list, not after it.
    const last = this.read(LAST_CONVERSATION_KEY);
    if (last) {
      this.reopening = last;
      void this.openConversation(last);
    }
    return () => {
      for (const unsubscribe of subscriptions) unsubscribe();
    };
  }

  newChat(): void {
    this.loadSeq++;
    this.reopening = null;
    this.set({
      openConversationId: null,
      openTitle: null,
      messages: [],
      conversationLoading: false,
      composerError: null,
      branchChoices: {},
      focusMessage: null,
    });
    this.write(LAST_CONVERSATION_KEY, '');
  }

  async openConversation(id: string): Promise<void> {
    if (this.reopening !== id) this.reopening = null;
    if (this.get().openConversationId === id) return;
    this.set({
      openConversationId: id,
      openTitle: null,
      messages: [],
      conversationLoading: true,
      composerError: null,
      branchChoices: {},
      focusMessage: null,
    });
    this.write(LAST_CONVERSATION_KEY, id);
    await this.loadConversation(id);
  }

  /** Opens a conversation at one message (a search hit), on the branch that holds it. */
  async jumpToMessage(conversationId: string, messageId: string): Promise<void> {
    await this.openConversation(conversationId);
    const state = this.get();
    if (state.openConversationId !== conversationId) return;
    const shown = visibleThread(state.messages, state.branchChoices, state.comparisons).some(
      (entry) => entry.message.id === messageId || entry.group?.some((m) => m.id === messageId),
    );
    if (!shown) await this.showBranch(messageId);
    this.set({ focusMessage: { id: messageId, seq: ++this.focusSeq } });
  }

  /**
   * Shows another sibling (an edit, a regeneration, a compare reply, a search hit's
   * branch) and remembers it, so the next message continues it, also after a restart.
   */
  async showBranch(messageId: string): Promise<void> {
    const conversationId = this.get().openConversationId;
    if (!conversationId) return;
    // On screen at once; the core then says which branch below it is the newest.
    this.set((s) => ({ branchChoices: chooseBranch(s.branchChoices, s.messages, messageId) }));
    try {
      await this.api.call('chat.showBranch', { conversationId, messageId });
      await this.loadConversation(conversationId);
    } catch (error) {
      this.pushError(userMessage(error));
    }
  }

  /**
   * Deletes a conversation at once; the toast's Undo brings it back with its
   * messages. `title` for the toast, when the recent list may not hold it (an archived one).
   */
  async deleteConversation(id: string, title = this.get().conversations.find((c) => c.id === id)?.title): Promise<void> {
    const shown = title?.trim() || t('sidebar.untitled');
    const wasOpen = this.get().openConversationId === id;
    this.set((s) => ({ pendingDeletes: [...s.pendingDeletes, id] }));
    if (wasOpen) this.newChat();
    try {
      await this.api.call('conversation.delete', { id });
      await this.refreshConversations();
    } catch (error) {
      this.pushError(t('sidebar.deleteFailed', { reason: userMessage(error) }));
      return;
    } finally {
      this.set((s) => ({ pendingDeletes: s.pendingDeletes.filter((pending) => pending !== id) }));
    }
    this.ui?.toast(t('sidebar.deleted', { title: shown }), {
      action: { label: t('common.undo'), run: () => void this.restoreConversation(id, wasOpen) },
    });
  }

  /**
   * Asks the same question again for another reply beside this one (a sibling):
   * from the same model, or from `provider`'s model when one is given.
   */
  async regenerate(messageId: string, provider?: Pick<ProviderView, 'id' | 'model'>): Promise<void> {
    const conversationId = this.get().openConversationId;
    if (!conversationId) return;
    try {
      await this.api.call('chat.regenerate', {
        conversationId,
        messageId,
        ...(provider ? { providerId: provider.id, model: provider.model } : {}),
      });
      await this.loadConversation(conversationId);
    } catch (error) {
      this.pushError(userMessage(error));
    }
  }

  /**
   * Asks an edited version of one of the user's messages (a sibling; the old one
   * stays a branch away) with the chosen provider. Resolves null when the core
   * accepted it, else the sentence saying why not.
   */
  async edit(messageId: string, text: string): Promise<string | null> {
    const state = this.get();
    const conversationId = state.openConversationId;
    if (!conversationId || !text.trim()) return t('chat.emptyEdit');
    const provider = state.providers.find((p) => p.id === state.selectedProviderId);
    try {
      await this.api.call('chat.edit', {
        conversationId,
        messageId,
        text,
        ...(provider ? { providerId: provider.id } : {}),
        ...(state.personaId ? { personaId: state.personaId } : {}),
      });
      await this.loadConversation(conversationId);
      return null;
    } catch (error) {
      return userMessage(error);
    }
  }

  /** Renames, pins, archives, files or tags a conversation; false (and a notice) when that failed. */
  async updateConversation(id: string, patch: ConversationPatch): Promise<boolean> {
    try {
      const updated = await this.api.call('conversation.update', { id, ...patch });
      if (this.get().openConversationId === id) this.set({ openTitle: updated.title });
      await this.refreshConversations();
      return true;
    } catch (error) {
      this.pushError(userMessage(error));
      return false;
    }
  }

  private async restoreConversation(id: string, reopen: boolean): Promise<void> {
    try {
      await this.api.call('conversation.restore', { id });
      await this.refreshConversations();
      this.ui?.toast(t('sidebar.restored'), { tone: 'success' });
      if (reopen && this.get().openConversationId === null) await this.openConversation(id);
    } catch (error) {
      this.pushError(t('sidebar.restoreFailed', { reason: userMessage(error) }));
    }
  }

  /** Sends the composer's text and files; resolves true when the core accepted it. */
  async send(text: string, attachments: readonly AttachmentUpload[] = []): Promise<boolean> {
    const state = this.get();
    if (state.sending || !text.trim()) return false;
    const provider = state.providers.find((p) => p.id === state.selectedProviderId);
    if (!provider) {
      this.set({
        composerError: state.providers.length ? t('composer.chooseProvider') : t('composer.addProviderFirst'),
      });
      return false;
    }
    if (activeReplyId(state)) {
      this.set({ composerError: t('composer.replyInProgress') });
      return false;
    }
    const conversationId = state.openConversationId;
    this.set({ sending: true, composerError: null });
    try {
      const sent = await this.api.call('chat.send', {
        ...(conversationId ? { conversationId } : {}),
        providerId: provider.id,
        ...(state.personaId ? { personaId: state.personaId } : {}),
        text,
        ...(attachments.length > 0 ? { attachments: [...attachments] } : {}),
      });
      // The user may have opened another conversation while this was on its way.
      if (this.get().openConversationId === conversationId) {
        const parentId = visibleThread(state.messages, state.branchChoices).at(-1)?.message.id ?? null;
        const turn = { ...sent, parentId, text: text.trim(), providerId: provider.id, model: provider.model };
        this.set((s) => ({
          openConversationId: sent.conversationId,
          messages: withSentMessages(s.messages, turn, this.finals),
          conversationLoading: false,
        }));
        this.write(LAST_CONVERSATION_KEY, sent.conversationId);
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

  selectPersona(id: string | null): void {
    this.set({ personaId: id });
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
      ...(fields.kind ? { kind: fields.kind } : {}),
      ...(fields.baseUrl.trim() ? { baseUrl: fields.baseUrl.trim() } : {}),
      model: fields.model.trim(),
      ...(apiKey ? { apiKey } : {}),
    });
    this.set((s) => {
      const exists = s.providers.some((p) => p.id === saved.id);
      const providers = exists ? s.providers.map((p) => (p.id === saved.id ? saved : p)) : [...s.providers, saved];
      // A provider just added is the one the user means to use next.
      const keepSelection = exists && s.selectedProviderId !== null && providers.some((p) => p.id === s.selectedProviderId);
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
      this.pushError(t('errors.loadConversations', { reason: userMessage(error) }));
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
      this.pushError(t('errors.loadProviders', { reason: userMessage(error) }));
    }
  }

  private async loadConversation(id: string): Promise<void> {
    const seq = ++this.loadSeq;
    try {
      // The shown branch and the siblings at its forks; the core remembers which branch is shown.
      const { conversation, messages, leafId, attachments, comparisons } = await this.api.call('chat.branch', { conversationId: id });
      if (seq !== this.loadSeq || this.get().openConversationId !== id) return;
      this.batcher.flush();
      this.set((s) => ({
        ...mergeLoadedMessages(messages, { messages: s.messages, streaming: s.streaming }, this.finals),
        openTitle: conversation.title,
        branchChoices: leafId ? choicesShowing(messages, leafId) : {},
        attachments: attachmentsByMessage(attachments),
        comparisons,
        conversationLoading: false,
      }));
      for (const message of messages) this.finals.delete(message.id);
    } catch (error) {
      if (seq !== this.loadSeq) return;
      this.set({ conversationLoading: false });
      // Deleted elsewhere (another window, a restore): leave it rather than show a ghost.
      const missing = errorCode(error) === 'conversation.missing';
      const quietly = missing && this.reopening === id;
      if (missing) this.newChat();
      // The one open last time may simply be gone: no need to say so.
      if (!quietly) this.pushError(userMessage(error));
    } finally {
      if (this.reopening === id) this.reopening = null;
    }
  }

  private onStreamEnd(end: EventPayload<'stream.end'>): void {
    // Deltas still waiting for a frame belong before the final state.
    this.batcher.flush();
    const state = this.get();
    const result = applyStreamEnd({ messages: state.messages, streaming: state.streaming }, end);
    if (!result.applied) this.rememberFinal(end.message);
    this.reasoningBatcher.flush();
    const metrics = end.metrics ? withMetrics(state.metrics, end.messageId, end.metrics) : state.metrics;
    const retries = end.messageId in state.retries ? withoutEntry(state.retries, end.messageId) : state.retries;
    const reasoning = end.reasoning ? { ...this.get().reasoning, [end.messageId]: end.reasoning } : this.get().reasoning;
    this.set({ messages: result.messages, streaming: result.streaming, metrics, retries, reasoning, announcement: this.announce(end, state) });
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
    const where = !onScreen && title ? 'In' : '';
    const text =
      end.status === 'error'
        ? `${t(`announce.failed${where}`, { title })} ${end.error?.message ?? ''}`.trim()
        : end.status === 'interrupted'
          ? t(`announce.stopped${where}`, { title })
          : t(`announce.finished${where}`, { title });
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
    return this.read(PROVIDER_STORAGE_KEY);
  }

  private remember(providerId: string): void {
    this.write(PROVIDER_STORAGE_KEY, providerId);
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch {
      // Not remembering a choice is harmless.
    }
  }
}

const MAX_METRICS = 500;

function withMetrics(
  metrics: Readonly<Record<string, ReplyMetrics>>,
  messageId: string,
  value: ReplyMetrics,
): Record<string, ReplyMetrics> {
  const next = { ...metrics, [messageId]: value };
  const keys = Object.keys(next);
  if (keys.length > MAX_METRICS) delete next[keys[0]!];
  return next;
}

function withoutEntry<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}
