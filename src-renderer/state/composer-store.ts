// Asking: sending the composer's text and files to the chosen provider (with the
// chosen persona), editing a sent message into a new version, stopping the reply
// being written, and the sentence saying why a message could not be sent.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/contract';
import type { AttachmentUpload } from '../../src-shared/entities/attachments';
import { errorCode, userMessage } from '../api/errors';
import { t } from '../i18n';
import type { ConversationListStore } from './conversations-store';
import type { ProvidersStore } from './providers-store';
import type { StatusStore } from './status-store';
import { visibleThread } from './thread';
import { activeReplyId, type ThreadStore } from './thread-store';

export interface ComposerState {
  /** A message is on its way to the core. */
  sending: boolean;
  /** Why the last message could not be sent. */
  error: string | null;
  /** The persona for the next message; null for none. */
  personaId: string | null;
  /** The last message was refused because the keys are locked: the composer asks to unlock them in place. */
  vaultLocked: boolean;
}

export class ComposerStore {
  readonly store: StoreApi<ComposerState>;

  constructor(
    private readonly api: ApiClient,
    private readonly thread: ThreadStore,
    private readonly providers: ProvidersStore,
    private readonly conversations: ConversationListStore,
    private readonly status: StatusStore,
  ) {
    this.store = createStore<ComposerState>()(() => ({ sending: false, error: null, personaId: null, vaultLocked: false }));
  }

  get state(): ComposerState {
    return this.store.getState();
  }

  /** Why a message could not be sent goes when the reason does: another conversation, a provider chosen or saved. Returns the unsubscribe. */
  listen(): () => void {
    const clear = () => this.store.setState({ error: null, vaultLocked: false });
    const subscriptions = [
      this.thread.onSwitch(clear),
      this.providers.store.subscribe((state, previous) => {
        if (state.selectedId !== previous.selectedId || state.providers !== previous.providers) clear();
      }),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }

  /** The user unlocked the keys, or chose not to now. */
  dismissVaultLocked(): void {
    this.store.setState({ vaultLocked: false });
  }

  selectPersona(id: string | null): void {
    this.store.setState({ personaId: id });
  }

  /** Sends the composer's text and files; resolves true when the core accepted it. */
  async send(text: string, attachments: readonly AttachmentUpload[] = []): Promise<boolean> {
    const { sending, personaId } = this.state;
    if (sending || !text.trim()) return false;
    // Sent while the page loads: the providers' list is on its way, so wait for it rather than say there is none.
    if (!this.providers.state.loaded) await this.providers.whenLoaded();
    const provider = this.providers.selected();
    if (!provider) {
      this.store.setState({ error: this.providers.state.providers.length ? t('composer.chooseProvider') : t('composer.addProviderFirst') });
      return false;
    }
    const before = this.thread.state;
    if (activeReplyId(before)) {
      this.store.setState({ error: t('composer.replyInProgress') });
      return false;
    }
    const conversationId = before.conversationId;
    this.store.setState({ sending: true, error: null, vaultLocked: false });
    try {
      const sent = await this.api.call('chat.send', {
        ...(conversationId ? { conversationId } : {}),
        providerId: provider.id,
        ...(personaId ? { personaId } : {}),
        text,
        ...(attachments.length > 0 ? { attachments: [...attachments] } : {}),
      });
      // The user may have opened another conversation while this was on its way.
      if (this.thread.state.conversationId === conversationId) {
        const parentId = visibleThread(before.messages, before.branchChoices).at(-1)?.message.id ?? null;
        this.thread.showSent({ ...sent, parentId, text: text.trim(), providerId: provider.id, model: provider.model });
      }
      void this.conversations.refresh();
      return true;
    } catch (error) {
      const locked = errorCode(error) === 'vault.locked';
      this.store.setState({ error: locked ? null : userMessage(error), vaultLocked: locked });
      return false;
    } finally {
      this.store.setState({ sending: false });
    }
  }

  /**
   * Asks an edited version of one of the user's messages (a sibling; the old one
   * stays a branch away) with the chosen provider. Resolves null when the core
   * accepted it, else the sentence saying why not.
   */
  async edit(messageId: string, text: string): Promise<string | null> {
    const conversationId = this.thread.state.conversationId;
    if (!conversationId || !text.trim()) return t('chat.emptyEdit');
    const provider = this.providers.selected();
    const { personaId } = this.state;
    try {
      await this.api.call('chat.edit', {
        conversationId,
        messageId,
        text,
        ...(provider ? { providerId: provider.id } : {}),
        ...(personaId ? { personaId } : {}),
      });
      await this.thread.reload(conversationId);
      return null;
    } catch (error) {
      return userMessage(error);
    }
  }

  async stop(): Promise<void> {
    const messageId = activeReplyId(this.thread.state);
    if (!messageId) return;
    try {
      await this.api.call('chat.stop', { messageId });
    } catch (error) {
      this.status.pushError(userMessage(error));
    }
  }
}
