// The open conversation: its messages (oldest first), the branch shown at each
// fork of its message tree, its files and comparisons, and a message to jump to.
// Reopened at start-up where the user left off.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventPayload } from '../../src-shared/api/contract';
import type { Message, ProviderView } from '../../src-shared/domain';
import type { Attachment } from '../../src-shared/entities/attachments';
import type { ModelSettings } from '../../src-shared/entities/library';
import { errorCode, userMessage } from '../api/errors';
import { attachmentsByMessage } from './attachments';
import { readPreference, writePreference, type Preferences } from './preferences';
import { withSentMessages, type SentTurn } from './sent-messages';
import type { StatusStore } from './status-store';
import { applyStreamEnd, mergeLoadedMessages } from './streaming';
import { chooseBranch, choicesShowing, visibleThread, type BranchChoices, type Comparisons } from './thread';

export interface ThreadState {
  conversationId: string | null;
  /** The title as loaded: the conversation list may not hold it (archived, or older than the list). */
  title: string | null;
  messages: Message[];
  loading: boolean;
  /** Which sibling is shown at each fork. */
  branchChoices: BranchChoices;
  /** A message to scroll to and mark (a search hit); `seq` makes a repeat jump count. */
  focusMessage: { id: string; seq: number } | null;
  /** Files (names and types), by the message they came with. */
  attachments: Readonly<Record<string, readonly Attachment[]>>;
  /** Reply ids of each comparison, shown side by side. */
  comparisons: Comparisons;
  /**
   * The provider and model the conversation goes on with (remembered by "Continue
   * with this one"): the core asks that model when that provider is chosen.
   */
  remembered: { providerId: string; model: string } | null;
}

/** The provider and model a conversation's settings hold, when they name both. */
function rememberedChoice(settings: ModelSettings): ThreadState['remembered'] {
  return settings.providerId && settings.model ? { providerId: settings.providerId, model: settings.model } : null;
}

const LAST_CONVERSATION_KEY = 'realmultillm.lastConversation';
const MAX_FINALS = 50;

/** The reply still being written in the open conversation, if any. */
export function activeReplyId(state: Pick<ThreadState, 'messages'>): string | null {
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const message = state.messages[i]!;
    if (message.role === 'assistant' && message.status === 'streaming') return message.id;
  }
  return null;
}

const CLOSED = {
  title: null,
  messages: [],
  branchChoices: {},
  focusMessage: null,
  remembered: null,
} satisfies Partial<ThreadState>;

export class ThreadStore {
  readonly store: StoreApi<ThreadState>;
  /** Final states of replies that ended before their conversation was loaded. */
  private readonly finals = new Map<string, Message>();
  private loadSeq = 0;
  private focusSeq = 0;
  /** The conversation being brought back at start-up, until its load says whether it still exists. */
  private reopening: string | null = null;
  private readonly switchListeners = new Set<() => void>();

  constructor(
    private readonly api: ApiClient,
    private readonly status: StatusStore,
    private readonly storage: Preferences = null,
  ) {
    this.store = createStore<ThreadState>()(() => ({
      ...CLOSED,
      conversationId: null,
      loading: false,
      attachments: {},
      comparisons: [],
    }));
  }

  get state(): ThreadState {
    return this.store.getState();
  }

