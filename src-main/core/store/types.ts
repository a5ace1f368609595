// The store's typed interface. The implementation runs every query in one worker
// thread (the only writer); the main thread only posts requests and awaits replies.
import type { Conversation, Message, MessageRole, MessageStatus, ProviderConfig, Usage, UserError } from '../../../src-shared/domain';

export interface NewMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  providerId: string | null;
  model: string | null;
}

export interface MessageOutcome {
  content: string;
  status: Exclude<MessageStatus, 'streaming'>;
  error: UserError | null;
  usage: Usage;
}

export interface ConversationStore {
  /** Where the database file lives. */
  readonly file: string;
  createConversation(input: { id: string; title: string }): Promise<Conversation>;
  /** Newest-updated first; tombstoned rows excluded. */
  listConversations(limit: number): Promise<Conversation[]>;
  /** The conversation and its messages in creation order, or null when missing or deleted. */
  getConversation(id: string): Promise<{ conversation: Conversation; messages: Message[] } | null>;
  /** Tombstones the conversation (rows are never hard-deleted while synced). */
  deleteConversation(id: string): Promise<boolean>;
  insertMessage(message: NewMessage): Promise<Message>;
  /** Replaces a streaming message's text (a periodic flush, never one write per token). */
  flushStreamingText(id: string, content: string): Promise<void>;
  /** Sets a message's final text, status, error and usage. */
  finishMessage(id: string, outcome: MessageOutcome): Promise<Message>;
  listProviders(): Promise<ProviderConfig[]>;
  getProvider(id: string): Promise<ProviderConfig | null>;
  saveProvider(provider: ProviderConfig): Promise<ProviderConfig>;
  deleteProvider(id: string): Promise<boolean>;
  /** Finishes pending writes and stops the worker. */
  close(): Promise<void>;
}
