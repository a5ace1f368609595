// The conversation list: the most recently updated ones that are not archived,
// pinned first, asked again whenever one changes. Renaming, pinning, archiving,
// filing and tagging go through here; archiving and deleting (which hides a
// conversation at once) offer Undo. The open conversation follows: deleting
// it closes it, Undo reopens it, a rename retitles it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, MethodInput } from '../../src-shared/api/contract';
import type { ConversationDetails } from '../../src-shared/entities/library';
import { userMessage } from '../api/errors';
import { t } from '../i18n';
import { coalesced } from './coalesced';
import type { StatusStore } from './status-store';
import type { ThreadStore } from './thread-store';
import type { UiStore } from './ui-store';

export interface ConversationListState {
  conversations: ConversationDetails[];
  loaded: boolean;
  /** Conversations being deleted: hidden at once, before the core has answered. */
  pendingDeletes: readonly string[];
}

export type ConversationPatch = Omit<MethodInput<'conversation.update'>, 'id'>;

const PAGE = 200;

export class ConversationListStore {
  readonly store: StoreApi<ConversationListState>;
  /** Asks the core again; calls made while it asks cause one more round, not one each. */
  readonly refresh: () => Promise<void>;

  constructor(
    private readonly api: ApiClient,
    private readonly status: StatusStore,
    private readonly thread: ThreadStore,
    private readonly ui: UiStore,
  ) {
    this.store = createStore<ConversationListState>()(() => ({ conversations: [], loaded: false, pendingDeletes: [] }));
    this.refresh = coalesced(() => this.load());
  }

  get state(): ConversationListState {
    return this.store.getState();
  }

  /** A finished reply or a changed conversation moves it in the list. Returns the unsubscribe. */
  listen(): () => void {
    const subscriptions = [this.api.on('stream.end', () => void this.refresh()), this.api.on('conversation.changed', () => void this.refresh())];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }

  /** The conversations the sidebar shows, in its order. */
  listedIds(): string[] {
    const { conversations, pendingDeletes } = this.state;
    return conversations.filter((c) => !pendingDeletes.includes(c.id)).map((c) => c.id);
  }

  /** Renames, pins, archives, files or tags a conversation; false (and a notice) when that failed. */
  async update(id: string, patch: ConversationPatch): Promise<boolean> {
    try {
      const updated = await this.api.call('conversation.update', { id, ...patch });
      this.thread.retitle(id, updated.title);
      await this.refresh();
      return true;
    } catch (error) {
      this.status.pushError(userMessage(error));
      return false;
    }
  }

  /** Archives (or brings back) a conversation, with Undo in the toast; false when that failed. */
  async setArchived(conversation: ConversationDetails, archived: boolean): Promise<boolean> {
    if (!(await this.update(conversation.id, { archived }))) return false;
    const title = conversation.title.trim() || t('sidebar.untitled');
    const text = archived ? t('sidebar.archivedOne', { title }) : t('sidebar.unarchivedOne', { title });
    this.ui.toast(text, { action: { label: t('common.undo'), run: () => void this.update(conversation.id, { archived: !archived }) } });
    return true;
  }

  /**
   * Deletes a conversation at once; the toast's Undo brings it back with its
   * messages. `title` for the toast, when the list may not hold it (an archived one).
   */
  async delete(id: string, title = this.state.conversations.find((c) => c.id === id)?.title): Promise<void> {
    const shown = title?.trim() || t('sidebar.untitled');
    const wasOpen = this.thread.state.conversationId === id;
    this.store.setState((s) => ({ pendingDeletes: [...s.pendingDeletes, id] }));
    if (wasOpen) this.thread.newChat();
    try {
      await this.api.call('conversation.delete', { id });
      await this.refresh();
    } catch (error) {
      this.status.pushError(t('sidebar.deleteFailed', { reason: userMessage(error) }));
      return;
    } finally {
      this.store.setState((s) => ({ pendingDeletes: s.pendingDeletes.filter((pending) => pending !== id) }));
    }
    this.ui.toast(t('sidebar.deleted', { title: shown }), {
      action: { label: t('common.undo'), run: () => void this.restore(id, wasOpen) },
    });
  }

  private async restore(id: string, reopen: boolean): Promise<void> {
    try {
      await this.api.call('conversation.restore', { id });
      await this.refresh();
      this.ui.toast(t('sidebar.restored'), { tone: 'success' });
      if (reopen && this.thread.state.conversationId === null) await this.thread.open(id);
    } catch (error) {
      this.status.pushError(t('sidebar.restoreFailed', { reason: userMessage(error) }));
    }
  }

  private async load(): Promise<void> {
    try {
      const conversations = await this.api.call('conversation.list', { limit: PAGE });
      this.store.setState({ conversations, loaded: true });
    } catch (error) {
      this.status.pushError(t('errors.loadConversations', { reason: userMessage(error) }));
    }
  }
}