  /** Follows the core's events for the open conversation. Returns the unsubscribe. */
  listen(): () => void {
    const subscriptions = [
      this.api.on('stream.end', (end) => this.onStreamEnd(end)),
      this.api.on('conversation.changed', ({ conversationId }) => {
        if (this.state.conversationId === conversationId) void this.reload(conversationId);
      }),
      this.onSwitch(() => this.status.dismissSwitchErrors()),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }

  /** Runs whenever another conversation (or a new chat) takes the screen. Returns the unsubscribe. */
  onSwitch(listener: () => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  /** The conversation open last time loads alongside the list, not after it. */
  reopenLast(): void {
    const last = readPreference(this.storage, LAST_CONVERSATION_KEY);
    if (!last) return;
    this.reopening = last;
    void this.open(last);
  }

  newChat(): void {
    this.loadSeq++;
    this.reopening = null;
    this.store.setState({ ...CLOSED, conversationId: null, loading: false });
    writePreference(this.storage, LAST_CONVERSATION_KEY, '');
    this.switched();
  }

  async open(id: string): Promise<void> {
    if (this.reopening !== id) this.reopening = null;
    if (this.state.conversationId === id) return;
    this.store.setState({ ...CLOSED, conversationId: id, loading: true });
    writePreference(this.storage, LAST_CONVERSATION_KEY, id);
    this.switched();
    await this.reload(id);
  }

  /** Opens a conversation at one message (a search hit), on the branch that holds it. */
  async jumpToMessage(conversationId: string, messageId: string): Promise<void> {
    await this.open(conversationId);
    const state = this.state;
    if (state.conversationId !== conversationId) return;
    const shown = visibleThread(state.messages, state.branchChoices, state.comparisons).some(
      (entry) => entry.message.id === messageId || entry.group?.some((m) => m.id === messageId),
    );
    if (!shown) await this.showBranch(messageId);
    this.store.setState({ focusMessage: { id: messageId, seq: ++this.focusSeq } });
  }

  /**
   * Shows another sibling (an edit, a regeneration, a compare reply, a search hit's
   * branch) and remembers it, so the next message continues it, also after a restart.
   */
  async showBranch(messageId: string): Promise<void> {
    const conversationId = this.state.conversationId;
    if (!conversationId) return;
    // On screen at once; the core then says which branch below it is the newest.
    this.store.setState((s) => ({ branchChoices: chooseBranch(s.branchChoices, s.messages, messageId) }));
    try {
      await this.api.call('chat.showBranch', { conversationId, messageId });
      await this.reload(conversationId);
    } catch (error) {
      this.status.pushError(userMessage(error));
    }
  }

  /**
   * "Continue with this one" on a reply of a comparison: the core makes its branch
   * the shown one and its provider and model the conversation's. Resolves the
   * reply's provider id (for the composer to select), or null.
   */
  async continueWith(messageId: string): Promise<string | null> {
    const conversationId = this.state.conversationId;
    if (!conversationId) return null;
    this.store.setState((s) => ({ branchChoices: chooseBranch(s.branchChoices, s.messages, messageId) }));
    try {
      const runs = await this.api.call('compare.list', { conversationId });
      const run = runs.find((r) => r.columns.some((c) => c.messageId === messageId));
      if (!run) {
        await this.showBranch(messageId);
        return null;
      }
      const chosen = await this.api.call('compare.choose', { conversationId, runId: run.id, messageId });
      await this.reload(conversationId);
      return chosen.providerId;
    } catch (error) {
      this.status.pushError(userMessage(error));
      return null;
    }
  }

  /**
   * Asks the same question again for another reply beside this one (a sibling):
   * from the same model, or from `provider`'s model when one is given.
   */
  async regenerate(messageId: string, provider?: Pick<ProviderView, 'id' | 'model'>): Promise<void> {
    const conversationId = this.state.conversationId;
    if (!conversationId) return;
    try {
      await this.api.call('chat.regenerate', {
        conversationId,
        messageId,
        ...(provider ? { providerId: provider.id, model: provider.model } : {}),
      });
      await this.reload(conversationId);
    } catch (error) {
      this.status.pushError(userMessage(error));
    }
  }

  /** A renamed conversation: its heading follows when it is the open one. */
  retitle(id: string, title: string): void {
    if (this.state.conversationId === id) this.store.setState({ title });
  }

  /**
   * A turn the core accepted, shown at once (the reply may even have ended
   * already), then the conversation as the core has it. A new chat gets its id here.
   */
  showSent(turn: SentTurn): void {
    this.store.setState((s) => ({
      conversationId: turn.conversationId,
      messages: withSentMessages(s.messages, turn, this.finals),
      loading: false,
    }));
    writePreference(this.storage, LAST_CONVERSATION_KEY, turn.conversationId);
    void this.reload(turn.conversationId);
  }

  /** Loads the shown branch and the siblings at its forks; the core remembers which branch is shown. */
  async reload(id: string): Promise<void> {
    const seq = ++this.loadSeq;
    try {
      const { conversation, messages, leafId, attachments, comparisons } = await this.api.call('chat.branch', { conversationId: id });
      if (seq !== this.loadSeq || this.state.conversationId !== id) return;
      this.store.setState((s) => ({
        messages: mergeLoadedMessages(messages, s.messages, this.finals),
        title: conversation.title,
        remembered: rememberedChoice(conversation.settings),
        branchChoices: leafId ? choicesShowing(messages, leafId) : {},
        attachments: attachmentsByMessage(attachments),
        comparisons,
        loading: false,
      }));
      for (const message of messages) this.finals.delete(message.id);
    } catch (error) {
      if (seq !== this.loadSeq) return;
      this.store.setState({ loading: false });
      // Deleted elsewhere (another window, a restore): leave it rather than show a ghost.
      const missing = errorCode(error) === 'conversation.missing';
      const quietly = missing && this.reopening === id;
      if (missing) this.newChat();
      // The one open last time may simply be gone: no need to say so.
      // Said until another conversation opens (after a restore it would otherwise stay on every one).
      if (!quietly) this.status.pushError(userMessage(error), { untilSwitch: true });
    } finally {
      if (this.reopening === id) this.reopening = null;
    }
  }

  private onStreamEnd(end: EventPayload<'stream.end'>): void {
    const messages = applyStreamEnd(this.state.messages, end);
    if (messages) this.store.setState({ messages });
    else this.rememberFinal(end.message);
  }

  private switched(): void {
    for (const listener of this.switchListeners) listener();
  }

  private rememberFinal(message: Message): void {
    this.finals.set(message.id, message);
    if (this.finals.size > MAX_FINALS) this.finals.delete(this.finals.keys().next().value!);
  }
}
